import { ValidationError } from "../errors.ts";

/** The on-chain rate curve: annual rates in basis points, utilisation in basis points (uint32). */
export interface CurveParams {
  baseRateBps: number;
  slope1Bps: number;
  slope2Bps: number;
  kinkBps: number;
}

export interface CurveShape {
  /** Annual rate the book must earn on average when utilisation sits at the kink. */
  targetRateBps: number;
  /** Utilisation at the kink, in (0, 10000). */
  kinkBps: number;
  /** slope1 as a fraction of the target: the price rises by this much from empty to the kink. */
  slope1Share: number;
  /** slope2 as a multiple of the target: scarcity premium from the kink to full utilisation. */
  slope2Multiple: number;
}

export const DEFAULT_CURVE_SHAPE = { kinkBps: 8000, slope1Share: 0.5, slope2Multiple: 4 } as const;
const UINT32_MAX = 0xffffffff;

/**
 * Curve parameters in contract units. The area under the curve from 0 to the kink averages to the
 * target rate: base + slope1 / 2 = target, so a pool filled to the kink earns the required rate.
 * Rounding is upward (in favour of the pool).
 */
export function toCurveParams(shape: CurveShape): CurveParams {
  const { targetRateBps, kinkBps, slope1Share, slope2Multiple } = shape;
  if (!Number.isFinite(targetRateBps) || targetRateBps < 0)
    throw new ValidationError("targetRateBps", targetRateBps, "expected >= 0");
  if (!Number.isInteger(kinkBps) || kinkBps <= 0 || kinkBps >= 10_000) {
    throw new ValidationError("kinkBps", kinkBps, "expected an integer in (0, 10000)");
  }
  if (!(slope1Share >= 0 && slope1Share <= 2))
    throw new ValidationError("slope1Share", slope1Share, "expected in [0, 2]");
  if (!(slope2Multiple >= 0 && Number.isFinite(slope2Multiple))) {
    throw new ValidationError("slope2Multiple", slope2Multiple, "expected >= 0");
  }
  const slope1Bps = Math.ceil(targetRateBps * slope1Share);
  const params = {
    baseRateBps: Math.max(0, Math.ceil(targetRateBps - slope1Bps / 2)),
    slope1Bps,
    slope2Bps: Math.ceil(targetRateBps * slope2Multiple),
    kinkBps,
  };
  for (const [field, value] of Object.entries(params)) {
    if (value > UINT32_MAX) throw new ValidationError(field, value, "exceeds uint32");
  }
  if (params.baseRateBps + params.slope1Bps + params.slope2Bps > UINT32_MAX) {
    throw new ValidationError("curve", params, "rate at full utilisation exceeds uint32");
  }
  return params;
}

/** rate(u) in bps per year; u in [0, 1]. */
export function rateAt(curve: CurveParams, utilisation: number): number {
  const kink = curve.kinkBps / 10_000;
  if (utilisation <= kink) return curve.baseRateBps + (curve.slope1Bps * utilisation) / kink;
  return curve.baseRateBps + curve.slope1Bps + (curve.slope2Bps * (utilisation - kink)) / (1 - kink);
}

/** Average of rate(u) over [u0, u1] (bps per year): the exact area of the piecewise-linear curve. */
export function averageRate(curve: CurveParams, u0: number, u1: number): number {
  if (!(u0 >= 0 && u1 <= 1 && u0 <= u1))
    throw new ValidationError("utilisation", [u0, u1], "expected 0 <= u0 <= u1 <= 1");
  if (u1 === u0) return rateAt(curve, u0);
  const kink = curve.kinkBps / 10_000;
  const trapezoid = (a: number, b: number) => ((rateAt(curve, a) + rateAt(curve, b)) / 2) * (b - a);
  const area = u1 <= kink || u0 >= kink ? trapezoid(u0, u1) : trapezoid(u0, kink) + trapezoid(kink, u1);
  return area / (u1 - u0);
}

/** Premium = amount x average rate over [u0, u1] x period / 365 days (same units as amount). */
export function premiumFor(
  curve: CurveParams,
  amount: number,
  u0: number,
  u1: number,
  periodDays: number,
): number {
  if (!(amount >= 0)) throw new ValidationError("amount", amount, "expected >= 0");
  if (!(periodDays >= 0)) throw new ValidationError("periodDays", periodDays, "expected >= 0");
  return (amount * averageRate(curve, u0, u1) * periodDays) / (10_000 * 365);
}
