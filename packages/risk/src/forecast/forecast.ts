import { hasStatedLoss, type Incident, yearFraction } from "../calibration/incidents.ts";
import { fitSpliced, type SplicedSeverity } from "../calibration/severity.ts";
import { CalibrationError, ValidationError } from "../errors.ts";
import { normalCdf, normalQuantile } from "../math/normal.ts";
import { Sfc32 } from "../math/random.ts";
import {
  quantileSorted,
  sampleBeta,
  sampleBinomial,
  sampleChiSquare,
  sampleDirichlet,
  sampleMultinomial,
  samplePoisson,
} from "../math/sampling.ts";
import { CATEGORIES, type Category } from "../model/categories.ts";

/** Mean and 5/50/95% quantiles of a predictive distribution. */
export interface Band {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

export interface ForecastOptions {
  /** Only incidents on or before this date (YYYY-MM-DD) are used. */
  calibrateUntil: string;
  /** Window predicted: from (inclusive) .. to (inclusive), YYYY-MM-DD, after the cutoff. */
  from: string;
  to: string;
  /** Monte Carlo draws of the predictive distribution (default 4000). */
  samples?: number;
  seed?: number;
  /** Half-life in years of the weights that let recent losses count more (severity drift). */
  halfLifeYears?: number;
}

/** What the frequency part learnt from the counts up to the cutoff. */
export interface CountModel {
  /** Calendar years used (consecutive, each with at least one incident) and their counts. */
  years: number[];
  counts: number[];
  /** Observed share of each year (the cutoff year may be partial). */
  exposure: number[];
  /** log annual rate of the last year and its sampling variance (Poisson: 1 / count). */
  lastLogRate: number;
  lastLogRateVariance: number;
  /** Last observed log growth of the annual rate (0 when only one year). */
  lastGrowth: number;
  /** Growth-innovation residuals g_t - phi g_(t-1) at the prior mean of phi. */
  residuals: number[];
  /** Posterior of the innovation variance: scaled inverse chi-square (df, scale^2). */
  innovationDf: number;
  innovationScale: number;
}

/** Damping of the growth of the log rate: phi ~ Beta(3, 3) (mean 0.5). */
export const DAMPING_PRIOR = { a: 3, b: 3 } as const;
/** Prior on the innovation sd of the log growth: 3 pseudo-observations of 0.35. */
export const INNOVATION_PRIOR = { df: 3, scale: 0.35 } as const;
/** Annual rates are capped at this multiple of the largest annual count seen (a bound on the number of protocols). */
export const RATE_CAP_MULTIPLE = 10;
export const DEFAULT_HALF_LIFE_YEARS = 0.5;
/** Per-incident losses are capped at this multiple of the largest loss seen up to the cutoff. */
export const LOSS_CAP_MULTIPLE = 2;

function assertDate(field: string, value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !Number.isFinite(Date.parse(value)))
    throw new ValidationError(field, value, "expected YYYY-MM-DD");
  return yearFraction(value);
}

/** End of a day as a fractional year (dates are inclusive). */
const endOfDay = (date: string) =>
  yearFraction(new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString());

/**
 * Frequency: the annual incident rate follows a damped local trend on the log scale,
 * g_t = phi g_(t-1) + e_t with e_t ~ N(0, s^2), x_t = x_(t-1) + g_t (an ARIMA(1,1,0) on log rates),
 * and counts are Poisson given the year's rate: a Poisson-lognormal model, overdispersed like a
 * negative binomial, whose year effects are what made counts swing 14-21% a year. Parameter
 * uncertainty: phi from its prior, s^2 from its scaled-inverse-chi-square posterior, and the
 * last level from its Poisson sampling error.
 */
