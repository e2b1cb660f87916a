import { CalibrationError } from "../errors.ts";
import { normalCdf, normalQuantile } from "../math/normal.ts";
import { nelderMead } from "../math/optimize.ts";
import type { Incident } from "./incidents.ts";

/**
 * Spliced severity in USD: a lognormal body below the threshold u (renormalised to [0, u]) and a
 * generalised Pareto tail above it with weight tailProbability (McNeil, Frey & Embrechts,
 * "Quantitative Risk Management", 2015, ch. 5: peaks over threshold).
 */
export interface SplicedSeverity {
  mu: number;
  sigma: number;
  threshold: number;
  tailProbability: number;
  /** GPD shape; xi > 0 is a Pareto-type tail with infinite moments of order >= 1/xi. */
  xi: number;
  /** GPD scale. */
  beta: number;
}

export interface GoodnessOfFit {
  sampleSize: number;
  /** Kolmogorov-Smirnov sup distance between empirical and fitted CDF. */
  ks: number;
  /** Asymptotic 5% critical value 1.358 / sqrt(n) (parameters estimated, so conservative). */
  ksCritical5pct: number;
  /** Anderson-Darling A^2 (weights the tails). */
  andersonDarling: number;
}

export interface SeverityCalibration {
  distribution: SplicedSeverity;
  fit: GoodnessOfFit;
  /** Same sample against a single lognormal, to show what the Pareto tail buys. */
  lognormalOnlyFit: GoodnessOfFit;
  tailFit: GoodnessOfFit;
  counts: {
    incidents: number;
    withUsdLoss: number;
    withoutUsdLoss: number;
    zeroLoss: number;
    excludedNotALoss: number;
    bareNumberAssumedUsd: number;
    fitted: number;
    tail: number;
  };
  empiricalQuantiles: Record<string, number>;
  fittedQuantiles: Record<string, number>;
}

export function severityCdf(d: SplicedSeverity, x: number): number {
  if (x <= 0) return 0;
  if (x <= d.threshold) {
    const bodyAtThreshold = normalCdf((Math.log(d.threshold) - d.mu) / d.sigma);
    return ((1 - d.tailProbability) * normalCdf((Math.log(x) - d.mu) / d.sigma)) / bodyAtThreshold;
  }
  return 1 - d.tailProbability * gpdSurvival(x - d.threshold, d.xi, d.beta);
}

export function severityQuantile(d: SplicedSeverity, p: number): number {
  const bodyWeight = 1 - d.tailProbability;
  if (p <= bodyWeight) {
    const bodyAtThreshold = normalCdf((Math.log(d.threshold) - d.mu) / d.sigma);
    return Math.exp(d.mu + d.sigma * normalQuantile((p / bodyWeight) * bodyAtThreshold));
  }
  const q = (p - bodyWeight) / d.tailProbability;
  return d.threshold + gpdQuantile(q, d.xi, d.beta);
}

function gpdSurvival(y: number, xi: number, beta: number): number {
  if (Math.abs(xi) < 1e-9) return Math.exp(-y / beta);
  const base = 1 + (xi * y) / beta;
  return base <= 0 ? 0 : base ** (-1 / xi);
}

function gpdQuantile(q: number, xi: number, beta: number): number {
  if (Math.abs(xi) < 1e-9) return -beta * Math.log(1 - q);
  return (beta / xi) * ((1 - q) ** -xi - 1);
}

function gpdNegLogLikelihood(y: number[], xi: number, beta: number): number {
  if (beta <= 0) return Number.POSITIVE_INFINITY;
  let sum = y.length * Math.log(beta);
  for (const v of y) {
    const base = 1 + (xi * v) / beta;
    if (base <= 0) return Number.POSITIVE_INFINITY;
    sum += Math.abs(xi) < 1e-9 ? v / beta : (1 + 1 / xi) * Math.log(base);
  }
  return sum;
}

export function goodnessOfFit(sortedSample: number[], cdf: (x: number) => number): GoodnessOfFit {
  const n = sortedSample.length;
  let ks = 0;
  let ad = 0;
  sortedSample.forEach((x, i) => {
    const f = Math.min(Math.max(cdf(x), 1e-12), 1 - 1e-12);
    ks = Math.max(ks, (i + 1) / n - f, f - i / n);
    const mirrored = Math.min(Math.max(cdf(sortedSample[n - 1 - i] as number), 1e-12), 1 - 1e-12);
    ad += (2 * (i + 1) - 1) * (Math.log(f) + Math.log(1 - mirrored));
  });
  return { sampleSize: n, ks, ksCritical5pct: 1.358 / Math.sqrt(n), andersonDarling: -n - ad / n };
}

