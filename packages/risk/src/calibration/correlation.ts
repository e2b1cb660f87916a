import { CalibrationError } from "../errors.ts";
import { normalCdf, normalQuantile } from "../math/normal.ts";
import { CATEGORIES, type Category, PROTOCOLS_PER_CATEGORY } from "../model/categories.ts";
import type { Incident } from "./incidents.ts";

/** Within-category dependence estimated from the incident history. */
export interface CorrelationEstimate {
  /** Latent (Gaussian copula) correlation used for two markets of one category. */
  withinCategory: number;
  /** Same, from the overdispersion of annual counts around the all-market trend. */
  fromDispersion: number;
  /** Same, from same-category incidents with a common cause within `clusterWindowDays`. */
  fromClusters: number;
  /** Pooled overdispersion phi in var = mean + phi x mean^2 (category-year counts, detrended). */
  dispersion: number;
  /** Pairwise correlation of annual event indicators implied by the dispersion. */
  eventCorrelation: number;
  clusterWindowDays: number;
  /** Common-cause clusters found (two or more incidents). */
  clusters: number;
  /** Incident pairs inside clusters, and the number expected from coincidence alone. */
  clusterPairs: number;
  expectedCoincidentPairs: number;
  years: number[];
  byCategory: Record<string, { counts: number[]; dispersion: number; perProtocolRate: number }>;
}

export interface CorrelationOptions {
  fromYear: number;
  toYear: number;
  /** Protocols per category (exposure); defaults to PROTOCOLS_PER_CATEGORY. */
  protocols?: Partial<Record<string, number>>;
  clusterWindowDays?: number;
  /** Categories to pool; "other" is left out by default (it mixes categories). */
  categories?: readonly string[];
}

/**
 * Probability that two exchangeable latent normals with correlation rho are both below
 * Phi^-1(p): integral over the common factor of Phi((t - sqrt(rho) z) / sqrt(1 - rho))^2.
 */
