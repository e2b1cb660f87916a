import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mockStableAbi, mockYieldVaultAbi, mockYieldVaultBytecode } from "@backstop/abi";
import { type Abi, type Address, encodeFunctionData, erc20Abi, type Hash, isAddressEqual } from "viem";
import { deployContract, getTransaction, waitForTransactionReceipt, writeContract } from "viem/actions";
import { type DeployPeripheryReturnType, deployPeriphery } from "../deploy/deployPeriphery.ts";
import {
  ClaimRejectedError,
  ClaimStatusError,
  NotSettledError,
  UnauthorizedError,
} from "../errors/contract.ts";
import type { PreparedRequest } from "../internal/types.ts";
import { createWorld, DAY, usd, type World } from "../test/world.ts";
import { claim } from "./claim.ts";
import { collectProtection, prepareCollectProtection } from "./collectProtection.ts";
import { getInsuredVault } from "./getInsuredVault.ts";
import { getProtectionSeries } from "./getProtectionSeries.ts";
import { getRiskPrice } from "./getRiskPrice.ts";
import { insuredDeposit, prepareInsuredDeposit } from "./insuredDeposit.ts";
import { insuredVaultDeposit, prepareInsuredVaultDeposit } from "./insuredVaultDeposit.ts";
import { insuredVaultRedeem, prepareInsuredVaultRedeem } from "./insuredVaultRedeem.ts";
import { mintProtection, prepareMintProtection } from "./mintProtection.ts";
import { quote } from "./quote.ts";
import { prepareRedeemProtection, redeemProtection } from "./redeemProtection.ts";
import { prepareResolveProtection, resolveProtection } from "./resolveProtection.ts";
import { prepareRollCover, rollCover } from "./rollCover.ts";
import { settle } from "./settle.ts";

// The periphery on a real local chain: deployPeriphery, then every periphery action against its contracts.
let w: World;
let p: DeployPeripheryReturnType;
let yv: Address;
let vault: Address;
let series: Address;

async function assertSent(hash: Hash, request: PreparedRequest<Abi, string>) {
  const tx = await getTransaction(w.chain.publicClient, { hash });
  assert.ok(tx.to && isAddressEqual(tx.to, request.address), `${request.functionName}: target`);
  assert.equal(
    tx.input,
    encodeFunctionData({ abi: request.abi, functionName: request.functionName, args: request.args } as never),
    `${request.functionName}: calldata`,
  );
}

const mined = async (hash: Promise<Hash>) =>
  waitForTransactionReceipt(w.chain.publicClient, { hash: await hash });
const mintStable = (to: Address, amount: bigint) =>
  mined(
    writeContract(w.gov, {
      address: w.d.stable,
      abi: mockStableAbi,
      functionName: "mint",
      args: [to, amount],
    }),
  );

before(async () => {
  w = await createWorld();
  const r = await mined(
    deployContract(w.gov, { abi: mockYieldVaultAbi, bytecode: mockYieldVaultBytecode, args: [w.d.stable] }),
  );
  yv = r.contractAddress as Address;
  const now = await w.chain.now();
  p = await deployPeriphery(w.gov, {
    deployment: w.d,
    riskFeedMarkets: [w.markets.parametric, w.markets.assessed],
    insuredVaults: [
      {
        source: yv,
        name: "Insured MYV",
        symbol: "iMYV",
        cover: {
          marketId: w.markets.parametric,
          targetBps: 10_000,
          period: 30 * 86_400,
          renewBefore: 3 * 86_400,
          pools: [w.pools[0].poolId, w.pools[1].poolId],
        },
        keepers: [w.other.account.address],
      },
    ],
    series: [{ marketId: w.markets.parametric, expiry: (now / DAY + 60n) * DAY }],
  });
  vault = p.insuredVaults[0] as Address;
  series = p.series[0]?.address as Address;
  // The LP's capital backs both markets.
  for (const pool of w.pools) {
    const { deposit } = await import("./deposit.ts");
    await deposit(w.lp, { pool: pool.address, assets: usd(1_000_000) });
  }
});

after(async () => {
  await w?.chain.close();
});

describe("deployPeriphery and getRiskPrice", () => {
  it("test_deployPeriphery_recordsEveryContract_andTheFeedReadsTheLensRate", async () => {
    assert.equal(Object.keys(p.riskFeeds).length, 2);
    assert.equal(p.series[0]?.expiry ? p.series[0].expiry % DAY : -1n, 0n);
    const r = await getRiskPrice(w.chain.publicClient, {
      feed: p.riskFeeds[String(w.markets.parametric)] as Address,
    });
    assert.equal(r.decimals, 8);
    assert.equal(r.marketId, w.markets.parametric);
    assert.ok(r.rateBps > 0n, "a positive annual rate");
    assert.equal(r.answer, r.rateBps * 10_000n);
  });
});

