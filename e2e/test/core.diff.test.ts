import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { marketsAbi, mockTriggerAbi, poolAbi, poolLensAbi, settlementAbi } from "@backstop/abi";
import {
  capacity,
  consumeRequest,
  exitValue,
  fillGreedy,
  freeCapital,
  type GroupExposure,
  lockedCapital,
  maxRedeem,
  maxWithdraw,
  type PayoutMode,
  payout,
  payoutPerUnitWad,
  poolFreeCapacity,
  previewDeposit,
  redeemAssets,
  underwritingCapital,
  utilisation,
  WAD,
  withdrawShares,
  worstGroupExposureRatio,
} from "@backstop/core";
import {
  buyCover,
  claim,
  deposit,
  getIncident,
  quote,
  quoteOnchain,
  readPoolMarketState,
  redeem,
  requestRedeem,
  settle,
  submitClaim,
  withdraw,
} from "@backstop/sdk";
import type { Address } from "viem";
import { waitForTransactionReceipt, writeContract } from "viem/actions";
import type { Chain } from "../lib/chain.ts";
import { connectChain } from "../lib/chain.ts";
import { prng } from "../lib/prng.ts";
import {
  assignAssessors,
  createMarket,
  createPool,
  curves,
  DAY,
  deployProtocol,
  fund,
  usd,
} from "../lib/protocol.ts";
import type { Signer } from "../lib/smallWorld.ts";

const ctx = (o: object) => JSON.stringify(o, (_, v) => (typeof v === "bigint" ? `${v}` : v));

async function fire(chain: Chain, trigger: Address, time: bigint, payoutWad: bigint) {
  const gov = chain.wallets[0] as Signer;
  const hash = await writeContract(gov, {
    account: gov.account,
    chain: gov.chain,
    address: trigger,
    abi: mockTriggerAbi,
    functionName: "fire",
    args: [time, payoutWad],
  });
  await waitForTransactionReceipt(chain.publicClient, { hash });
}

/** Every group's booked exposure and cap in `pool`, read at `blockNumber`. */
async function groupsOf(chain: Chain, markets: Address, pool: Address, blockNumber: bigint) {
  const count = await chain.publicClient.readContract({
    address: markets,
    abi: marketsAbi,
    functionName: "groupCount",
    blockNumber,
  });
  const out: GroupExposure[] = [];
  for (let g = 0; g < Number(count); g++) {
    const [booked, capBps] = await chain.publicClient.readContract({
      address: pool,
      abi: poolAbi,
      functionName: "groupExposure",
      args: [g],
      blockNumber,
    });
    out.push({ groupId: g, booked, capBps: BigInt(capBps) });
  }
  return out;
}

