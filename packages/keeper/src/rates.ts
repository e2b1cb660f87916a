import { toCurveParams } from "@backstop/risk";

/** The on-chain rate fields of a market. */
export type RateBounds = {
  baseRateBps: number;
  minBaseRateBps: number;
  maxBaseRateBps: number;
  maxRateChangePerDayBps: number;
  rateUpdatedAt: number;
};

/** The curve shape the risk package prices with (kink at 80%, slope1 half the target, slope2 4x). */
export const RATE_CURVE_SHAPE = { kinkBps: 8_000, slope1Share: 0.5, slope2Multiple: 4 } as const;

/** The base rate of the curve that earns `targetRateBps` on average up to the kink (risk package pricing). */
export function baseRateFor(targetRateBps: number): number {
  return toCurveParams({ targetRateBps, ...RATE_CURVE_SHAPE }).baseRateBps;
}

/**
 * The rate to send now on the way to `desiredBps`: clamped to [min, max] and moved at most
 * maxRateChangePerDay x elapsed / 1 day from the current rate (the contract's rule, rounded down like it).
 * Undefined when nothing should be sent (already there, no room to move, or a move below `minStepBps`).
 */
export function nextBaseRate(
  m: RateBounds,
  desiredBps: number,
  nowSeconds: number,
  minStepBps = 1,
): number | undefined {
  const target = Math.min(m.maxBaseRateBps, Math.max(m.minBaseRateBps, Math.round(desiredBps)));
  const elapsed = Math.max(0, nowSeconds - m.rateUpdatedAt);
  const allowed = Math.floor((m.maxRateChangePerDayBps * elapsed) / 86_400);
  const gap = target - m.baseRateBps;
  const step = Math.sign(gap) * Math.min(Math.abs(gap), allowed);
  if (Math.abs(step) < Math.max(1, minStepBps) && step !== gap) return undefined;
  if (step === 0) return undefined;
  return m.baseRateBps + step;
}