describe("insuredDeposit", () => {
  it("test_insuredDeposit_depositsAndCoversInOneTransaction", async () => {
    const q = await quote(w.buyer, {
      markets: w.d.markets,
      poolLens: w.d.poolLens,
      marketId: w.markets.parametric,
      amount: usd(10_000),
      period: 30n * DAY,
    });
    const params = {
      router: p.router,
      vault: yv,
      assets: usd(10_000),
      marketId: w.markets.parametric,
      period: 30n * DAY,
      pools: q.pools,
      maxPremium: q.total + q.total / 100n,
    };
    const r = await insuredDeposit(w.buyer, params);
    assert.equal(r.coverAmount, usd(10_000));
    assert.ok(r.policyId > 0n && r.shares > 0n && r.premium > 0n && r.premium <= params.maxPremium);
    await assertSent(r.hash, prepareInsuredDeposit({ ...params, minShares: 0n, coverAmount: 0n }));
  });
});

describe("insuredDeposit with a permit", () => {
  it("test_insuredDeposit_permitInsteadOfApproval_targetsTheWithPermitCall", async () => {
    const q = await quote(w.other, {
      markets: w.d.markets,
      poolLens: w.d.poolLens,
      marketId: w.markets.parametric,
      amount: usd(2_000),
      period: 30n * DAY,
    });
    const r = await insuredDeposit(w.other, {
      router: p.router,
      vault: yv,
      assets: usd(2_000),
      marketId: w.markets.parametric,
      period: 30n * DAY,
      pools: q.pools,
      maxPremium: q.total,
      permit: true,
    });
    assert.ok(r.policyId > 0n && r.shares > 0n);
    const tx = await getTransaction(w.chain.publicClient, { hash: r.hash });
    assert.equal(
      tx.input.slice(0, 10),
      encodeFunctionData(
        prepareInsuredDeposit({
          router: p.router,
          vault: yv,
          assets: 1n,
          minShares: 0n,
          marketId: 1n,
          coverAmount: 0n,
          period: 1n,
          pools: [0],
          maxPremium: 1n,
          permits: {
            asset: { value: 1n, deadline: 1n, v: 27, r: `0x${"11".repeat(32)}`, s: `0x${"22".repeat(32)}` },
          },
        }) as never,
      ).slice(0, 10),
      "insuredDepositWithPermit",
    );
    const allowance = await w.chain.publicClient.readContract({
      address: w.d.stable,
      abi: erc20Abi,
      functionName: "allowance",
      args: [w.other.account.address, p.router],
    });
    assert.equal(allowance, 0n, "the router keeps no allowance: the permit was spent exactly");
  });
});

describe("insured vault", () => {
  it("test_insuredVault_depositRollIsIdempotentAndShows", async () => {
    const dep = await insuredVaultDeposit(w.buyer, { vault, assets: usd(100_000) });
    assert.ok(dep.shares > 0n);
    await assertSent(
      dep.hash,
      prepareInsuredVaultDeposit({ vault, assets: usd(100_000), receiver: w.buyer.account.address }),
    );
    await assert.rejects(
      rollCover(w.lp, { vault }),
      (e: unknown) => e instanceof UnauthorizedError && e.is("NotKeeper"),
    );
    await mintStable(yv, usd(2_000)); // sponsored yield
    const rolled = await rollCover(w.other, { vault });
    assert.ok(rolled.policyId > 0n && rolled.premium > 0n);
    assert.ok(rolled.coveredBps >= 10_000n);
    await assertSent(rolled.hash, prepareRollCover({ vault }));
    const again = await rollCover(w.other, { vault });
    assert.equal(again.policyId, 0n, "a covered vault buys nothing");
    const v = await getInsuredVault(w.chain.publicClient, { vault, holder: w.buyer.account.address });
    assert.equal(v.policies.length, 1);
    assert.ok((v.coverageRatioBps ?? 0n) >= 10_000n);
    assert.ok(v.sharePrice >= usd(1), "yield above the premium keeps the share price at or above 1");
    assert.equal(v.holder?.shares, dep.shares);
  });

  it("test_insuredVault_redeemSendsTheBuildersCall", async () => {
    const shares = 10n ** 12n * 1_000n;
    const r = await insuredVaultRedeem(w.buyer, { vault, shares });
    assert.equal(r.shares, shares);
    assert.ok(r.assets > 0n);
    const me = w.buyer.account.address;
    await assertSent(r.hash, prepareInsuredVaultRedeem({ vault, shares, receiver: me, owner: me }));
  });
});