describe("core mirrors the contracts (differential against the local chain, seeded)", () => {
  it("payout matches Settlement.payoutOf and claim: random amounts, ratios, deductibles, modes, haircuts", async () => {
    const r = prng(0xbac5_7009n);
    const chain = await connectChain();
    const d = await deployProtocol(chain);
    const [, curator, lp, buyer] = chain.wallets as [Signer, Signer, Signer, Signer];
    // Nine parametric markets over three groups (three per group, weight 30% each): total exposure up to 270%
    // of capital, so settling them one after another drains the pool and the last ones take a haircut.
    const specs = Array.from({ length: 9 }, (_, i) => ({
      name: `m${i}`,
      groups: [i % 3],
      parametric: true,
      deductibleBps: Number(r.below(5_001n)),
      proportional: r.below(3n) !== 0n,
    }));
    const markets = [];
    for (const spec of specs) markets.push({ ...(await createMarket(chain, d, spec)), spec });
    const pool = await createPool(chain, d, curator, {
      name: "Diff pool",
      symbol: "bpD",
      leverageBps: 30_000,
      groupCaps: [0, 1, 2].map((groupId) => ({ groupId, capBps: 10_000 })),
      markets: markets.map((m) => ({ marketId: m.marketId, weightBps: 3_000, curve: curves.standard })),
    });
    await fund(chain, d, [lp, buyer], usd(1_000_000_000));
    await deposit(lp, { pool: pool.address, assets: usd(4_000_000) });

    // Eight policies per market, amounts at full wei resolution: up to 8 x 145k of the 1.2M capacity.
    const policies: { id: bigint; amount: bigint; market: (typeof markets)[number] }[] = [];
    for (const m of markets) {
      for (let i = 0; i < 8; i++) {
        const amount = usd(90_000) + r.below(usd(55_000));
        const bought = await buyCover(buyer, {
          coverManager: d.coverManager,
          marketId: m.marketId,
          amount,
          period: 30n * DAY,
          pools: [pool.poolId],
          maxPremium: usd(1_000_000),
        });
        policies.push({ id: bought.policyId, amount, market: m });
      }
    }
    await chain.increaseTime(DAY);
    const incidentTime = (await chain.now()) - 3_600n;
    const ratios = new Map<bigint, bigint>();
    for (const [i, m] of markets.entries()) {
      // Zero once, then a random ratio, exactly 100% or above 100%.
      const kind = i % 3;
      const ratio =
        i === 0 ? 0n : kind === 0 ? WAD / 2n + r.below(WAD / 2n) : kind === 1 ? WAD : WAD + r.below(WAD);
      ratios.set(m.marketId, ratio);
      await fire(chain, m.trigger, incidentTime, ratio);
      await settle(buyer, { settlement: d.settlement, marketId: m.marketId });
    }

    let haircuts = 0;
    let checked = 0;
    for (const p of policies) {
      const m = p.market;
      const inc = await getIncident(buyer, { settlement: d.settlement, marketId: m.marketId });
      const mode: PayoutMode = m.spec.proportional ? "PROPORTIONAL" : "BINARY";
      const args = {
        amount: p.amount,
        payoutWad: ratios.get(m.marketId) ?? 0n,
        deductibleBps: BigInt(m.spec.deductibleBps),
        mode,
        funded: inc.funded,
        required: inc.required,
      };
      const c = ctx({ policy: p.id, ...args });
      assert.equal(payoutPerUnitWad(args), inc.payoutPerUnitWad, c);
      const expected = payout(args);
      const onchain = await chain.publicClient.readContract({
        address: d.settlement,
        abi: settlementAbi,
        functionName: "payoutOf",
        args: [p.id],
      });
      assert.equal(expected, onchain, c);
      if (inc.funded < inc.required) haircuts++;
      if (expected !== 0n) {
        const paid = await claim(buyer, { settlement: d.settlement, policyId: p.id });
        assert.equal(paid.payout, expected, c);
      }
      checked++;
    }
    assert.equal(checked, 72);
    assert.ok(haircuts > 0, "some markets were settled with a haircut");

    // Deposits price at totalAssets = capital + reserves receivable.
    const read = { address: pool.address, abi: poolAbi } as const;
    const receivable = await chain.publicClient.readContract({ ...read, functionName: "reserveReceivable" });
    assert.ok(receivable >= 0n);
    const dep = await deposit(lp, { pool: pool.address, assets: usd(123_456) + 789n });
    const at = { blockNumber: dep.receipt.blockNumber } as const;
    const [supply, totalAssets] = await Promise.all([
      chain.publicClient.readContract({ ...read, functionName: "totalSupply", ...at }),
      chain.publicClient.readContract({ ...read, functionName: "totalAssets", ...at }),
    ]);
    assert.equal(
      dep.shares,
      previewDeposit(usd(123_456) + 789n, supply - dep.shares, totalAssets - usd(123_456) - 789n),
    );
  });

  it("pool and lens views, quotes and exits match the core math, with a claim hold", async () => {
    const r = prng(0x1e45n);
    const chain = await connectChain();
    const d = await deployProtocol(chain);
    const [, curator, lp, buyer, lp2, assessor] = chain.wallets as Signer[] as [
      Signer,
      Signer,
      Signer,
      Signer,
      Signer,
      Signer,
    ];
    const assessed = await createMarket(chain, d, { name: "assessed", groups: [1, 2] });
    await assignAssessors(chain, d, [assessed.marketId], [assessor.account.address]);
    const depeg = await createMarket(chain, d, { name: "depeg", groups: [0], parametric: true });
    const bridge = await createMarket(chain, d, { name: "bridge", groups: [1], parametric: true });
    const markets = [assessed, depeg, bridge];
    const pools: Awaited<ReturnType<typeof createPool>>[] = [];
    for (const [i, curve] of [curves.standard, curves.conservative, curves.aggressive].entries()) {
      pools.push(
        await createPool(chain, d, curator, {
          name: `Pool ${i}`,
          symbol: `bp${i}`,
          leverageBps: 15_000 + i * 5_000,
          groupCaps: [
            { groupId: 0, capBps: 6_000 },
            { groupId: 1, capBps: 7_000 + i * 1_000 },
            { groupId: 2, capBps: 5_000 },
          ],
          markets: markets.map((m, j) => ({
            marketId: m.marketId,
            weightBps: 2_000 + ((i + j) % 3) * 1_500,
            curve,
            followOracle: j === 1 && i === 2,
          })),
        }),
      );
    }
    await fund(chain, d, [lp, buyer, lp2], usd(100_000_000));
    for (const p of pools) {
      await deposit(lp, { pool: p.address, assets: usd(500_000) + r.below(usd(1_500_000)) });
      await deposit(lp2, { pool: p.address, assets: usd(100_000) + r.below(usd(400_000)) });
    }
    const poolIds = pools.map((p) => p.poolId);

    /** Every view of every pool and market, at one block, against the core. */
    const checkViews = async (label: string) => {
      const blockNumber = await chain.publicClient.getBlockNumber();
      const at = { blockNumber } as const;
      for (const p of pools) {
        const read = { address: p.address, abi: poolAbi, ...at } as const;
        const lens = { address: d.poolLens, abi: poolLensAbi, ...at } as const;
        const [cap, hold, total, locked, free, params, groups] = await Promise.all([
          chain.publicClient.readContract({ ...read, functionName: "capital" }),
          chain.publicClient.readContract({ ...read, functionName: "claimHold" }),
          chain.publicClient.readContract({ ...read, functionName: "totalExposure" }),
          chain.publicClient.readContract({ ...read, functionName: "lockedCapital" }),
          chain.publicClient.readContract({ ...read, functionName: "freeCapital" }),
          chain.publicClient.readContract({ ...read, functionName: "poolParams" }),
          groupsOf(chain, d.markets, p.address, blockNumber),
        ]);
        const c = `${label}, pool ${p.poolId}`;
        const uw = underwritingCapital(cap, hold);
        const lockedCore = lockedCapital({
          totalExposure: total,
          leverageBps: BigInt(params[1]),
          groups,
          claimHold: hold,
        });
        assert.equal(lockedCore, locked, c);
        assert.equal(freeCapital(cap, lockedCore), free, c);
        assert.equal(
          uw,
          await chain.publicClient.readContract({
            ...lens,
            functionName: "underwritingCapital",
            args: [p.address],
          }),
          c,
        );
        assert.equal(
          worstGroupExposureRatio(uw, groups),
          await chain.publicClient.readContract({
            ...lens,
            functionName: "worstGroupExposureRatio",
            args: [p.address],
          }),
          c,
        );
        for (const m of markets) {
          const state = await readPoolMarketState(chain.publicClient, {
            markets: d.markets,
            poolLens: d.poolLens,
            poolId: p.poolId,
            marketId: m.marketId,
            groups: m.marketId === assessed.marketId ? 6n : m.marketId === depeg.marketId ? 1n : 2n,
            blockNumber,
          });
          const [capOnchain, util, freeCap] = await Promise.all([
            chain.publicClient.readContract({ ...read, functionName: "capacity", args: [m.marketId] }),
            chain.publicClient.readContract({
              ...lens,
              functionName: "utilisation",
              args: [p.address, m.marketId],
            }),
            chain.publicClient.readContract({
              ...lens,
              functionName: "freeCapacity",
              args: [p.address, m.marketId],
            }),
          ]);
          const capCore = capacity(uw, state.config.weightBps);
          assert.equal(capCore, capOnchain, `${c}, market ${m.marketId}`);
          assert.equal(utilisation(state.exposure, capCore), util, `${c}, market ${m.marketId}`);
          assert.equal(poolFreeCapacity(state), freeCap, `${c}, market ${m.marketId}`);
        }
      }
    };

    /** Random amounts over random pool orders: the core's greedy fill equals PoolLens.quote at one block. */
    const checkQuotes = async (label: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const blockNumber = await chain.publicClient.getBlockNumber();
        const m = markets[Number(r.below(3n))] as (typeof markets)[number];
        const order = [...poolIds]
          .sort(() => (r.below(2n) === 0n ? -1 : 1))
          .slice(0, 1 + Number(r.below(3n)));
        const amount = 1n + r.below(usd(1_500_000));
        const period = 7n * DAY + r.below(300n * DAY);
        const market = await chain.publicClient.readContract({
          address: d.markets,
          abi: marketsAbi,
          functionName: "market",
          args: [m.marketId],
          blockNumber,
        });
        const [, protocolFeeBps] = await chain.publicClient.readContract({
          address: d.markets,
          abi: marketsAbi,
          functionName: "protocolParams",
          blockNumber,
        });
        const states = await Promise.all(
          order.map((poolId) =>
            readPoolMarketState(chain.publicClient, {
              markets: d.markets,
              poolLens: d.poolLens,
              poolId,
              marketId: m.marketId,
              groups: market.groups,
              blockNumber,
            }),
          ),
        );
        const fill = fillGreedy(states, amount, {
          period,
          oracleBaseRateBps: BigInt(market.baseRateBps),
          protocolFeeBps: BigInt(protocolFeeBps),
        });
        const onchain = await quoteOnchain(chain.publicClient, {
          poolLens: d.poolLens,
          marketId: m.marketId,
          amount,
          period,
          pools: order,
          blockNumber,
        });
        const c = ctx({ label, i, market: m.marketId, order, amount, period });
        assert.equal(fill.filled, onchain.filled, c);
        assert.equal(fill.premium, onchain.premium, c);
        assert.deepEqual(
          fill.slices.map((s) => [s.poolId, s.filled]),
          onchain.slices.map((s) => [s.poolId, s.amount]),
          c,
        );
        const sdk = await quote(chain.publicClient, {
          markets: d.markets,
          poolLens: d.poolLens,
          marketId: m.marketId,
          amount,
          period,
          pools: order,
          ordering: "given",
          onchain: false,
        });
        if (sdk.blockNumber === blockNumber) assert.equal(sdk.premium, onchain.premium, c);
      }
    };

    await checkViews("fresh");
    await checkQuotes("fresh", 10);

    // Random sales over random orders, quoted with the SDK (cheapest order, lens-priced).
    const policies: bigint[] = [];
    for (let i = 0; i < 12; i++) {
      const m = markets[i % 3] as (typeof markets)[number];
      const amount = usd(10_000) + r.below(usd(250_000));
      const period = 7n * DAY + r.below(200n * DAY);
      const q = await quote(buyer, {
        markets: d.markets,
        poolLens: d.poolLens,
        marketId: m.marketId,
        amount,
        period,
      });
      if (q.filled < amount) continue;
      const bought = await buyCover(buyer, {
        coverManager: d.coverManager,
        marketId: m.marketId,
        amount,
        period,
        pools: q.pools,
        maxPremium: q.total,
      });
      assert.ok(bought.premium <= q.premium, "a purchase a block later never pays more than quoted");
      if (m.marketId === assessed.marketId) policies.push(bought.policyId);
    }
    assert.ok(policies.length > 0);
    await checkViews("after sales");
    await checkQuotes("after sales", 10);

    // An assessed claim holds capital in the pools of its policy: locked, and off capacity and exit prices.
    await chain.increaseTime(DAY);
    await submitClaim(buyer, {
      assessedClaims: d.assessedClaims,
      coverManager: d.coverManager,
      policyId: policies[0] as bigint,
      amount: usd(5_000) + r.below(usd(5_000)),
      evidenceURI: "ipfs://evidence",
    });
    await checkViews("with a claim hold");
    await checkQuotes("with a claim hold", 10);

    // Exits: request (valued at the exit price), cooldown, maxRedeem / maxWithdraw, redeem, withdraw.
    for (const p of pools) {
      const read = { address: p.address, abi: poolAbi } as const;
      const balance = await chain.publicClient.readContract({
        ...read,
        functionName: "balanceOf",
        args: [lp2.account.address],
      });
      const shares = balance / 2n + r.below(balance / 2n);
      const req = await requestRedeem(lp2, { pool: p.address, shares });
      const at = { blockNumber: req.receipt.blockNumber } as const;
      const [supply, cap, hold] = await Promise.all([
        chain.publicClient.readContract({ ...read, functionName: "totalSupply", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "capital", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "claimHold", ...at }),
      ]);
      assert.equal(
        req.assets,
        exitValue(shares, { totalSupply: supply, capital: cap, claimHold: hold }),
        `request ${p.poolId}`,
      );
    }
    await chain.increaseTime(7n * DAY + 1n);
    await checkViews("after the cooldown");
    for (const p of pools) {
      const read = { address: p.address, abi: poolAbi } as const;
      const c = `exit pool ${p.poolId}`;
      const controller = lp2.account.address;
      const blockNumber = await chain.publicClient.getBlockNumber();
      const now = (await chain.publicClient.getBlock({ blockNumber })).timestamp;
      const at = { blockNumber } as const;
      const [[rs, ra, rc], supply, cap, hold, free, exitsOpen, maxR, maxW] = await Promise.all([
        chain.publicClient.readContract({
          ...read,
          functionName: "redeemRequest",
          args: [controller],
          ...at,
        }),
        chain.publicClient.readContract({ ...read, functionName: "totalSupply", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "capital", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "claimHold", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "freeCapital", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "exitsOpen", ...at }),
        chain.publicClient.readContract({ ...read, functionName: "maxRedeem", args: [controller], ...at }),
        chain.publicClient.readContract({ ...read, functionName: "maxWithdraw", args: [controller], ...at }),
      ]);
      const request = { shares: rs, assets: ra, claimableAt: rc };
      const state = {
        totalSupply: supply,
        capital: cap,
        claimHold: hold,
        request,
        now,
        exitsOpen,
        freeCapital: free,
      };
      assert.equal(maxRedeem(state), maxR, c);
      assert.equal(maxWithdraw(state), maxW, c);

      // Redeem part of the request; the pre-state at the redeem's timestamp is the post-state plus what left.
      const part = maxR / 3n + 1n;
      const out = await redeem(lp2, { pool: p.address, shares: part });
      const after = { blockNumber: out.receipt.blockNumber } as const;
      const [supplyAfter, capAfter, holdAfter, [leftShares, leftAssets]] = await Promise.all([
        chain.publicClient.readContract({ ...read, functionName: "totalSupply", ...after }),
        chain.publicClient.readContract({ ...read, functionName: "capital", ...after }),
        chain.publicClient.readContract({ ...read, functionName: "claimHold", ...after }),
        chain.publicClient.readContract({
          ...read,
          functionName: "redeemRequest",
          args: [controller],
          ...after,
        }),
      ]);
      assert.equal(
        out.assets,
        redeemAssets({
          shares: part,
          requestShares: rs,
          requestAssets: ra,
          totalSupply: supplyAfter + part,
          capital: capAfter + out.assets,
          claimHold: holdAfter,
        }),
        c,
      );
      const rest = consumeRequest(request, part);
      assert.deepEqual([rest.shares, rest.assets], [leftShares, leftAssets], c);

      // Withdraw an amount of assets from what is left.
      const assets = 1n + r.below(leftAssets / 2n);
      const w = await withdraw(lp2, { pool: p.address, assets });
      const after2 = { blockNumber: w.receipt.blockNumber } as const;
      const [supply2, cap2, hold2] = await Promise.all([
        chain.publicClient.readContract({ ...read, functionName: "totalSupply", ...after2 }),
        chain.publicClient.readContract({ ...read, functionName: "capital", ...after2 }),
        chain.publicClient.readContract({ ...read, functionName: "claimHold", ...after2 }),
      ]);
      assert.equal(
        w.shares,
        withdrawShares({
          assets,
          requestShares: leftShares,
          requestAssets: leftAssets,
          totalSupply: supply2 + w.shares,
          capital: cap2 + assets,
          claimHold: hold2,
        }),
        c,
      );
    }
    await checkViews("after exits");
  });
});
