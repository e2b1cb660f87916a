import { CalibrationError } from "../errors.ts";
import { normalCdf, normalQuantile } from "../math/normal.ts";
import { nelderMead } from "../math/optimize.ts";
import { Sfc32 } from "../math/random.ts";
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

/** Weighted negative log-likelihood of a lognormal truncated to (0, threshold]. */
function truncatedLognormalNll(
  logs: number[],
  weights: number[],
  logThreshold: number,
  mu: number,
  sigma: number,
) {
  if (!(sigma > 1e-6)) return Number.POSITIVE_INFINITY;
  const logMass = Math.log(Math.max(normalCdf((logThreshold - mu) / sigma), 1e-300));
  let sum = 0;
  for (let i = 0; i < logs.length; i++) {
    const z = ((logs[i] as number) - mu) / sigma;
    sum += (weights[i] as number) * (0.5 * z * z + Math.log(sigma) + logMass);
  }
  return sum;
}

function weightedGpdNll(y: number[], weights: number[], xi: number, beta: number): number {
  if (beta <= 0) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as number;
    const base = 1 + (xi * v) / beta;
    if (base <= 0) return Number.POSITIVE_INFINITY;
    sum +=
      (weights[i] as number) *
      (Math.log(beta) + (Math.abs(xi) < 1e-9 ? v / beta : (1 + 1 / xi) * Math.log(base)));
  }
  return sum;
}

/** Weighted empirical quantile (weights need not sum to one). */
function weightedQuantile(sorted: number[], weights: number[], level: number): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    cumulative += weights[i] as number;
    if (cumulative >= level * total) return sorted[i] as number;
  }
  return sorted[sorted.length - 1] as number;
}

/**
 * Maximum-likelihood spliced fit of positive losses: threshold u at the (weighted) `tailQuantile`,
 * a lognormal truncated to (0, u] fitted on the body only, a GPD fitted on the exceedances, and the
 * tail weight = weighted share above u. `weights` (default 1) let recent years count more.
 */
export function fitSpliced(
  sample: number[],
  options: { tailQuantile?: number; weights?: number[] } = {},
): SplicedSeverity {
  const tailQuantile = options.tailQuantile ?? 0.85;
  const order = sample.map((_, i) => i).sort((a, b) => (sample[a] as number) - (sample[b] as number));
  const xs = order.map((i) => sample[i] as number);
  const ws = order.map((i) => options.weights?.[i] ?? 1);
  const threshold = weightedQuantile(xs, ws, tailQuantile);
  const bodyLogs: number[] = [];
  const bodyWeights: number[] = [];
  const excess: number[] = [];
  const excessWeights: number[] = [];
  xs.forEach((x, i) => {
    if (x > threshold) {
      excess.push(x - threshold);
      excessWeights.push(ws[i] as number);
    } else {
      bodyLogs.push(Math.log(x));
      bodyWeights.push(ws[i] as number);
    }
  });
  if (bodyLogs.length < 5 || excess.length < 3) {
    throw new CalibrationError("too few losses on one side of the tail threshold", {
      details: { body: bodyLogs.length, tail: excess.length, threshold },
    });
  }
  const bodyTotal = bodyWeights.reduce((s, w) => s + w, 0);
  const m0 = bodyLogs.reduce((s, v, i) => s + v * (bodyWeights[i] as number), 0) / bodyTotal;
  const s0 = Math.sqrt(
    bodyLogs.reduce((s, v, i) => s + (bodyWeights[i] as number) * (v - m0) ** 2, 0) / bodyTotal,
  );
  const logThreshold = Math.log(threshold);
  const body = nelderMead(
    ([mu, logSigma]) =>
      truncatedLognormalNll(bodyLogs, bodyWeights, logThreshold, mu ?? 0, Math.exp(logSigma ?? 0)),
    [m0, Math.log(Math.max(s0, 0.1))],
    { step: 0.3, iterations: 400, tolerance: 1e-8 },
  );
  const excessTotal = excessWeights.reduce((s, w) => s + w, 0);
  const meanExcess = excess.reduce((s, v, i) => s + v * (excessWeights[i] as number), 0) / excessTotal;
  const tail = nelderMead(
    ([xi, logBeta]) => weightedGpdNll(excess, excessWeights, xi ?? 0, Math.exp(logBeta ?? 0)),
    [0.5, Math.log(meanExcess * 0.5)],
    { step: 0.3, iterations: 400, tolerance: 1e-8 },
  );
  const totalWeight = bodyTotal + excessTotal;
  return {
    mu: body.x[0] ?? m0,
    sigma: Math.exp(body.x[1] ?? 0),
    threshold,
    tailProbability: excessTotal / totalWeight,
    xi: tail.x[0] ?? 0,
    beta: Math.exp(tail.x[1] ?? 0),
  };
}

