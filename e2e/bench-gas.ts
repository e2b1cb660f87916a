/**
 * Gas benchmark: each user operation on a fresh fixture, gasUsed read from receipts. Writes
 * bench/results/gas.json ({"operation": gas}) and prints each figure beside its budget and Nexus Mutual's.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mockTriggerAbi, settlementAbi } from "@backstop/abi";
import { buyCover, claim, deposit, redeem, requestRedeem, settle, submitClaim, vote } from "@backstop/sdk";
import type { Account, Address, Transport, Chain as ViemChain, WalletClient } from "viem";
import { waitForTransactionReceipt, writeContract } from "viem/actions";
import { connectChain } from "./lib/chain.ts";
import {
  assignAssessors,
  createMarket,
  createPool,
  curves,
  DAY,
  deployProtocol,
  fund,
  usd,
} from "./lib/protocol.ts";

type Signer = WalletClient<Transport, ViemChain | undefined, Account>;
const here = path.dirname(fileURLToPath(import.meta.url));

const chain = await connectChain();
const d = await deployProtocol(chain);
const [, curator, lp, buyer] = chain.wallets as [Signer, Signer, Signer, Signer];
const aave = await createMarket(chain, d, { name: "aave-v3-exploit", groups: [1, 2] });
// An assessed market sells no cover before it has assessors.
const assessors = chain.wallets.slice(4, 7) as Signer[];
await assignAssessors(
  chain,
  d,
  [aave.marketId],
  assessors.map((w) => w.account.address),
  2,
);
const depeg = await createMarket(chain, d, { name: "usdc-depeg", groups: [0], parametric: true });
// Backed by the first pool only, to measure settlement with one pool.
const depegSolo = await createMarket(chain, d, { name: "usdt-depeg", groups: [0], parametric: true });
const caps = [
  { groupId: 0, capBps: 10_000 },
  { groupId: 1, capBps: 10_000 },
  { groupId: 2, capBps: 10_000 },
];
const pools = [];
for (const name of ["A", "B", "C"]) {
  pools.push(
    await createPool(chain, d, curator, {
      name: `Pool ${name}`,
      symbol: `bp${name}`,
      groupCaps: caps,
      markets: [
        { marketId: aave.marketId, weightBps: 5_000, curve: curves.standard },
        { marketId: depeg.marketId, weightBps: 3_000, curve: curves.standard },
        ...(name === "A" ? [{ marketId: depegSolo.marketId, weightBps: 2_000, curve: curves.standard }] : []),
      ],
    }),
  );
}
await fund(chain, d, [lp, buyer], usd(100_000_000));
const gas: Record<string, bigint> = {};
const CLAIM_BATCH = 8;

// Pools are configured before their first deposit (a pool with shares queues risk-increasing changes).
// Capital: 1,000,000 per pool -> 500,000 capacity on the measured market. The second deposit is measured.
for (const p of pools) await deposit(lp, { pool: p.address, assets: usd(999_000) });
gas.deposit = (
  await deposit(lp, { pool: (pools[0] as (typeof pools)[0]).address, assets: usd(1_000) })
).receipt.gasUsed;
for (const p of pools.slice(1)) await deposit(lp, { pool: p.address, assets: usd(1_000) });

const [A, B, C] = pools.map((p) => p.poolId) as [number, number, number];
const buy = async (amount: bigint, list: number[]) =>
  (
    await buyCover(buyer, {
      coverManager: d.coverManager,
      marketId: aave.marketId,
      amount,
      period: 30n * DAY,
      pools: list,
      maxPremium: usd(10_000_000),
    })
  ).receipt.gasUsed;

// Warm-up: the buyer holds a policy and every pool has live exposure on the market (steady state).
for (const id of [A, B, C]) await buy(usd(10_000), [id]);
gas.buyCover_1pool = await buy(usd(10_000), [A]); // A: 20k booked
gas.buyCover_2pools = await buy(usd(485_000), [A, B]); // A takes 475k (5k left), B 10k
gas.buyCover_3pools = await buy(usd(490_000), [A, B, C]); // A 5k, B 475k, C 10k

// Withdrawal: request, cooldown, redeem (part of the free capital).
const pool0 = (pools[0] as (typeof pools)[0]).address;
gas.requestRedeem = (await requestRedeem(lp, { pool: pool0, shares: 10n ** 17n })).receipt.gasUsed;
await chain.increaseTime(7n * DAY + 1n);
gas.redeem = (await redeem(lp, { pool: pool0 })).receipt.gasUsed;

// Parametric claims: policies on both de-peg markets, the triggers fire, settle (1 and 3 pools), claim.
const [governance] = chain.wallets as [Signer];
const tx = async (hash: Promise<`0x${string}`>) =>
  waitForTransactionReceipt(chain.publicClient, { hash: await hash });
const buyOn = async (marketId: bigint, list: number[], amount = usd(10_000), owner?: Address) =>
  (
    await buyCover(buyer, {
      coverManager: d.coverManager,
      marketId,
      amount,
      period: 30n * DAY,
      pools: list,
      maxPremium: usd(10_000_000),
      ...(owner ? { owner } : {}),
    })
  ).policyId;
const parametricPolicy = await buyOn(depeg.marketId, [A]);
await buyOn(depeg.marketId, [B]);
await buyOn(depeg.marketId, [C]);
await buyOn(depegSolo.marketId, [A]);
// Eight more holders of the de-peg market, paid in one claimMany (what the keeper sends). Each policy has its
// own owner who already holds USDC, as the buyer of the single claim does: no warm-slot discount.
const holders = chain.wallets.slice(10, 10 + CLAIM_BATCH) as Signer[];
await fund(chain, d, holders, usd(1));
const batch: bigint[] = [];
for (const h of holders) batch.push(await buyOn(depeg.marketId, [B], usd(1_000), h.account.address));
await chain.increaseTime(DAY);
const incidentTime = (await chain.now()) - 3_600n;
for (const trigger of [depeg.trigger, depegSolo.trigger]) {
  await tx(
    writeContract(governance, {
      account: governance.account,
      chain: governance.chain,
      address: trigger as Address,
      abi: mockTriggerAbi,
      functionName: "fire",
      args: [incidentTime, 10n ** 18n],
    }),
  );
}
gas.settle_1pool = (
  await settle(buyer, { settlement: d.settlement, marketId: depegSolo.marketId })
).receipt.gasUsed;
gas.settle_3pools = (
  await settle(buyer, { settlement: d.settlement, marketId: depeg.marketId })
).receipt.gasUsed;
gas.claim_parametric = (
  await claim(buyer, { settlement: d.settlement, policyId: parametricPolicy })
).receipt.gasUsed;
const many = await tx(
  writeContract(buyer, {
    account: buyer.account,
    chain: buyer.chain,
    address: d.settlement,
    abi: settlementAbi,
    functionName: "claimMany",
    args: [batch],
  }),
);
if (many.status !== "success") throw new Error("claimMany reverted");
// Per policy, to compare with claim_parametric (one transaction per policy).
gas.claimMany_perPolicy_8 = many.gasUsed / BigInt(CLAIM_BATCH);

// Assessed claims: a claim above the fast-track limit goes to the assessors; one vote is measured.
const assessedPolicy = await buyOn(aave.marketId, [C], usd(50_000));
await chain.increaseTime(DAY);
const submitted = await submitClaim(buyer, {
  assessedClaims: d.assessedClaims,
  coverManager: d.coverManager,
  policyId: assessedPolicy,
  amount: usd(20_000),
  evidenceURI: "ipfs://evidence",
});
gas.submitClaim = submitted.receipt.gasUsed;
gas.vote = (
  await vote(assessors[0] as Signer, {
    assessedClaims: d.assessedClaims,
    claimId: submitted.claimId,
    approve: true,
  })
).receipt.gasUsed;

// Periphery figures come from their own fixture (a second deployment on the same chain).
const periphery = path.join(here, "bench/periphery.ts");
if (existsSync(periphery)) {
  const mod = (await import(periphery)) as {
    measurePeripheryGas: (c: typeof chain) => Promise<Record<string, bigint>>;
  };
  Object.assign(gas, await mod.measurePeripheryGas(chain));
}

// Trigger figures come from their own fixture.
const triggers = path.join(here, "bench/triggers.ts");
if (existsSync(triggers)) {
  const mod = (await import(triggers)) as {
    measureTriggerGas: (viem: unknown) => Promise<Record<string, bigint>>;
  };
  Object.assign(gas, await mod.measureTriggerGas(chain.viem));
}

const BUY_1 = 160_000;
const EXTRA = 35_000;
const budgets: Record<string, [number | undefined, number | undefined]> = {
  buyCover_1pool: [BUY_1, 646_480],
  buyCover_2pools: [BUY_1 + EXTRA, 913_655],
  buyCover_3pools: [BUY_1 + 2 * EXTRA, undefined],
  deposit: [110_000, 213_398],
  requestRedeem: [90_000, undefined],
  redeem: [90_000, undefined],
  claim_parametric: [90_000, 570_840],
  claimMany_perPolicy_8: [90_000, undefined],
  settle_1pool: [100_000, undefined],
  settle_3pools: [180_000, undefined],
  pokeTrigger: [60_000, undefined],
  submitClaim: [150_000, 455_050],
  vote: [80_000, undefined],
  insuredDeposit: [260_000, undefined],
  protectionMint: [170_000, undefined],
  protectionRedeem: [80_000, undefined],
  insuredVaultDeposit: [130_000, undefined],
};
const fmt = (n: number | undefined) => (n === undefined ? "-" : n.toLocaleString("en-US"));
const rows = Object.entries(gas).map(([op, used]) => {
  const [budget, nexus] = budgets[op] ?? [undefined, undefined];
  const g = Number(used);
  return {
    operation: op,
    gas: fmt(g),
    budget: fmt(budget),
    status:
      budget === undefined ? "-" : g <= budget ? `under by ${fmt(budget - g)}` : `OVER by ${fmt(g - budget)}`,
    "Nexus Mutual": fmt(nexus),
  };
});
console.table(rows);
const out = path.resolve(here, "../bench/results/gas.json");
await mkdir(path.dirname(out), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify(Object.fromEntries(Object.entries(gas).map(([k, v]) => [k, Number(v)])), null, 2)}\n`,
);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
