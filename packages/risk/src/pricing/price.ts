import type { SplicedSeverity } from "../calibration/severity.ts";
import { ValidationError } from "../errors.ts";
import type { MarketScore } from "../model/score.ts";
import { lossRatioQuantile } from "../model/severity-spec.ts";
import { type CurveParams, DEFAULT_CURVE_SHAPE, toCurveParams } from "./curve.ts";

export interface PricingParameters {
  /** Annual return LPs require on capital at risk, above the pool asset's own yield. */
  costOfCapital: number;
  /** Running costs per unit of cover per year (keepers, oracles, claims operations), in bps. */
  expenseBps: number;
  /** Fractions of the gross premium. */
  curatorFee: number;
  protocolFee: number;
  kinkBps: number;
  slope1Share: number;
  slope2Multiple: number;
}

export const DEFAULT_PRICING: PricingParameters = {
  costOfCapital: 0.08,
  expenseBps: 20,
  curatorFee: 0.1,
  protocolFee: 0.05,
  ...DEFAULT_CURVE_SHAPE,
};

export interface PriceDecomposition {
  marketId: string;
  /** All rates are annual, in bps of cover. */
  purePremiumBps: number;
  capitalChargeBps: number;
  expensesBps: number;
  feesBps: number;
  /** Target annual rate (rounded up): pure premium + capital charge + expenses + fees. */
  rateBps: number;
  /** Capital per unit of cover the pricing charged for, and where it came from. */
  capitalPerCover: number;
  capitalSource: "pool-euler" | "portfolio-euler" | "standalone-tvar";
  curve: CurveParams;
}

/**
 * Capital per unit of cover held alone at 99.5%: TVaR of the annual loss ratio minus its mean. The
 * year's loss is an event (probability p) times a loss ratio; the worst 0.5% of years are the
 * events whose ratio lies above the (1 - 0.005 / p) quantile, or every event when p < 0.5%.
 */
export function standaloneCapitalPerCover(score: MarketScore, usd: SplicedSeverity, points = 2000): number {
  const p = score.annualLossProbability;
  const tail = 0.005;
  let tvar: number;
  if (p <= tail) tvar = (p * score.meanLossRatio) / tail;
  else {
    const from = 1 - tail / p;
    let sum = 0;
    for (let i = 0; i < points; i++)
      sum += lossRatioQuantile(score.severity, usd, from + ((i + 0.5) / points) * (1 - from));
    tvar = sum / points;
  }
  return Math.max(0, tvar - score.expectedLossRate);
}

/**
 * rate = pure premium + cost of capital x capital consumed + expenses, grossed up for fees. With a
 * portfolio simulation, capital consumed is the market's Euler contribution per unit of cover;
 * otherwise its standalone 99.5% TVaR capital (no diversification credit).
 */
export function priceMarket(
  score: MarketScore,
  usd: SplicedSeverity,
  options: {
    parameters?: Partial<PricingParameters>;
    capitalPerCover?: number;
    capitalSource?: "pool-euler" | "portfolio-euler";
  } = {},
): PriceDecomposition {
  const parameters = { ...DEFAULT_PRICING, ...options.parameters };
  for (const [field, value] of Object.entries(parameters)) {
    if (!Number.isFinite(value) || value < 0)
      throw new ValidationError(`pricing.${field}`, value, "expected a finite number >= 0");
  }
  const feeShare = parameters.curatorFee + parameters.protocolFee;
  if (feeShare >= 1)
    throw new ValidationError("pricing.fees", feeShare, "curator + protocol fee must be < 1");
  if (options.capitalPerCover !== undefined && !(options.capitalPerCover >= 0)) {
    throw new ValidationError("capitalPerCover", options.capitalPerCover, "expected >= 0");
  }
  const capitalPerCover = options.capitalPerCover ?? standaloneCapitalPerCover(score, usd);
  const purePremiumBps = score.expectedLossRate * 10_000;
  const capitalChargeBps = parameters.costOfCapital * capitalPerCover * 10_000;
  const expensesBps = parameters.expenseBps;
  const net = purePremiumBps + capitalChargeBps + expensesBps;
  const gross = net / (1 - feeShare);
  const rateBps = Math.ceil(gross);
  return {
    marketId: score.marketId,
    purePremiumBps,
    capitalChargeBps,
    expensesBps,
    feesBps: gross - net,
    rateBps,
    capitalPerCover,
    capitalSource:
      options.capitalPerCover === undefined
        ? "standalone-tvar"
        : (options.capitalSource ?? "portfolio-euler"),
    curve: toCurveParams({
      targetRateBps: rateBps,
      kinkBps: parameters.kinkBps,
      slope1Share: parameters.slope1Share,
      slope2Multiple: parameters.slope2Multiple,
    }),
  };
}
