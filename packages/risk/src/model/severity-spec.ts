import type { SplicedSeverity } from "../calibration/severity.ts";
import { severityQuantile } from "../calibration/severity.ts";
import { type Category, PEG_CATEGORIES } from "./categories.ts";
import type { SeveritySpec } from "./profile.ts";

/**
 * Default loss given event by category. Exploits: the median drain takes 10% of deposits of a
 * $100M protocol, falling as TVL^-0.25 (dollar losses grow slower than deposits: the fitted USD
 * median is $91k across mostly small protocols), clamped to [1%, 30%]; the shape, including the
 * heavy tail, comes from the fitted USD severity, narrowed by
 * dispersion 0.6 (one protocol's losses spread less than losses across all protocols). De-pegs: depth is Pareto
 * from 0.5% (a typical trigger threshold) with alpha 1.3, i.e. a mean depth of about 2.2%;
 * anchors: USDT 4.8% (May 2022), USDC 12% (March 2023), USDN 27.5% in the Chainlink series.
 */
export function defaultSeverity(category: Category, tvlUsd: number): SeveritySpec {
  if (PEG_CATEGORIES.has(category)) return { kind: "depeg", minDepth: 0.005, alpha: 1.3 };
  const medianLossRatio = Math.min(0.3, Math.max(0.01, 0.1 * (tvlUsd / 1e8) ** -0.25));
  return { kind: "exploit", medianLossRatio, dispersion: 0.6 };
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
