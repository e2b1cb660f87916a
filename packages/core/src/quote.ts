import { capacity } from "./capacity.ts";
import { MAX_POOLS } from "./constants.ts";
import { rateAt } from "./rateCurve.ts";
import type { PoolMarketState } from "./types.ts";
import {
  effectiveCurve,
  poolFreeCapacity,
  type SaleTerms,
  type SliceQuote,
  underwrite,
} from "./underwrite.ts";

/** The outcome of filling `amount` over pools in a given order, as `CoverManager._fill` would. */
export type Fill = {
  /** The pool order to pass to `buyCover`. */
  order: number[];
  /** Slices that take cover, in fill order. */
  slices: SliceQuote[];
  filled: bigint;
  premium: bigint;
  curatorFee: bigint;
  protocolFee: bigint;
  lpShare: bigint;
};

/** Fills `amount` greedily over `pools` in order: each takes up to its free capacity. */
export function fillGreedy(pools: readonly PoolMarketState[], amount: bigint, terms: SaleTerms): Fill {
  const fill: Fill = {
    order: pools.map((p) => p.poolId),
    slices: [],
    filled: 0n,
    premium: 0n,
    curatorFee: 0n,
    protocolFee: 0n,
    lpShare: 0n,
  };
  let remaining = amount;
  for (const pool of pools) {
    if (remaining === 0n) break;
    const slice = underwrite(pool, remaining, terms);
    if (slice.filled === 0n) continue;
    remaining -= slice.filled;
    fill.slices.push(slice);
    fill.filled += slice.filled;
    fill.premium += slice.premium;
    fill.curatorFee += slice.curatorFee;
    fill.protocolFee += slice.protocolFee;
    fill.lpShare += slice.lpShare;
  }
  return fill;
}

/** The marginal annual rate (bps) of the next unit of cover in `pool`. */
export function marginalRate(pool: PoolMarketState, terms: SaleTerms): bigint {
  return rateAt(effectiveCurve(pool, terms), pool.exposure, capacity(pool.capital, pool.config.weightBps));
}

/**
 * The cheapest fill of `amount` among: pools sorted by marginal rate, pools sorted by the average rate of
 * what each could take, and every permutation when there are at most `exhaustiveUpTo` pools. Pools without
 * free capacity are dropped; the result lists at most MAX_POOLS pools. Ties keep the earlier candidate.
 */
export function fillCheapest(
  pools: readonly PoolMarketState[],
  amount: bigint,
  terms: SaleTerms,
  exhaustiveUpTo = 6,
): Fill {
  const open = pools.filter((p) => poolFreeCapacity(p) > 0n);
  const byMarginal = [...open].sort((a, b) => cmp(marginalRate(a, terms), marginalRate(b, terms)));
  const avgRate = new Map(open.map((p) => [p.poolId, averageRate(p, amount, terms)] as const));
  const byAverage = [...open].sort((a, b) => cmp(avgRate.get(a.poolId) ?? 0n, avgRate.get(b.poolId) ?? 0n));
  const candidates = [byMarginal, byAverage];
  if (open.length <= exhaustiveUpTo) candidates.push(...permutations(open));
  let best: Fill | undefined;
  for (const order of candidates) {
    const fill = fillGreedy(order.slice(0, MAX_POOLS), amount, terms);
    if (!best || better(fill, best)) best = fill;
  }
  return best ?? fillGreedy([], amount, terms);
}

/** More cover first, then a lower premium, then fewer pools. */
function better(a: Fill, b: Fill): boolean {
  if (a.filled !== b.filled) return a.filled > b.filled;
  if (a.premium !== b.premium) return a.premium < b.premium;
  return a.slices.length < b.slices.length;
}

/** Premium per unit of cover (scaled by 1e18) for what `pool` would take of `amount`. */
function averageRate(pool: PoolMarketState, amount: bigint, terms: SaleTerms): bigint {
  const s = underwrite(pool, amount, terms);
  return s.filled === 0n ? 2n ** 255n : (s.premium * 10n ** 18n) / s.filled;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) out.push([item, ...p]);
  });
  return out;
}