export function fitCountModel(incidents: Incident[], cutoff: string): CountModel {
  const cutoffTime = endOfDay(cutoff);
  const cutoffYear = Math.floor(cutoffTime - 1e-9);
  const counts = new Map<number, number>();
  for (const i of incidents) if (i.time < cutoffTime) counts.set(i.year, (counts.get(i.year) ?? 0) + 1);
  const years: number[] = [];
  for (let y = cutoffYear; (counts.get(y) ?? 0) > 0; y--) years.unshift(y);
  // A cutoff early in a year leaves too little of it to estimate its level: end at the year before.
  if (years.at(-1) === cutoffYear && cutoffTime - cutoffYear < 0.25) years.pop();
  if (years.length === 0) {
    throw new CalibrationError("no incidents in the year before the cutoff", { details: { cutoff } });
  }
  const exposure = years.map((y) => Math.min(1, Math.max(1e-9, cutoffTime - y)));
  const observed = years.map((y) => counts.get(y) ?? 0);
  const logRates = observed.map((n, k) => Math.log(n / (exposure[k] as number)));
  const growth = logRates.slice(1).map((x, k) => x - (logRates[k] as number));
  const phi = DAMPING_PRIOR.a / (DAMPING_PRIOR.a + DAMPING_PRIOR.b);
  const residuals = growth.slice(1).map((g, k) => g - phi * (growth[k] as number));
  // With one growth only, it is its own residual against a zero prior growth.
  if (growth.length === 1) residuals.push(growth[0] as number);
  const df = INNOVATION_PRIOR.df + residuals.length;
  const scale2 =
    (INNOVATION_PRIOR.df * INNOVATION_PRIOR.scale ** 2 + residuals.reduce((s, r) => s + r * r, 0)) / df;
  const last = observed.at(-1) as number;
  return {
    years,
    counts: observed,
    exposure,
    lastLogRate: logRates.at(-1) as number,
    lastLogRateVariance: 1 / last,
    lastGrowth: growth.at(-1) ?? 0,
    residuals,
    innovationDf: df,
    innovationScale: Math.sqrt(scale2),
  };
}

/** Time-decay weight of an incident at time t seen from the cutoff. */
const decay = (t: number, cutoffTime: number, halfLife: number) => 0.5 ** ((cutoffTime - t) / halfLife);

export interface SeverityModel {
  /** Weighted point fit (recent losses count more). */
  fit: SplicedSeverity;
  /** Refits on weighted resamples (parameter uncertainty). */
  replicates: SplicedSeverity[];
  /** Effective sample size of the weighted losses. */
  effectiveSize: number;
  /** Cap per incident loss. */
  capUsd: number;
  /** Posterior of the share of incidents that state a USD loss: Beta(a, b). */
  statedShare: { a: number; b: number };
}

/**
 * Severity with drift: the spliced lognormal-body / GPD-tail model fitted with exponential time
 * weights (half-life `halfLifeYears`), so the fit follows the fall of typical losses (median $6.6M
 * in 2021, $15k in 2025) instead of pooling every year since 2017. Parameter uncertainty: B refits
 * on resamples drawn with probability proportional to the weights, of the effective sample size.
 */
export function fitSeverityModel(
  incidents: Incident[],
  cutoff: string,
  options: { halfLifeYears?: number; replicates?: number; seed?: number } = {},
): SeverityModel {
  const cutoffTime = endOfDay(cutoff);
  const halfLife = options.halfLifeYears ?? DEFAULT_HALF_LIFE_YEARS;
  const known = incidents.filter((i) => i.time < cutoffTime);
  const losses = known.filter(hasStatedLoss);
  if (losses.length < 30) {
    throw new CalibrationError("too few USD losses before the cutoff to fit severity", {
      details: { cutoff, losses: losses.length },
    });
  }
  const values = losses.map((i) => i.lossUsd as number);
  const weights = losses.map((i) => decay(i.time, cutoffTime, halfLife));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const effectiveSize = totalWeight ** 2 / weights.reduce((s, w) => s + w * w, 0);
  const fit = fitSpliced(values, { weights });
  const cumulative: number[] = [];
  let running = 0;
  for (const w of weights) {
    running += w;
    cumulative.push(running);
  }
  const rng = new Sfc32(options.seed ?? 1, 991);
  const size = Math.max(30, Math.round(effectiveSize));
  const replicates: SplicedSeverity[] = [];
  for (let b = 0; b < (options.replicates ?? 200); b++) {
    const draw = Array.from({ length: size }, () => {
      const target = rng.nextUniform() * running;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] as number) < target) lo = mid + 1;
        else hi = mid;
      }
      return values[lo] as number;
    });
    try {
      replicates.push(fitSpliced(draw));
    } catch {
      // A degenerate resample (too few distinct values on one side of the threshold) is skipped.
    }
  }
  if (replicates.length === 0) replicates.push(fit);
  let stated = 0;
  let total = 0;
  for (const i of known) {
    const w = decay(i.time, cutoffTime, halfLife);
    total += w;
    if (i.lossUsd !== undefined) stated += w;
  }
  const scale = effectiveSize / Math.max(totalWeight, 1e-9);
  return {
    fit,
    replicates,
    effectiveSize,
    capUsd: LOSS_CAP_MULTIPLE * Math.max(...values),
    statedShare: { a: 1 + stated * scale, b: 1 + (total - stated) * scale },
  };
}

