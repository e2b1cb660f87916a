import { BPS, MAX_UINT256, WAD } from "./constants.ts";
import { max, min, mulDivUp, saturatingSub } from "./math.ts";
import type { GroupExposure } from "./types.ts";

/** Capacity of a (pool, market): capital x weight, rounded down. Mirrors `Pool.capacity`. */
export function capacity(capital: bigint, weightBps: bigint): bigint {
  return (capital * weightBps) / BPS;
}

/**
 * The most new cover a pool can write on a market: the tightest of capacity - exposure, leverage x capital -
 * total exposure, and every group's cap x capital - group exposure. Mirrors `Pool._freeCapacity`.
 */
export function freeCapacity(args: {
  capital: bigint;
  capacity: bigint;
  exposure: bigint;
  totalExposure: bigint;
  leverageBps: bigint;
  groups: readonly GroupExposure[];
}): bigint {
  let free = saturatingSub(args.capacity, args.exposure);
  free = min(free, saturatingSub((args.capital * args.leverageBps) / BPS, args.totalExposure));
  for (const g of args.groups) free = min(free, saturatingSub((args.capital * g.capBps) / BPS, g.booked));
  return free;
}

/** Capital that active exposure locks: max(total / leverage, every group / its cap), rounded up. */
export function lockedCapital(args: {
  totalExposure: bigint;
  leverageBps: bigint;
  groups: readonly GroupExposure[];
}): bigint {
  let locked = mulDivUp(args.totalExposure, BPS, args.leverageBps);
  for (const g of args.groups) {
    if (g.booked !== 0n) locked = max(locked, mulDivUp(g.booked, BPS, g.capBps));
  }
  return locked;
}

/** Capital free to leave the pool. */
export function freeCapital(capital: bigint, locked: bigint): bigint {
  return saturatingSub(capital, locked);
}

/** Utilisation of a (pool, market), WAD, rounded up. Mirrors `Pool.utilisation`. */
export function utilisation(exposure: bigint, marketCapacity: bigint): bigint {
  if (marketCapacity === 0n) return exposure === 0n ? 0n : MAX_UINT256;
  return mulDivUp(exposure, WAD, marketCapacity);
}

/** The highest group exposure / group limit ratio (WAD). Mirrors `Pool.worstGroupExposureRatio`. */
export function worstGroupExposureRatio(capital: bigint, groups: readonly GroupExposure[]): bigint {
  let worst = 0n;
  for (const g of groups) {
    if (g.booked === 0n) continue;
    const limit = (capital * g.capBps) / BPS;
    worst = max(worst, limit === 0n ? MAX_UINT256 : mulDivUp(g.booked, WAD, limit));
  }
  return worst;
}
