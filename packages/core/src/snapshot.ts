import { BucketLib } from "./bucket.ts";
import { capacity } from "./capacity.ts";
import { BPS, DAY, WAD, YEAR } from "./constants.ts";
import { groupIds, max, saturatingSub } from "./math.ts";
import { commission as commissionOf } from "./premiumSplit.ts";
import { type Fill, fillCheapest, fillGreedy } from "./quote.ts";
import type { GroupExposure, PoolMarketState, RateCurve } from "./types.ts";
import type { SaleTerms, SliceQuote } from "./underwrite.ts";

/**
 * A pool's state as an indexer keeps it from events, valid at any later time with no event in between: the
 * contract's stored values (not the views), so that the views can be evaluated at a chosen time.
 */
export type PoolSnapshot = {
  poolId: number;
  /** The cover asset held by the pool (`asset.balanceOf(pool)`). */
  balance: bigint;
  curatorFees: bigint;
  protocolFees: bigint;
  claimHold: bigint;
  /** `_totalBooked`: booked exposure over every market, releases applied so far on-chain. */
  totalBooked: bigint;
  leverageBps: bigint;
  curatorFeeBps: bigint;
  /** The LPs' premium stream: the rate (X units, 1e18 per asset unit per second) ending at the start of each day. */
  streamEnds: readonly StreamEnd[];
  /** `_groupBooked` and `_groupCapBps` by group id. */
  groups: ReadonlyMap<number, { booked: bigint; capBps: bigint }>;
};

/** Premium-stream rate ending at the start of day `bucket` (`PremiumStreamLib.rateEndingAt`). */
export type StreamEnd = { bucket: bigint; rateX: bigint };
/** Cover booked in a pool for a market, released on day `bucket` (`ExposureLib.releasingAt`). */
export type ReleaseAt = { bucket: bigint; amount: bigint };

/** How a pool backs one market, plus the market's exposure ledger as stored. */
export type PoolMarketSnapshot = {
  weightBps: bigint;
  listed: boolean;
  followOracle: boolean;
  curve: RateCurve;
  releaseDelayDays: bigint;
  /** The market's groups (bitmask). */
  groups: bigint;
  /** `Ledger.lastBucket`: releases applied up to and including this day. */
  lastBucket: bigint;
  closed: boolean;
  releases: readonly ReleaseAt[];
  /** The market has no trigger or its trigger is ACTIVE (`Pool._releasable`). */
  releasable: boolean;
};

/** Unearned premium (X units) at `time`: each stream's rate times what is left of it. Mirrors `PremiumStreamLib.accrued`. */
export function unearnedXAt(ends: readonly StreamEnd[], time: bigint): bigint {
  let unearned = 0n;
  for (const e of ends) {
    const end = e.bucket * DAY;
    if (end > time) unearned += e.rateX * (end - time);
  }
  return unearned;
}

/** `Pool.capital()` at `time`: balance - unearned premium (rounded up) - fees owed, floored at zero. */
export function capitalAt(pool: PoolSnapshot, time: bigint): bigint {
  const unearned = (unearnedXAt(pool.streamEnds, time) + WAD - 1n) / WAD;
  return saturatingSub(pool.balance, unearned + pool.curatorFees + pool.protocolFees);
}

/** Booked and not yet released on-chain (`Ledger.booked`). */
export function bookedOf(pm: PoolMarketSnapshot): bigint {
  if (pm.closed) return 0n;
  let booked = 0n;
  for (const r of pm.releases) if (r.bucket > pm.lastBucket) booked += r.amount;
  return booked;
}

/** `Pool.exposure(marketId)` at `time`: booked net of releases due today (none while the trigger is not ACTIVE). */
export function exposureAt(pm: PoolMarketSnapshot, time: bigint): bigint {
  if (pm.closed) return 0n;
  const upTo = pm.releasable ? BucketLib.at(time) : pm.lastBucket;
  const from = max(upTo, pm.lastBucket);
  let e = 0n;
  for (const r of pm.releases) if (r.bucket > from) e += r.amount;
  return e;
}