export interface CategoryModel {
  categories: Category[];
  /** Dirichlet parameters of the category shares of incident counts. */
  alpha: number[];
  /** Multiplier on severity per category (credibility-weighted, mean-preserving). */
  severityFactor: number[];
}

/** Credibility constant of the category severity factor: a category with 20 effective losses gets Z = 0.5. */
const CATEGORY_SEVERITY_K = 20;

export function fitCategoryModel(
  incidents: Incident[],
  cutoff: string,
  halfLifeYears: number,
): CategoryModel {
  const cutoffTime = endOfDay(cutoff);
  const known = incidents.filter((i) => i.time < cutoffTime);
  const categories = [...CATEGORIES];
  const weight = new Array<number>(categories.length).fill(0);
  const weightSquared = new Array<number>(categories.length).fill(0);
  const logSum = new Array<number>(categories.length).fill(0);
  const logWeight = new Array<number>(categories.length).fill(0);
  let allLog = 0;
  let allWeight = 0;
  for (const i of known) {
    const c = categories.indexOf(i.category);
    const w = decay(i.time, cutoffTime, halfLifeYears);
    weight[c] = (weight[c] as number) + w;
    weightSquared[c] = (weightSquared[c] as number) + w * w;
    if (hasStatedLoss(i)) {
      const l = Math.log(i.lossUsd as number);
      logSum[c] = (logSum[c] as number) + w * l;
      logWeight[c] = (logWeight[c] as number) + w;
      allLog += w * l;
      allWeight += w;
    }
  }
  const total = weight.reduce((s, w) => s + w, 0);
  const totalSquared = weightSquared.reduce((s, w) => s + w, 0);
  const effective = total ** 2 / totalSquared;
  const alpha = weight.map((w) => 0.5 + (w / total) * effective);
  const globalMean = allLog / Math.max(allWeight, 1e-9);
  const raw = categories.map((_, c) => {
    const n = logWeight[c] as number;
    if (n <= 0) return 0;
    const z = n / (n + CATEGORY_SEVERITY_K);
    return z * ((logSum[c] as number) / n - globalMean);
  });
  // Mean-preserving: the share-weighted average factor is one.
  const shares = alpha.map((a) => a / alpha.reduce((s, v) => s + v, 0));
  const norm = raw.reduce((s, d, c) => s + (shares[c] as number) * Math.exp(d), 0);
  return { categories, alpha, severityFactor: raw.map((d) => Math.exp(d) / norm) };
}

/** Fast draw from a spliced severity with its body mass precomputed. */
function sampler(d: SplicedSeverity): (u: number) => number {
  const bodyWeight = 1 - d.tailProbability;
  const bodyAtThreshold = normalCdf((Math.log(d.threshold) - d.mu) / d.sigma);
  return (u: number) => {
    if (u <= bodyWeight) return Math.exp(d.mu + d.sigma * normalQuantile((u / bodyWeight) * bodyAtThreshold));
    const q = (u - bodyWeight) / d.tailProbability;
    const y = Math.abs(d.xi) < 1e-9 ? -d.beta * Math.log(1 - q) : (d.beta / d.xi) * ((1 - q) ** -d.xi - 1);
    return d.threshold + y;
  };
}

export interface ForecastResult {
  count: Band;
  lossUsd: Band;
  byCategory: Record<string, { count: Band; lossUsd: Band }>;
  calibrateUntil: string;
  from: string;
  to: string;
  /** Expected calendar-year coverage of the window (years). */
  windowYears: number;
  model: {
    frequency: CountModel;
    severity: {
      fit: SplicedSeverity;
      effectiveSize: number;
      replicates: number;
      capUsd: number;
      statedShare: number;
    };
    halfLifeYears: number;
    samples: number;
  };
  /** Ascending predictive draws (for scoring rules and plots). */
  draws: { count: Float64Array; lossUsd: Float64Array };
}

