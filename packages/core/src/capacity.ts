import { BPS, MAX_UINT256, WAD } from "./constants.ts";
import { max, min, mulDivUp, saturatingSub } from "./math.ts";
import type { GroupExposure } from "./types.ts";

/**
 * Capital that backs sales and exits: capital minus the capital held for pending assessed claims. Mirrors
 * `Pool._exitCapital` and `PoolLens.underwritingCapital`.
 */
export function underwritingCapital(capital: bigint, claimHold: bigint): bigint {
  return saturatingSub(capital, claimHold);
}

/** Capacity of a (pool, market): underwriting capital x weight, rounded down. Mirrors `Pool.capacity`. */
export function capacity(underwritingCapital: bigint, weightBps: bigint): bigint {
  return (underwritingCapital * weightBps) / BPS;
}

/**
 * The most new cover a pool can write on a market: the tightest of capacity - exposure, leverage x capital -
 * total exposure, and every group's cap x capital - group exposure, where capital is the underwriting
 * capital. Mirrors `Pool._freeCapacity` and `PoolLens.freeCapacity`.
 */
export function freeCapacity(args: {
  /** Underwriting capital (capital - claim hold). */
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

/**
 * Capital that active exposure and pending claims lock: max(total / leverage, every group / its cap), rounded
 * up, plus the claim hold. Mirrors `Pool.lockedCapital`.
 */
export function lockedCapital(args: {
  totalExposure: bigint;
  leverageBps: bigint;
  groups: readonly GroupExposure[];
  claimHold?: bigint;
}): bigint {
  let locked = mulDivUp(args.totalExposure, BPS, args.leverageBps);
  for (const g of args.groups) {
    if (g.booked !== 0n) locked = max(locked, mulDivUp(g.booked, BPS, g.capBps));
  }
  return locked + (args.claimHold ?? 0n);
}

/** Capital free to leave the pool: capital - locked. Mirrors `Pool.freeCapital`. */
export function freeCapital(capital: bigint, locked: bigint): bigint {
  return saturatingSub(capital, locked);
}

/** Utilisation of a (pool, market), WAD, rounded up. Mirrors `PoolLens.utilisation`. */
export function utilisation(exposure: bigint, marketCapacity: bigint): bigint {
  if (marketCapacity === 0n) return exposure === 0n ? 0n : MAX_UINT256;
  return mulDivUp(exposure, WAD, marketCapacity);
}

/**
 * The highest group exposure / group limit ratio (WAD), limits taken on the underwriting capital. Mirrors
 * `PoolLens.worstGroupExposureRatio`.
 */
export function worstGroupExposureRatio(
  underwritingCapital: bigint,
  groups: readonly GroupExposure[],
): bigint {
  let worst = 0n;
  for (const g of groups) {
    if (g.booked === 0n) continue;
    const limit = (underwritingCapital * g.capBps) / BPS;
    worst = max(worst, limit === 0n ? MAX_UINT256 : mulDivUp(g.booked, WAD, limit));
  }
  return worst;
}