const QUANTILE_LEVELS = [0.5, 0.75, 0.9, 0.95, 0.99];

/**
 * Fits the spliced severity to every incident with a stated USD loss > 0, except losses known not
 * to be exploit losses. Rows without a USD figure are counted (they inform frequency) and reported.
 * The threshold is the empirical quantile `tailQuantile` of the sample (default 0.85).
 */
export function calibrateSeverity(
  incidents: Incident[],
  options: { tailQuantile?: number } = {},
): SeverityCalibration {
  const tailQuantile = options.tailQuantile ?? 0.85;
  const withUsd = incidents.filter((i) => i.lossUsd !== undefined);
  const excluded = withUsd.filter((i) => i.excludedFromSeverity);
  const zero = withUsd.filter((i) => !i.excludedFromSeverity && (i.lossUsd ?? 0) <= 0);
  const sample = withUsd
    .filter((i) => !i.excludedFromSeverity && (i.lossUsd ?? 0) > 0)
    .map((i) => i.lossUsd as number)
    .sort((a, b) => a - b);
  if (sample.length < 30) {
    throw new CalibrationError("too few USD losses to fit a severity distribution", {
      details: { sample: sample.length },
    });
  }
  const logs = sample.map(Math.log);
  const mu = logs.reduce((s, v) => s + v, 0) / logs.length;
  const sigma = Math.sqrt(logs.reduce((s, v) => s + (v - mu) ** 2, 0) / logs.length);

  const thresholdIndex = Math.floor(tailQuantile * sample.length);
  const threshold = sample[thresholdIndex] as number;
  const exceedances = sample.filter((x) => x > threshold).map((x) => x - threshold);
  const meanExcess = exceedances.reduce((s, v) => s + v, 0) / exceedances.length;
  const best = nelderMead(
    ([xi, logBeta]) => gpdNegLogLikelihood(exceedances, xi ?? 0, Math.exp(logBeta ?? 0)),
    [0.5, Math.log(meanExcess * 0.5)],
    { step: 0.3 },
  );
  const distribution: SplicedSeverity = {
    mu,
    sigma,
    threshold,
    tailProbability: exceedances.length / sample.length,
    xi: best.x[0] ?? 0,
    beta: Math.exp(best.x[1] ?? 0),
  };
  const sortedExceedances = [...exceedances].sort((a, b) => a - b);
  const empiricalQuantiles: Record<string, number> = {};
  const fittedQuantiles: Record<string, number> = {};
  for (const level of QUANTILE_LEVELS) {
    empiricalQuantiles[level] = sample[
      Math.min(sample.length - 1, Math.floor(level * sample.length))
    ] as number;
    fittedQuantiles[level] = severityQuantile(distribution, level);
  }
  return {
    distribution,
    fit: goodnessOfFit(sample, (x) => severityCdf(distribution, x)),
    lognormalOnlyFit: goodnessOfFit(sample, (x) => normalCdf((Math.log(x) - mu) / sigma)),
    tailFit: goodnessOfFit(sortedExceedances, (y) => 1 - gpdSurvival(y, distribution.xi, distribution.beta)),
    counts: {
      incidents: incidents.length,
      withUsdLoss: withUsd.length,
      withoutUsdLoss: incidents.length - withUsd.length,
      zeroLoss: zero.length,
      excludedNotALoss: excluded.length,
      bareNumberAssumedUsd: withUsd.filter((i) => i.lossBasis === "bare_number_assumed_usd").length,
      fitted: sample.length,
      tail: exceedances.length,
    },
    empiricalQuantiles,
    fittedQuantiles,
  };
}

/** E[min(X, limit)] by midpoint integration of the quantile function (bounded integrand). */
export function limitedExpectedValue(d: SplicedSeverity, limit: number, points = 4000): number {
  let sum = 0;
  for (let i = 0; i < points; i++) sum += Math.min(severityQuantile(d, (i + 0.5) / points), limit);
  return sum / points;
}
