import { capacity, freeCapacity } from "./capacity.ts";
import { min } from "./math.ts";
import { type PremiumSplit, splitPremium } from "./premiumSplit.ts";
import { premiumUp, rateAt } from "./rateCurve.ts";
import type { PoolMarketState, RateCurve } from "./types.ts";

/** What a pool's `underwrite` would do for one slice. */
export type SliceQuote = PremiumSplit & {
  poolId: number;
  filled: bigint;
  premium: bigint;
  /** The annual rate (bps) before and after the slice. */
  rateBeforeBps: bigint;
  rateAfterBps: bigint;
};

/** Sale terms shared by every pool of one purchase. */
export type SaleTerms = {
  period: bigint;
  oracleBaseRateBps: bigint;
  protocolFeeBps: bigint;
};

/** The curve a pool prices with: its own, or with the market's oracle base rate when it follows the oracle. */
export function effectiveCurve(pool: PoolMarketState, terms: SaleTerms): RateCurve {
  const c = pool.config.curve;
  return pool.config.followOracle ? { ...c, baseRateBps: terms.oracleBaseRateBps } : c;
}

/** The free capacity of `pool` for its market. Mirrors `PoolLens.freeCapacity`. */
export function poolFreeCapacity(pool: PoolMarketState): bigint {
  if (pool.config.weightBps === 0n || !pool.config.listed || pool.closed) return 0n;
  return freeCapacity({
    capital: pool.capital,
    capacity: capacity(pool.capital, pool.config.weightBps),
    exposure: pool.exposure,
    totalExposure: pool.totalExposure,
    leverageBps: pool.leverageBps,
    groups: pool.groups,
  });
}

/**
 * Mirrors `Pool.underwrite` (and `PoolLens._slice`): fills min(maxAmount, free capacity) and prices it on the
 * curve. Like the lens, it does not release other markets' expired cover, so it never fills more than a sale.
 */
export function underwrite(pool: PoolMarketState, maxAmount: bigint, terms: SaleTerms): SliceQuote {
  const cap = capacity(pool.capital, pool.config.weightBps);
  const curve = effectiveCurve(pool, terms);
  const filled = min(maxAmount, poolFreeCapacity(pool));
  const premium =
    filled === 0n ? 0n : premiumUp(curve, pool.exposure, pool.exposure + filled, cap, terms.period);
  return {
    poolId: pool.poolId,
    filled,
    premium,
    ...splitPremium(premium, pool.config.weightBps === 0n ? 0n : pool.curatorFeeBps, terms.protocolFeeBps),
    rateBeforeBps: rateAt(curve, pool.exposure, cap),
    rateAfterBps: rateAt(curve, pool.exposure + filled, cap),
  };
}