/** Positive exploit losses of the incidents, ascending (the severity sample). */
export function severitySample(incidents: Incident[]): number[] {
  return incidents
    .filter((i) => !i.excludedFromSeverity && (i.lossUsd ?? 0) > 0)
    .map((i) => i.lossUsd as number)
    .sort((a, b) => a - b);
}

/**
 * Fits the spliced severity to every incident with a stated USD loss > 0, except losses known not
 * to be exploit losses (nominal, market cap). Rows without a USD figure are counted (they inform
 * frequency) and reported. The threshold is the empirical quantile `tailQuantile` (default 0.85).
 */
export function calibrateSeverity(
  incidents: Incident[],
  options: { tailQuantile?: number } = {},
): SeverityCalibration {
  const tailQuantile = options.tailQuantile ?? 0.85;
  const withUsd = incidents.filter((i) => i.lossUsd !== undefined);
  const excluded = withUsd.filter((i) => i.excludedFromSeverity);
  const zero = withUsd.filter((i) => !i.excludedFromSeverity && (i.lossUsd ?? 0) <= 0);
  const sample = severitySample(incidents);
  if (sample.length < 30) {
    throw new CalibrationError("too few USD losses to fit a severity distribution", {
      details: { sample: sample.length },
    });
  }
  const logs = sample.map(Math.log);
  const mu = logs.reduce((s, v) => s + v, 0) / logs.length;
  const sigma = Math.sqrt(logs.reduce((s, v) => s + (v - mu) ** 2, 0) / logs.length);
  const distribution = fitSpliced(sample, { tailQuantile });
  const exceedances = sample.filter((x) => x > distribution.threshold).map((x) => x - distribution.threshold);
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

export interface BootstrapGoodnessOfFit {
  sampleSize: number;
  replicates: number;
  ks: number;
  andersonDarling: number;
  /** Share of replicates (refitted) whose statistic is at least the observed one, (k + 1) / (B + 1). */
  ksPValue: number;
  andersonDarlingPValue: number;
  /** The naive KS 5% critical value for a fully specified distribution, for contrast. */
  ksCritical5pctNoEstimation: number;
}

/**
 * Parametric-bootstrap goodness of fit of the spliced model (Stute, Gonzalez Manteiga & Presedo
 * Quindimil 1993): fit, compute KS and A2; then B times draw a sample of the same size from the
 * fitted model, refit it the same way (threshold, body, tail) and recompute the statistics. The
 * p-value is the share of replicates at least as far from their own fit as the data is from its
 * fit, so the estimation of the five parameters is accounted for.
 */
export function bootstrapGoodnessOfFit(
  sample: number[],
  options: { replicates?: number; seed?: number; tailQuantile?: number } = {},
): BootstrapGoodnessOfFit & { distribution: SplicedSeverity } {
  const replicates = options.replicates ?? 200;
  const sorted = [...sample].sort((a, b) => a - b);
  const fitOptions = options.tailQuantile === undefined ? {} : { tailQuantile: options.tailQuantile };
  const distribution = fitSpliced(sorted, fitOptions);
  const observed = goodnessOfFit(sorted, (x) => severityCdf(distribution, x));
  const rng = new Sfc32(options.seed ?? 1, 77);
  let ksAbove = 0;
  let adAbove = 0;
  for (let b = 0; b < replicates; b++) {
    const draw = Array.from({ length: sorted.length }, () =>
      severityQuantile(distribution, rng.nextUniform()),
    );
    draw.sort((x, y) => x - y);
    let refit: SplicedSeverity;
    try {
      refit = fitSpliced(draw, fitOptions);
    } catch {
      continue;
    }
    const stat = goodnessOfFit(draw, (x) => severityCdf(refit, x));
    if (stat.ks >= observed.ks) ksAbove++;
    if (stat.andersonDarling >= observed.andersonDarling) adAbove++;
  }
  return {
    distribution,
    sampleSize: sorted.length,
    replicates,
    ks: observed.ks,
    andersonDarling: observed.andersonDarling,
    ksPValue: (ksAbove + 1) / (replicates + 1),
    andersonDarlingPValue: (adAbove + 1) / (replicates + 1),
    ksCritical5pctNoEstimation: 1.358 / Math.sqrt(sorted.length),
  };
}

/** E[min(X, limit)] by midpoint integration of the quantile function (bounded integrand). */
export function limitedExpectedValue(d: SplicedSeverity, limit: number, points = 4000): number {
  let sum = 0;
  for (let i = 0; i < points; i++) sum += Math.min(severityQuantile(d, (i + 0.5) / points), limit);
  return sum / points;
}
