import type { Calibration } from "../calibration/calibrate.ts";
import { DEFAULT_LOSS_GIVEN_EXPLOIT, medianLossShare } from "../calibration/exposure.ts";
import type { SplicedSeverity } from "../calibration/severity.ts";
import { severityQuantile } from "../calibration/severity.ts";
import { type Category, PEG_CATEGORIES } from "./categories.ts";
import type { SeveritySpec } from "./profile.ts";

/**
 * Default loss given event by category. Exploits: the median share of TVL lost is the fit on
 * data/exposure/tvl_at_incident.csv at the market's TVL (27% at $100M, 7% at $1B, 1.2% at $25B),
 * floored at 0.5%; the spread around it is the fit's residual spread (sigma of log share), obtained
 * by scaling the fitted USD severity's log spread (dispersion = sigma_share / sigma_usd). De-pegs:
 * the stablecoin peril calibrated on the Chainlink feeds when given, else Pareto from 0.5% with
 * alpha 1.3 (mean depth about 2.2%).
 */
export function defaultSeverity(
  category: Category,
  tvlUsd: number,
  calibration?: Pick<Calibration, "lossGivenExploit" | "depeg" | "severity">,
): SeveritySpec {
  if (PEG_CATEGORIES.has(category)) {
    const depeg = category === "stablecoin" ? calibration?.depeg : undefined;
    return depeg
      ? { kind: "depeg", minDepth: depeg.minDepth, alpha: Math.max(depeg.alpha, 0.5) }
      : { kind: "depeg", minDepth: 0.005, alpha: 1.3 };
  }
  const lge = calibration?.lossGivenExploit ?? DEFAULT_LOSS_GIVEN_EXPLOIT;
  const medianLossRatio = Math.max(0.005, medianLossShare(lge, tvlUsd));
  const usdSigma = calibration?.severity.distribution.sigma ?? 2.5;
  return { kind: "exploit", medianLossRatio, dispersion: Math.min(1, Math.max(0.05, lge.sigma / usdSigma)) };
}

/** Loss ratio (fraction of cover paid, in [0, 1]) at probability level u of the severity. */
export function lossRatioQuantile(spec: SeveritySpec, usd: SplicedSeverity, u: number): number {
  switch (spec.kind) {
    case "fixed":
      return spec.ratio;
    case "depeg":
      return Math.min(1, spec.minDepth * (1 - u) ** (-1 / spec.alpha));
    case "exploit": {
      const median = severityQuantile(usd, 0.5);
      return Math.min(1, spec.medianLossRatio * (severityQuantile(usd, u) / median) ** spec.dispersion);
    }
  }
}

/** E[loss ratio] and E[loss ratio | in the worst 0.5%] by midpoint integration of the quantile. */
export function lossRatioMoments(
  spec: SeveritySpec,
  usd: SplicedSeverity,
  points = 2000,
): { mean: number; tailMean: number } {
  let sum = 0;
  let tail = 0;
  let tailPoints = 0;
  for (let i = 0; i < points; i++) {
    const u = (i + 0.5) / points;
    const ratio = lossRatioQuantile(spec, usd, u);
    sum += ratio;
    if (u > 0.995) {
      tail += ratio;
      tailPoints++;
    }
  }
  return { mean: sum / points, tailMean: tailPoints > 0 ? tail / tailPoints : 1 };
}
