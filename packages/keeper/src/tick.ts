import { assessedClaimsAbi, coverManagerAbi, marketsAbi } from "@backstop/abi";
import {
  AlreadySettledError,
  finalizeClaim,
  getIncident,
  payoutOf,
  pokeTrigger,
  readTrigger,
  setBaseRate,
  settlePools,
} from "@backstop/sdk";
import type { Address } from "viem";
import { claimMany } from "./claimMany.ts";
import type { KeeperContext } from "./context.ts";
import { ChainMismatchError } from "./errors.ts";
import { execute } from "./execute.ts";
import { resetChain, triggerKinds } from "./head.ts";
import { indexedOpenClaims, indexedUnpaidPolicies } from "./indexed.ts";
import { baseRateFor, nextBaseRate } from "./rates.ts";
import { reconcilePending } from "./reconcile.ts";
import { decidePoke } from "./triggers.ts";
import { rollVaults } from "./vaults.ts";

const PARAMETRIC = 0;
const MARKET_TRIGGERED = 3;
const MARKET_RETIRED = 4;
const CLAIM_FAST_TRACK = 1;
const CLAIM_VOTING = 2;

/** Summary of one tick, for the log. */
export type TickSummary = {
  block: number;
  markets: number;
  pokes: number;
  settles: number;
  /** Policies paid to their holders (Settlement.claim is permissionless and pays the NFT's owner). */
  paid: number;
  finalized: number;
  rates: number;
  /** Insured vaults whose cover was rolled. */
  rolled: number;
};

/**
 * One pass over chain state: detect a chain restart, reconcile pending transactions, then for every market
 * poke its trigger when that can change something, settle fired parametric markets, finalize assessed claims
 * whose deadline passed, and (optionally) move base rates. Every action is re-derived from chain state.
 */
export async function runTick(ctx: KeeperContext): Promise<TickSummary> {
  const { client, deployment, state } = ctx;
  const chainId = await client.getChainId();
  if (chainId !== deployment.chainId) {
    throw new ChainMismatchError(
      `the RPC serves chain ${chainId}, the deployment is on ${deployment.chainId}`,
    );
  }
  const head = await client.getBlock({ blockTag: "latest" });
  // Every action of this tick is checked against this block before it is sent (see assertSameChain).
  ctx.head = { number: head.number, hash: head.hash };
  await detectChainReset(ctx, Number(head.number));
  await reconcilePending(ctx);

  const summary: TickSummary = {
    block: Number(head.number),
    markets: 0,
    pokes: 0,
    settles: 0,
    paid: 0,
    finalized: 0,
    rates: 0,
    rolled: 0,
  };
  const count = await client.readContract({
    address: deployment.markets,
    abi: marketsAbi,
    functionName: "marketCount",
  });
  summary.markets = Number(count);
  for (let id = 1n; id <= count; id++) {
    const m = await client.readContract({
      address: deployment.markets,
      abi: marketsAbi,
      functionName: "market",
      args: [id],
    });
    if (m.claimMode === PARAMETRIC && m.status !== MARKET_RETIRED) {
      const r = await parametric(ctx, id, m.trigger, m.status === MARKET_TRIGGERED);
      summary.pokes += r.pokes;
      summary.settles += r.settles;
      summary.paid += r.paid;
    }
    if (ctx.rates?.enabled && m.status !== MARKET_RETIRED && m.status !== MARKET_TRIGGERED) {
      summary.rates += await rate(ctx, id, m, Number(head.timestamp));
    }
  }
  summary.finalized = await finalizeDue(ctx, head.timestamp);
  if (ctx.insuredVaults?.length) summary.rolled = await rollVaults(ctx, ctx.insuredVaults);

  state.lastBlock = Number(head.number);
  state.lastBlockHash = head.hash;
  ctx.save();
  return summary;
}

/** A block number below the cursor, or another hash at the cursor's height, means the chain was reset. */
async function detectChainReset(ctx: KeeperContext, headNumber: number): Promise<void> {
  const { state, client } = ctx;
  if (state.lastBlock === null) return;
  let reset = headNumber < state.lastBlock;
  if (!reset && state.lastBlockHash) {
    const block = await client.getBlock({ blockNumber: BigInt(state.lastBlock) }).catch((err: unknown) => {
      if ((err as { name?: string }).name === "BlockNotFoundError") return null;
      throw err;
    });
    reset = block === null || block.hash !== state.lastBlockHash;
  }
  if (reset) resetChain(ctx, headNumber);
}