/** `Pool.coverInForce(marketId)` at `time`: cover whose end day has not come (TVC). */
export function coverInForceAt(pm: PoolMarketSnapshot, time: bigint): bigint {
  if (pm.closed) return 0n;
  const upTo = BucketLib.at(time) + pm.releaseDelayDays;
  const from = max(upTo, pm.lastBucket);
  let live = 0n;
  for (const r of pm.releases) if (r.bucket > from) live += r.amount;
  return live;
}

/** The `PoolMarketState` a sale of a market in `pool` sees at `time` (what `PoolLens` reads). */
export function poolMarketStateAt(pool: PoolSnapshot, pm: PoolMarketSnapshot, time: bigint): PoolMarketState {
  const capital = saturatingSub(capitalAt(pool, time), pool.claimHold);
  const groups: GroupExposure[] = groupIds(pm.groups).map((groupId) => {
    const g = pool.groups.get(groupId);
    return { groupId, booked: g?.booked ?? 0n, capBps: g?.capBps ?? 0n };
  });
  return {
    poolId: pool.poolId,
    capital,
    exposure: exposureAt(pm, time),
    closed: pm.closed,
    totalExposure: pool.totalBooked,
    leverageBps: pool.leverageBps,
    curatorFeeBps: pool.curatorFeeBps,
    config: {
      weightBps: pm.weightBps,
      followOracle: pm.followOracle,
      listed: pm.listed,
      releaseDelayDays: pm.releaseDelayDays,
      groups: pm.groups,
      curve: pm.curve,
    },
    groups,
  };
}

export type SnapshotQuoteParameters = {
  /** The market's backers, in registry order, each with its pool snapshot. */
  backers: readonly { pool: PoolSnapshot; market: PoolMarketSnapshot }[];
  /** The market's risk-oracle base rate (bps). */
  oracleBaseRateBps: bigint;
  protocolFeeBps: bigint;
  amount: bigint;
  /** Seconds of cover. */
  period: bigint;
  /** The time the state is evaluated at (a block timestamp). */
  time: bigint;
  commissionBps?: bigint;
  /** "cheapest" (default) chooses the pool order like the SDK's quote; "given" fills the backers in order. */
  ordering?: "cheapest" | "given";
};

export type SnapshotQuote = {
  /** The pool order to pass to `buyCover` (equal to `PoolLens.quote` over it). */
  pools: number[];
  filled: bigint;
  premium: bigint;
  commission: bigint;
  total: bigint;
  allocation: SliceQuote[];
  breakdown: { curatorFee: bigint; protocolFee: bigint; lpShare: bigint; commission: bigint };
  /** `PoolLens.quote`'s annualRateBps: premium x BPS x YEAR / (filled x period), rounded down. */
  annualRateBps: bigint;
};

/**
 * Quotes cover over indexed state: the SDK's `quote` with every read replaced by the snapshot evaluated at
 * `time`. The pools and premium equal `PoolLens.quote(market, amount, period, pools)` at a block with that
 * timestamp when the snapshot is that block's state.
 */
export function quoteSnapshot(params: SnapshotQuoteParameters): SnapshotQuote {
  const states = params.backers.map((b) => poolMarketStateAt(b.pool, b.market, params.time));
  const terms: SaleTerms = {
    period: params.period,
    oracleBaseRateBps: params.oracleBaseRateBps,
    protocolFeeBps: params.protocolFeeBps,
  };
  const fill: Fill =
    params.ordering === "given"
      ? fillGreedy(states, params.amount, terms)
      : fillCheapest(states, params.amount, terms);
  const fee = commissionOf(fill.premium, params.commissionBps ?? 0n);
  return {
    pools: fill.slices.map((s) => s.poolId),
    filled: fill.filled,
    premium: fill.premium,
    commission: fee,
    total: fill.premium + fee,
    allocation: fill.slices,
    breakdown: {
      curatorFee: fill.curatorFee,
      protocolFee: fill.protocolFee,
      lpShare: fill.lpShare,
      commission: fee,
    },
    annualRateBps:
      fill.filled === 0n || params.period === 0n
        ? 0n
        : (fill.premium * BPS * YEAR) / (fill.filled * params.period),
  };
}

/** Capacity of a pool for a market at `time` (`Pool.capacity`). */
export function capacityAt(pool: PoolSnapshot, pm: PoolMarketSnapshot, time: bigint): bigint {
  return capacity(saturatingSub(capitalAt(pool, time), pool.claimHold), pm.weightBps);
}