export function jointEventProbability(p: number, rho: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (rho <= 0) return p * p;
  const t = normalQuantile(p);
  const a = Math.sqrt(rho);
  const b = Math.sqrt(1 - rho);
  const steps = 400;
  const h = 16 / steps;
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const z = -8 + k * h;
    const c = normalCdf((t - a * z) / b);
    const weight = k === 0 || k === steps ? 0.5 : 1;
    sum += weight * c * c * Math.exp(-0.5 * z * z);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/** Correlation of the annual event indicators of two markets with probability p and latent rho. */
export function eventCorrelation(p: number, rho: number): number {
  return (jointEventProbability(p, rho) - p * p) / (p * (1 - p));
}

/** Inverse of eventCorrelation in rho (bisection; monotone in rho). */
export function latentCorrelation(p: number, eventCorr: number): number {
  if (!(eventCorr > 0) || !(p > 0 && p < 1)) return 0;
  let low = 0;
  let high = 0.9999;
  if (eventCorrelation(p, high) <= eventCorr) return high;
  for (let i = 0; i < 50; i++) {
    const mid = (low + high) / 2;
    if (eventCorrelation(p, mid) < eventCorr) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Log-linear trend of total annual counts (least squares on log(count + 0.5)). */
function trend(totals: number[]): number[] {
  const n = totals.length;
  const y = totals.map((c) => Math.log(c + 0.5));
  const xMean = (n - 1) / 2;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xMean) * ((y[i] as number) - yMean);
    sxx += (i - xMean) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const fitted = y.map((_, i) => Math.exp(yMean + slope * (i - xMean)));
  // Rescale so the trend reproduces the total count.
  const scale = totals.reduce((s, v) => s + v, 0) / fitted.reduce((s, v) => s + v, 0);
  return fitted.map((f) => f * scale);
}

const dayNumber = (date: string) => Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000);
/** Protocol stem: the first word, lower-cased (forks and deployments of one codebase share it). */
const stem = (protocol: string) => protocol.toLowerCase().split(/[^a-z0-9]+/)[0] ?? "";

/**
 * Within-category correlation from two sources:
 * - dispersion: category-year counts N_ct around m_ct = share_c x trend_t; by the method of
 *   moments, phi = sum((N - m)^2 - m) / sum(m^2) (var = mean + phi mean^2). n exchangeable
 *   protocols with annual probability p and event correlation r give phi = r (1 - p)(n - 1)/(n p),
 *   so r = phi n p / ((1 - p)(n - 1)), mapped to the copula's latent rho.
 * - clusters: incidents of one category within `clusterWindowDays` that share a cause (same
 *   protocol stem, or same attack type on the same day). Excess pairs over coincidence, per year
 *   and per protocol pair, over p(1 - p) give a second event correlation.
 * The estimate used is the larger of the two (clusters are a lower bound on common shocks).
 */
export function estimateCorrelation(incidents: Incident[], options: CorrelationOptions): CorrelationEstimate {
  const years: number[] = [];
  for (let y = options.fromYear; y <= options.toYear; y++) years.push(y);
  if (years.length < 3) {
    throw new CalibrationError("need at least three years to estimate correlation", {
      details: { fromYear: options.fromYear, toYear: options.toYear },
    });
  }
  const categories = options.categories ?? CATEGORIES.filter((c) => c !== "other");
  const protocols = (c: string) => options.protocols?.[c] ?? PROTOCOLS_PER_CATEGORY[c as Category] ?? 0;
  const inWindow = incidents.filter(
    (i) => i.year >= options.fromYear && i.year <= options.toYear && categories.includes(i.category),
  );
  if (inWindow.length < 20) {
    throw new CalibrationError("too few incidents to estimate correlation", {
      details: { incidents: inWindow.length },
    });
  }
  const counts = new Map<string, number[]>(categories.map((c) => [c, years.map(() => 0)]));
  for (const i of inWindow) {
    const row = counts.get(i.category) as number[];
    row[i.year - options.fromYear] = (row[i.year - options.fromYear] as number) + 1;
  }
  const totals = years.map((_, t) =>
    categories.reduce((s, c) => s + ((counts.get(c) as number[])[t] as number), 0),
  );
  const fitted = trend(totals);
  const grand = totals.reduce((s, v) => s + v, 0);

  let excess = 0;
  let meanSquares = 0;
  let weightedR = 0;
  let weightR = 0;
  const byCategory: CorrelationEstimate["byCategory"] = {};
  for (const c of categories) {
    const row = counts.get(c) as number[];
    const share = row.reduce((s, v) => s + v, 0) / grand;
    const n = protocols(c);
    let e = 0;
    let m2 = 0;
    for (let t = 0; t < years.length; t++) {
      const m = share * (fitted[t] as number);
      e += ((row[t] as number) - m) ** 2 - m;
      m2 += m * m;
    }
    const phi = m2 > 0 ? Math.max(0, e / m2) : 0;
    const p = Math.min(0.99, (share * grand) / years.length / Math.max(n, 1));
    byCategory[c] = { counts: row, dispersion: phi, perProtocolRate: p };
    excess += e;
    meanSquares += m2;
    if (n > 1 && m2 > 0) {
      weightedR += m2 * ((phi * n * p) / ((1 - p) * (n - 1)));
      weightR += m2;
    }
  }
  const dispersion = meanSquares > 0 ? Math.max(0, excess / meanSquares) : 0;
  // Pooled event correlation: m^2-weighted, the weights of the pooled moment estimator.
  const r = weightR > 0 ? Math.min(1, weightedR / weightR) : 0;
  const totalProtocols = categories.reduce((s, c) => s + protocols(c), 0);
  const pooledP = Math.min(0.99, grand / years.length / Math.max(totalProtocols, 1));
  const fromDispersion = latentCorrelation(pooledP, r);

  // Common-cause clusters.
  const windowDays = options.clusterWindowDays ?? 7;
  const sorted = [...inWindow].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  let clusterPairs = 0;
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  let pairSum = 0;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Incident;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Incident;
      const gap = dayNumber(b.date) - dayNumber(a.date);
      if (gap > windowDays) break;
      if (a.category !== b.category) continue;
      const sameStem = stem(a.protocol) !== "" && stem(a.protocol) === stem(b.protocol);
      const sameDayType = gap === 0 && a.type.trim().toLowerCase() === b.type.trim().toLowerCase();
      if (sameStem || sameDayType) {
        clusterPairs++;
        parent[find(j)] = find(i);
      }
    }
  }
  const sizes = new Map<number, number>();
  for (let i = 0; i < sorted.length; i++) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
  const clusters = [...sizes.values()].filter((s) => s > 1).length;
  // Coincidence: two independent same-category incidents of one year fall within the window with
  // probability (2w + 1)/365 and on the same day with 1/365; they then match with the rates at
  // which any two same-category incidents of the window share a stem or an attack type.
  let pairsAll = 0;
  let stemMatches = 0;
  let typeMatches = 0;
  for (const c of categories) {
    const group = inWindow.filter((i) => i.category === c);
    const tally = (keys: string[]) => {
      const seen = new Map<string, number>();
      for (const k of keys) if (k !== "") seen.set(k, (seen.get(k) ?? 0) + 1);
      return [...seen.values()].reduce((s, k) => s + (k * (k - 1)) / 2, 0);
    };
    pairsAll += (group.length * (group.length - 1)) / 2;
    stemMatches += tally(group.map((i) => stem(i.protocol)));
    typeMatches += tally(group.map((i) => i.type.trim().toLowerCase()));
  }
  const stemRate = pairsAll > 0 ? stemMatches / pairsAll : 0;
  const typeRate = pairsAll > 0 ? typeMatches / pairsAll : 0;
  let expectedCoincidentPairs = 0;
  for (const c of categories) {
    for (const k of counts.get(c) as number[]) {
      expectedCoincidentPairs +=
        ((k * (k - 1)) / 2) * (((2 * windowDays + 1) / 365) * stemRate + (1 / 365) * typeRate);
    }
  }
  for (const c of categories) {
    const n = protocols(c);
    const p = byCategory[c]?.perProtocolRate ?? 0;
    if (n > 1 && p > 0) pairSum += ((n * (n - 1)) / 2) * p * (1 - p) * years.length;
  }
  const clusterR = pairSum > 0 ? Math.max(0, clusterPairs - expectedCoincidentPairs) / pairSum : 0;
  const fromClusters = latentCorrelation(pooledP, clusterR);
  return {
    withinCategory: Math.max(fromDispersion, fromClusters),
    fromDispersion,
    fromClusters,
    dispersion,
    eventCorrelation: r,
    clusterWindowDays: windowDays,
    clusters,
    clusterPairs,
    expectedCoincidentPairs,
    years,
    byCategory,
  };
}