async function parametric(
  ctx: KeeperContext,
  marketId: bigint,
  trigger: Address,
  marketTriggered: boolean,
): Promise<{ pokes: number; settles: number; paid: number }> {
  const { client, state, deployment } = ctx;
  let pokes = 0;
  let settles = 0;
  const kind = triggerKinds.get(trigger);
  let read = await readTrigger(client, kind ? { trigger, kind } : { trigger });
  triggerKinds.set(trigger, read.kind);
  if (!marketTriggered) {
    const decision = await decidePoke(client, trigger, read, state.triggers[trigger]);
    if (decision.poke) {
      const result = await execute(ctx, {
        key: `poke:${trigger}`,
        kind: "poke",
        run: (onHash) => pokeTrigger(client, { trigger, onHash }),
        memory: { trigger, observed: decision.observed },
        fields: { marketId, trigger, reason: decision.reason },
      });
      if (result === "sent") {
        pokes++;
        read = await readTrigger(client, { trigger, kind: read.kind });
      }
    }
  }
  if (read.state !== "TRIGGERED") return { pokes, settles, paid: 0 };
  const incident = await getIncident(client, { settlement: deployment.settlement, marketId });
  if (incident.settled) {
    const paid = incident.swept ? 0 : await payHolders(ctx, marketId, incident.time);
    return { pokes, settles, paid };
  }
  // A market with more backing pools than one transaction holds settles in batches, one action per batch;
  // each batch has its own idempotency key so a restart neither repeats nor skips one.
  const key =
    incident.poolsSettled === 0 ? `settle:${marketId}` : `settle:${marketId}:${incident.poolsSettled}`;
  const result = await execute(ctx, {
    key,
    kind: "settle",
    run: (onHash) =>
      settlePools(client, { settlement: deployment.settlement, marketId, maxPools: SETTLE_BATCH, onHash }),
    alreadyDone: (err) => err instanceof AlreadySettledError,
    fields: { marketId, incidentTime: read.incidentTime },
  });
  if (result === "sent") settles++;
  return { pokes, settles, paid: 0 };
}

/** Policies whose payout is read per round trip while scanning a settled market. */
const PAY_SCAN_BATCH = 32;
/** Policies paid per claimMany transaction (about 60k gas each: a batch stays far below a block). */
export const CLAIM_BATCH = 50;

/**
 * Pays every eligible policy of a settled market: Settlement.claimMany is permissionless and pays each policy
 * NFT's current owner, so a holder is paid without doing anything. Policy ids are scanned once per market
 * (`state.paidThrough[marketId]`; a triggered market sells no new cover); a policy the holder already
 * claimed reads a zero payout and is skipped (claimMany skips it too if the holder claims in between). One
 * idempotent action per batch (`claim:<marketId>:<first policy id>`).
 */