export function band(values: Float64Array): Band {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / sorted.length,
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

/**
 * The predictive distribution of the number of incidents and of their total stated USD loss in a
 * window after the cutoff, calibrated only on incidents up to the cutoff. Each draw: parameters
 * (damping, innovation variance, last level, stated share, category shares, a severity refit),
 * then a path of annual rates, Poisson counts over the window's share of each year, a category
 * split, the incidents that state a loss, and their losses.
 */
export function forecast(incidents: Incident[], options: ForecastOptions): ForecastResult {
  const cutoffTime = endOfDay(options.calibrateUntil);
  assertDate("calibrateUntil", options.calibrateUntil);
  const fromTime = assertDate("from", options.from);
  const toTime = endOfDay(options.to);
  assertDate("to", options.to);
  if (fromTime < cutoffTime)
    throw new ValidationError("from", options.from, "expected after --calibrate-until");
  if (toTime <= fromTime) throw new ValidationError("to", options.to, "expected on or after --from");
  const samples = options.samples ?? 4000;
  if (!Number.isInteger(samples) || samples < 100)
    throw new ValidationError("samples", samples, "expected an integer >= 100");
  const halfLife = options.halfLifeYears ?? DEFAULT_HALF_LIFE_YEARS;
  if (!(halfLife > 0)) throw new ValidationError("halfLifeYears", halfLife, "expected > 0");
  const seed = options.seed ?? 1;
  const counts = fitCountModel(incidents, options.calibrateUntil);
  const severity = fitSeverityModel(incidents, options.calibrateUntil, { halfLifeYears: halfLife, seed });
  const categories = fitCategoryModel(incidents, options.calibrateUntil, halfLife);
  const draw = severity.replicates.map(sampler);
  const lastYear = counts.years.at(-1) as number;
  // Share of each calendar year from the last modelled year on that falls in the window.
  const lastWindowYear = Math.floor(toTime - 1e-9);
  const overlap: number[] = [];
  for (let y = lastYear; y <= lastWindowYear; y++) {
    overlap.push(Math.max(0, Math.min(y + 1, toTime) - Math.max(y, fromTime)));
  }
  const k = categories.categories.length;
  const countDraws = new Float64Array(samples);
  const lossDraws = new Float64Array(samples);
  const categoryCounts = Array.from({ length: k }, () => new Float64Array(samples));
  const categoryLosses = Array.from({ length: k }, () => new Float64Array(samples));
  const rng = new Sfc32(seed, 5);
  for (let s = 0; s < samples; s++) {
    const phi = sampleBeta(rng, DAMPING_PRIOR.a, DAMPING_PRIOR.b);
    const sigma =
      counts.innovationScale * Math.sqrt(counts.innovationDf / sampleChiSquare(rng, counts.innovationDf));
    let x = counts.lastLogRate + Math.sqrt(counts.lastLogRateVariance) * rng.nextNormal();
    let g = counts.lastGrowth;
    let n = 0;
    const logCap = Math.log(
      RATE_CAP_MULTIPLE * Math.max(...counts.counts.map((c, i) => c / (counts.exposure[i] as number))),
    );
    overlap.forEach((share, index) => {
      if (index > 0) {
        g = phi * g + sigma * rng.nextNormal();
        x = Math.min(logCap, x + g);
      }
      if (share > 0) n += samplePoisson(rng, Math.exp(x) * share);
    });
    const shares = sampleDirichlet(rng, categories.alpha);
    const split = sampleMultinomial(rng, n, shares);
    const statedShare = sampleBeta(rng, severity.statedShare.a, severity.statedShare.b);
    const sampleLoss = draw[s % draw.length] as (u: number) => number;
    let total = 0;
    for (let c = 0; c < k; c++) {
      const nc = split[c] as number;
      const stated = sampleBinomial(rng, nc, statedShare);
      const factor = categories.severityFactor[c] as number;
      let loss = 0;
      for (let j = 0; j < stated; j++)
        loss += Math.min(severity.capUsd, factor * sampleLoss(rng.nextUniform()));
      (categoryCounts[c] as Float64Array)[s] = nc;
      (categoryLosses[c] as Float64Array)[s] = loss;
      total += loss;
    }
    countDraws[s] = n;
    lossDraws[s] = total;
  }
  const byCategory: Record<string, { count: Band; lossUsd: Band }> = {};
  categories.categories.forEach((c, index) => {
    byCategory[c] = {
      count: band(categoryCounts[index] as Float64Array),
      lossUsd: band(categoryLosses[index] as Float64Array),
    };
  });
  return {
    count: band(countDraws),
    lossUsd: band(lossDraws),
    byCategory,
    calibrateUntil: options.calibrateUntil,
    from: options.from,
    to: options.to,
    windowYears: toTime - fromTime,
    model: {
      frequency: counts,
      severity: {
        fit: severity.fit,
        effectiveSize: severity.effectiveSize,
        replicates: severity.replicates.length,
        capUsd: severity.capUsd,
        statedShare: severity.statedShare.a / (severity.statedShare.a + severity.statedShare.b),
      },
      halfLifeYears: halfLife,
      samples,
    },
    draws: { count: countDraws.sort(), lossUsd: lossDraws.sort() },
  };
}
