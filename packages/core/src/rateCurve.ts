import { BPS, YEAR } from "./constants.ts";
import { max, min, mulDiv, mulDivUp } from "./math.ts";
import type { RateCurve } from "./types.ts";

/**
 * The premium for moving a market's exposure in a pool from `e0` to `e1` for `period` seconds: the area
 * under the kinked curve in x-space (x = e * 1e4), every division rounded up. Mirrors
 * `RateCurveLib.premiumUp`; requires e0 <= e1 <= capacity and 0 < kinkBps < 10_000.
 */
export function premiumUp(
  curve: RateCurve,
  e0: bigint,
  e1: bigint,
  capacity: bigint,
  period: bigint,
): bigint {
  if (e1 === e0) return 0n;
  const a = e0 * BPS;
  const b = e1 * BPS;
  const k = capacity * curve.kinkBps;
  let area = 0n;
  if (a < k) area += areaBelowKink(curve, a, min(b, k), k);
  if (b > k) area += areaAboveKink(curve, max(a, k), b, k, capacity * BPS);
  return mulDivUp(area, period, BPS * BPS * YEAR);
}

/** The annual rate (bps) at exposure `e` of `capacity`, rounded down. Mirrors `RateCurveLib.rateAt`. */
export function rateAt(curve: RateCurve, e: bigint, capacity: bigint): bigint {
  const top = curve.baseRateBps + curve.slope1Bps + curve.slope2Bps;
  if (capacity === 0n) return top;
  const x = e * BPS;
  const k = capacity * curve.kinkBps;
  if (x <= k) return curve.baseRateBps + mulDiv(curve.slope1Bps, x, k);
  const c = capacity * BPS;
  if (x >= c) return top;
  return curve.baseRateBps + curve.slope1Bps + mulDiv(curve.slope2Bps, x - k, c - k);
}

function areaBelowKink(curve: RateCurve, a: bigint, b: bigint, k: bigint): bigint {
  const width = b - a;
  return curve.baseRateBps * width + mulDivUp(curve.slope1Bps * width, a + b, 2n * k);
}

function areaAboveKink(curve: RateCurve, a: bigint, b: bigint, k: bigint, c: bigint): bigint {
  const width = b - a;
  return (
    (curve.baseRateBps + curve.slope1Bps) * width +
    mulDivUp(curve.slope2Bps * width, a + b - 2n * k, 2n * (c - k))
  );
}

/** `RateCurveLib` under its Solidity name. */
export const RateCurveLib = { premiumUp, rateAt } as const;