describe("protection series", () => {
  let lotA: bigint;
  let lotB: bigint;

  it("test_protection_mintLocksUntilMaturity", async () => {
    const s0 = await getProtectionSeries(w.chain.publicClient, { series });
    const q = await quote(w.buyer, {
      markets: w.d.markets,
      poolLens: w.d.poolLens,
      marketId: w.markets.parametric,
      amount: usd(30_000),
      period: s0.expiry - (await w.chain.now()),
    });
    const a = await mintProtection(w.buyer, {
      series,
      amount: usd(30_000),
      pools: q.pools,
      maxPremium: q.total * 2n,
    });
    await assertSent(
      a.hash,
      prepareMintProtection({ series, amount: usd(30_000), pools: q.pools, maxPremium: q.total * 2n }),
    );
    const b = await mintProtection(w.other, {
      series,
      amount: usd(10_000),
      pools: q.pools,
      maxPremium: q.total * 2n,
    });
    lotA = a.policyId;
    lotB = b.policyId;
    const s = await getProtectionSeries(w.chain.publicClient, { series, holder: w.buyer.account.address });
    assert.equal(s.supply, usd(40_000));
    assert.equal(s.holder?.locked, usd(30_000));
    assert.equal(s.holder?.unlocked, 0n);
    await assert.rejects(
      resolveProtection(w.buyer, { series, policyId: lotA }),
      (e: unknown) => e instanceof ClaimStatusError && e.is("LotNotMature"),
    );
    await assert.rejects(
      redeemProtection(w.buyer, { series, amount: 1n }),
      (e: unknown) => e instanceof NotSettledError && e.is("NotCollected"),
    );
  });

  it("test_protection_matureTransferIncidentPayoutRestoresVaultAndPaysProRata", async () => {
    await w.chain.increaseTime(8n * DAY);
    const ra = await resolveProtection(w.lp, { series, policyId: lotA });
    assert.equal(ra.eligible, true);
    await assertSent(ra.hash, prepareResolveProtection({ series, policyId: lotA }));
    await resolveProtection(w.lp, { series, policyId: lotB });
    // Unlocked tokens transfer: buyer 30k -> 20k, other 10k -> 20k.
    await mined(
      writeContract(w.buyer, {
        address: series,
        abi: erc20Abi,
        functionName: "transfer",
        args: [w.other.account.address, usd(10_000)],
      }),
    );

    // The yield vault is exploited: the insured vault's share price falls; the incident fires and settles.
    const before = await getInsuredVault(w.chain.publicClient, { vault });
    const yvAssets = await w.chain.publicClient.readContract({
      address: yv,
      abi: mockYieldVaultAbi,
      functionName: "totalAssets",
    });
    await mined(
      writeContract(w.gov, {
        address: yv,
        abi: mockYieldVaultAbi,
        functionName: "exploit",
        args: [w.gov.account.address, yvAssets / 2n],
      }),
    );
    const hit = await getInsuredVault(w.chain.publicClient, { vault });
    assert.ok(hit.sharePrice < before.sharePrice, "the exploit cut the share price");
    await w.fire((await w.chain.now()) - 3_600n);
    await settle(w.lp, { settlement: w.d.settlement, marketId: w.markets.parametric });
    for (const held of before.policies)
      await claim(w.lp, { settlement: w.d.settlement, policyId: held.policyId });
    const healed = await getInsuredVault(w.chain.publicClient, { vault });
    assert.ok(healed.sharePrice > hit.sharePrice, "the payout raised the share price");

    const c = await collectProtection(w.lp, { series });
    assert.equal(c.done, true);
    assert.equal(c.eligibleOutstanding, usd(40_000));
    await assertSent(c.hash, prepareCollectProtection({ series, maxPolicies: 100n }));
    const pa = await redeemProtection(w.buyer, { series, amount: usd(20_000) });
    await assertSent(pa.hash, prepareRedeemProtection({ series, amount: usd(20_000) }));
    const pb = await redeemProtection(w.other, { series, amount: usd(20_000) });
    assert.ok(pa.paid > 0n);
    assert.ok(
      pa.paid - pb.paid <= 1n && pb.paid - pa.paid <= 1n,
      "equal balances are paid equally (pro rata)",
    );
    await assert.rejects(
      redeemProtection(w.other, { series, amount: 1n }),
      (e: unknown) => e instanceof ClaimRejectedError && e.is("NotEligible"),
    );
  });
});