async function payHolders(ctx: KeeperContext, marketId: bigint, incidentTime: bigint): Promise<number> {
  const { client, state, deployment } = ctx;
  state.paidThrough ??= {};
  const key = marketId.toString();
  const next = await client.readContract({
    address: deployment.coverManager,
    abi: coverManagerAbi,
    functionName: "nextPolicyId",
  });
  const last = Number(next) - 1;
  const from = (state.paidThrough[key] ?? 0) + 1;
  if (from > last) return 0;
  // The indexer lists the market's unpaid policies live at the incident; without it (or when it lags), every
  // policy id since the last scan is a candidate. Either way each candidate's payout is read on the chain.
  const indexed = await indexedUnpaidPolicies(ctx, marketId, incidentTime);
  const candidates =
    indexed?.filter((id) => id >= BigInt(from) && id <= BigInt(last)) ??
    Array.from({ length: last - from + 1 }, (_, i) => BigInt(from + i));
  ctx.log({
    level: "debug",
    event: "pay.candidates",
    marketId,
    source: indexed ? "indexer" : "chain",
    count: candidates.length,
  });
  const payable: bigint[] = [];
  for (let start = 0; start < candidates.length; start += PAY_SCAN_BATCH) {
    const ids = candidates.slice(start, start + PAY_SCAN_BATCH);
    const payouts = await Promise.all(
      ids.map((policyId) => payoutOf(client, { settlement: deployment.settlement, policyId })),
    );
    for (const [i, policyId] of ids.entries()) if ((payouts[i] ?? 0n) > 0n) payable.push(policyId);
  }
  let paid = 0;
  let complete = true;
  for (let i = 0; i < payable.length; i += CLAIM_BATCH) {
    const policyIds = payable.slice(i, i + CLAIM_BATCH);
    const result = await execute(ctx, {
      key: `claim:${marketId}:${policyIds[0]}`,
      kind: "claim",
      run: (onHash) => claimMany(client, { settlement: deployment.settlement, policyIds, onHash }),
      // Everyone listed was paid meanwhile (holders claimed themselves): nothing left to do.
      alreadyDone: (err) => (err as { errorName?: string }).errorName === "NothingToClaim",
      fields: { marketId, policies: policyIds.map(String) },
    });
    if (result === "sent") paid += policyIds.length;
    // A failed batch is logged and not retried forever: its holders can still claim themselves.
    if (result === "waiting") complete = false;
  }
  if (complete) state.paidThrough[key] = last;
  return paid;
}

/** Backing pools settled per transaction: a market's 32 pools settle in four batches. */
const SETTLE_BATCH = 8n;

/** Finalizes FAST_TRACK / VOTING claims whose deadline passed; advances the floor over closed claims. */
async function finalizeDue(ctx: KeeperContext, now: bigint): Promise<number> {
  const { client, state, deployment } = ctx;
  const address = deployment.assessedClaims;
  const count = Number(
    await client.readContract({ address, abi: assessedClaimsAbi, functionName: "claimCount" }),
  );
  let finalized = 0;
  let floorOpen = true;
  // The indexer lists the open claims; without it (or when it lags) every claim from the floor is read.
  const indexed = await indexedOpenClaims(ctx);
  const ids = indexed
    ? indexed.map(Number).filter((id) => id >= state.claimFloor && id <= count)
    : Array.from({ length: Math.max(0, count - state.claimFloor + 1) }, (_, i) => state.claimFloor + i);
  for (const id of ids) {
    const c = await client.readContract({
      address,
      abi: assessedClaimsAbi,
      functionName: "claimOf",
      args: [BigInt(id)],
    });
    const open = c.status === CLAIM_FAST_TRACK || c.status === CLAIM_VOTING;
    if (open && now > BigInt(c.deadline)) {
      const claimId = BigInt(id);
      const result = await execute(ctx, {
        key: `finalize:${id}`,
        kind: "finalize",
        run: (onHash) => finalizeClaim(client, { assessedClaims: address, claimId, onHash }),
        fields: { claimId },
      });
      if (result === "sent") finalized++;
      // Still open until the finalize is mined; re-checked next tick.
      floorOpen = false;
      continue;
    }
    if (open) floorOpen = false;
    // The floor moves only over a contiguous run of closed claims, which only the full scan sees.
    if (floorOpen && !indexed) state.claimFloor = id + 1;
  }
  return finalized;
}

async function rate(
  ctx: KeeperContext,
  marketId: bigint,
  m: {
    baseRateBps: number;
    minBaseRateBps: number;
    maxBaseRateBps: number;
    maxRateChangePerDayBps: number;
    rateUpdatedAt: number;
  },
  now: number,
): Promise<number> {
  const targets = ctx.rates?.targetRateBps;
  const target = typeof targets === "function" ? targets(marketId) : targets?.[marketId.toString()];
  if (target === undefined) return 0;
  const next = nextBaseRate(m, baseRateFor(target), now, ctx.rates?.minStepBps);
  if (next === undefined) return 0;
  const result = await execute(ctx, {
    key: `rate:${marketId}`,
    kind: "rate",
    run: (onHash) =>
      setBaseRate(ctx.client, { markets: ctx.deployment.markets, marketId, rateBps: BigInt(next), onHash }),
    fields: { marketId, fromBps: m.baseRateBps, toBps: next, targetRateBps: target },
  });
  return result === "sent" ? 1 : 0;
}
