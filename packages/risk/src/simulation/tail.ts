import { ValidationError } from "../errors.ts";
import {
  CDF_TABLE,
  CDF_TABLE_MIN,
  CDF_TABLE_STEPS_PER_UNIT,
  normalCdf,
  normalQuantile,
} from "../math/normal.ts";
import { Sfc32 } from "../math/random.ts";
import { CONFIDENCE } from "./aggregate.ts";
import { SEVERITY_DEPEG, SEVERITY_EXPLOIT, SEVERITY_FIXED, type SimulationModel } from "./model.ts";

/**
 * Importance-sampled tail allocation: the Euler capital of every market in one balance sheet
 * (the model's total loss), estimated with a defensive mixture (Hesterberg 1995).
 *
 * Each simulated year comes, with probability `defensiveShare`, from the model itself and otherwise
 * from a tilted model in which every event source that can reach the balance sheet has its
 * (factor-conditional) event odds multiplied by `eventOddsTilt` and draws its severity quantile
 * from a mixture that puts `severityTailShare` of its mass above `severityTailFrom`. A year's
 * weight is the likelihood ratio of the model to the mixture, w = 1 / (beta + (1 - beta) R) with
 * R = q(year) / p(year): bounded by 1 / beta, so no function of the year has more than 1 / beta
 * times its plain Monte Carlo variance, while the joint events that make up a pool's worst years
 * (a large market's severe loss together with a small market's event) are sampled two orders of
 * magnitude more often. Category factors are not tilted, so R is a product of per-source
 * conditional ratios.
 *
 * The VaR and tail are the weighted (self-normalised) empirical ones: years sorted by loss, the
 * tail is the top (1 - confidence) of the weight, with the boundary year counted fractionally.
 * Per-market tail losses come from a second pass over the same stream (identical numbers), so no
 * per-year market rows are stored.
 */
export interface TailAllocationOptions {
  years: number;
  seed: number;
  confidence?: number;
  /** Share of years drawn from the untilted model (bounds every weight by 1 / defensiveShare). */
  defensiveShare?: number;
  /** Factor on the odds of each relevant event in the tilted component. */
  eventOddsTilt?: number;
  /** Severity quantile above which the tilted component puts `severityTailShare` of its mass. */
  severityTailFrom?: number;
  severityTailShare?: number;
}

export const DEFAULT_TAIL_SAMPLING = {
  confidence: CONFIDENCE,
  defensiveShare: 0.3,
  eventOddsTilt: 8,
  severityTailFrom: 0.85,
  severityTailShare: 0.6,
} as const;

export interface TailMarketAllocation {
  marketId: string;
  coverUsd: number;
  expectedLoss: number;
  /** E[L_i | balance-sheet loss in its worst (1 - confidence) of years]. */
  tailLoss: number;
  /** Euler capital: tailLoss - expectedLoss. Sums to capitalRequired. */
  capitalContribution: number;
}

export interface TailAllocation {
  years: number;
  seed: number;
  confidence: number;
  expectedLoss: number;
  valueAtRisk: number;
  tailValueAtRisk: number;
  capitalRequired: number;
  /** Kish effective sample size of the weights, (sum w)^2 / sum w^2. */
  effectiveSampleSize: number;
  /** Simulated years that fall in the tail (with plain Monte Carlo: years x (1 - confidence)). */
  tailYears: number;
  markets: TailMarketAllocation[];
}

/** Smallest severity exceedance probability the tilted component aims at. */
const SEVERITY_TAIL_FLOOR = 1e-8;

interface Sampler {
  /** Simulates one year into ratio/touched; returns the year's weight. */
  year(): number;
  /** The year's event sources and their loss ratios (before pass-through). */
  eventSource: Int32Array;
  eventRatio: Float64Array;
  eventCount: () => number;
  /** Factor-conditional own event probability of each market this year. */
  marketProbability: Float64Array;
  /** Each source's factor of R = q(year) / p(year), and R itself. */
  sourceFactor: Float64Array;
  likelihood: () => number;
  lossRatio(source: number, u: number): number;
  ratio: Float64Array;
  touched: Int32Array;
  touchedCount: () => number;
  clear(): void;
}

function makeSampler(model: SimulationModel, rng: Sfc32, options: TailSampling): Sampler {
  const n = model.marketIds.length;
  const nAssets = model.assetIds.length;
  const k = model.categories.length;
  const { marketCategory, marketThreshold, marketLoading, marketCover, factorCholesky } = model;
  const { affectedStart, affectedTarget, affectedWeight } = model;
  const usd = model.usdSeverity;
  const bodyWeight = 1 - usd.tailProbability;
  const beta = options.defensiveShare;
  const tilt = options.eventOddsTilt;
  const from = options.severityTailFrom;
  const share = options.severityTailShare;
  // Density of the tilted severity quantile relative to the uniform, below and above `from`.
  // Tilted severity quantile: uniform with probability 1 - share, otherwise log-uniform in the
  // exceedance 1 - u over [SEVERITY_TAIL_FLOOR, 1 - from] (every decade of the tail equally often).
  const highExceedance = 1 - from;
  const logSpan = Math.log(highExceedance / SEVERITY_TAIL_FLOOR);
  const severityDensity = (u: number): number => {
    const exceedance = 1 - u;
    return exceedance < highExceedance && exceedance > SEVERITY_TAIL_FLOOR
      ? 1 - share + share / (exceedance * logSpan)
      : 1 - share;
  };
  const sources = n + nAssets;
  // A source matters to this balance sheet when it, or a market it reaches, has cover here.
  const relevant = new Uint8Array(sources);
  for (let s = 0; s < sources; s++) {
    let reaches = s < n && (marketCover[s] as number) > 0;
    for (let e = affectedStart[s] as number; e < (affectedStart[s + 1] as number); e++)
      if ((marketCover[affectedTarget[e] as number] as number) > 0) reaches = true;
    relevant[s] = reaches ? 1 : 0;
  }
  const kind = new Int32Array(sources);
  const sevA = new Float64Array(sources);
  const sevB = new Float64Array(sources);
  for (let i = 0; i < n; i++) {
    kind[i] = model.marketSeverityKind[i] as number;
    sevA[i] = model.marketSeverityA[i] as number;
    sevB[i] = model.marketSeverityB[i] as number;
  }
  for (let d = 0; d < nAssets; d++) {
    kind[n + d] = model.assetSeverityKind[d] as number;
    sevA[n + d] = model.assetSeverityA[d] as number;
    sevB[n + d] = model.assetSeverityB[d] as number;
  }
  const c0 = new Float64Array(n);
  const c1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = marketLoading[i] as number;
    const inverseResidual = 1 / Math.sqrt(1 - a * a);
    c0[i] = (marketThreshold[i] as number) * inverseResidual;
    c1[i] = a * inverseResidual;
  }
  const factors = new Float64Array(k);
  const shocks = new Float64Array(k);
  const ratio = new Float64Array(n);
  const touched = new Int32Array(n);
  let touchedCount = 0;
  const tableLast = CDF_TABLE.length - 2;
  const eventSource = new Int32Array(sources);
  const eventRatio = new Float64Array(sources);
  let eventCount = 0;
  const marketProbability = new Float64Array(n);
  const sourceFactor = new Float64Array(sources);
  let yearLikelihood = 1;

  const lossRatio = (s: number, u: number): number => {
    const a = sevA[s] as number;
    const b = sevB[s] as number;
    switch (kind[s]) {
      case SEVERITY_EXPLOIT: {
        let x: number;
        if (u <= bodyWeight)
          x = Math.exp(usd.mu + usd.sigma * normalQuantile((u / bodyWeight) * usd.bodyAtThreshold));
        else {
          const q = (u - bodyWeight) / usd.tailProbability;
          x = usd.threshold + (usd.beta / usd.xi) * ((1 - q) ** -usd.xi - 1);
        }
        return Math.min(1, a * (x / usd.median) ** b);
      }
      case SEVERITY_DEPEG:
        return Math.min(1, a * (1 - u) ** (-1 / b));
      default:
        return a;
    }
  };
  const applyRatio = (target: number, r: number): void => {
    const current = ratio[target] as number;
    if (current === 0) touched[touchedCount++] = target;
    ratio[target] = 1 - (1 - current) * (1 - r);
  };
  const hit = (source: number, r: number): void => {
    eventSource[eventCount] = source;
    eventRatio[eventCount++] = r;
    if (source < n) applyRatio(source, r);
    for (let e = affectedStart[source] as number; e < (affectedStart[source + 1] as number); e++)
      applyRatio(affectedTarget[e] as number, r * (affectedWeight[e] as number));
  };

  // One source's event: returns the factor q(x)/p(x) it contributes to R.
  const event = (s: number, p: number, tilted: boolean): number => {
    if (!relevant[s] || p <= 0 || p >= 1) {
      if (rng.nextUniform() < p) hit(s, lossRatio(s, rng.nextUniform()));
      return 1;
    }
    const q = (tilt * p) / (1 + (tilt - 1) * p);
    if (rng.nextUniform() >= (tilted ? q : p)) return (1 - q) / (1 - p);
    let u: number;
    if (kind[s] === SEVERITY_FIXED) u = rng.nextUniform();
    else if (!tilted) u = rng.nextUniform();
    else if (rng.nextUniform() < share) u = 1 - SEVERITY_TAIL_FLOOR * Math.exp(logSpan * rng.nextUniform());
    else u = rng.nextUniform();
    hit(s, lossRatio(s, u));
    const severity = kind[s] === SEVERITY_FIXED ? 1 : severityDensity(u);
    return (q / p) * severity;
  };

  return {
    ratio,
    touched,
    touchedCount: () => touchedCount,
    eventSource,
    eventRatio,
    eventCount: () => eventCount,
    marketProbability,
    sourceFactor,
    likelihood: () => yearLikelihood,
    lossRatio,
    clear() {
      for (let t = 0; t < touchedCount; t++) ratio[touched[t] as number] = 0;
      touchedCount = 0;
      eventCount = 0;
    },
    year() {
      const tilted = rng.nextUniform() >= beta;
      for (let c = 0; c < k; c++) shocks[c] = rng.nextNormal();
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let j = 0; j <= c; j++) sum += (factorCholesky[c * k + j] as number) * (shocks[j] as number);
        factors[c] = sum;
      }
      let likelihood = 1;
      for (let i = 0; i < n; i++) {
        const z = (c0[i] as number) - (c1[i] as number) * (factors[marketCategory[i] as number] as number);
        const position = (z - CDF_TABLE_MIN) * CDF_TABLE_STEPS_PER_UNIT;
        let p: number;
        if (position <= 0) p = 0;
        else if (position >= tableLast) p = 1;
        else {
          const index = position | 0;
          const lower = CDF_TABLE[index] as number;
          p = lower + ((CDF_TABLE[index + 1] as number) - lower) * (position - index);
        }
        marketProbability[i] = p;
        const f = event(i, p, tilted);
        sourceFactor[i] = f;
        likelihood *= f;
      }
      for (let d = 0; d < nAssets; d++) {
        const f = event(n + d, model.assetProbability[d] as number, tilted);
        sourceFactor[n + d] = f;
        likelihood *= f;
      }
      yearLikelihood = likelihood;
      return 1 / (beta + (1 - beta) * likelihood);
    },
  };
}

export type TailSampling = Required<Omit<TailAllocationOptions, "years" | "seed" | "confidence">>;

export function resolveTailOptions(options: TailAllocationOptions): Required<TailAllocationOptions> {
  const resolved = { ...DEFAULT_TAIL_SAMPLING, ...options };
  if (!Number.isInteger(resolved.years) || resolved.years < 1000)
    throw new ValidationError("years", resolved.years, "expected an integer >= 1000");
  if (!Number.isInteger(resolved.seed) || resolved.seed < 0 || resolved.seed > 0xffffffff)
    throw new ValidationError("seed", resolved.seed, "expected an integer in [0, 2^32)");
  const open = (name: string, value: number) => {
    if (!(value > 0 && value < 1)) throw new ValidationError(name, value, "expected a number in (0, 1)");
  };
  open("confidence", resolved.confidence);
  open("severityTailFrom", resolved.severityTailFrom);
  open("severityTailShare", resolved.severityTailShare);
  if (!(resolved.defensiveShare > 0 && resolved.defensiveShare <= 1))
    throw new ValidationError("defensiveShare", resolved.defensiveShare, "expected a number in (0, 1]");
  if (!(resolved.eventOddsTilt >= 1 && Number.isFinite(resolved.eventOddsTilt)))
    throw new ValidationError("eventOddsTilt", resolved.eventOddsTilt, "expected a finite number >= 1");
  return resolved;
}

export function tailSampling(options: Required<TailAllocationOptions>): TailSampling {
  return {
    defensiveShare: options.defensiveShare,
    eventOddsTilt: options.eventOddsTilt,
    severityTailFrom: options.severityTailFrom,
    severityTailShare: options.severityTailShare,
  };
}

/** Years per tail-sampling chunk; each chunk owns one PRNG stream (results ignore thread count). */
export const TAIL_CHUNK_YEARS = 32_768;
/** Offset of the tail sampler's streams (distinct from the plain kernel's chunk streams). */
const TAIL_STREAM = 0x40000000;

export function planTailChunks(years: number): { chunkIndex: number; years: number }[] {
  const chunks = [];
  for (let first = 0, index = 0; first < years; first += TAIL_CHUNK_YEARS, index++)
    chunks.push({ chunkIndex: index, years: Math.min(TAIL_CHUNK_YEARS, years - first) });
  return chunks;
}

export interface TailPass1 {
  chunkIndex: number;
  losses: Float64Array;
  weights: Float64Array;
}

export interface TailPass2 {
  chunkIndex: number;
  /** Sum over years of w x E[market loss | the rest of the year]. */
  marketLoss: Float64Array;
  /** Sum over years of w x E[market loss x 1{year in the tail} | the rest of the year]. */
  marketTail: Float64Array;
}

/** Exceedance grid of a loss-ratio distribution: P(r > x) and partial expectations. */
interface RatioTable {
  /** log of the exceedance probability e at each grid point (ascending e). */
  logE: Float64Array;
  e: Float64Array;
  /** r at u = 1 - e (descending). */
  r: Float64Array;
  /** C(e) = integral over the top e of probability of r (ascending). */
  c: Float64Array;
  /** Largest ratio and its probability (the cap at the cover is an atom). */
  max: number;
  atom: number;
  mean: number;
}

const TABLE_POINTS = 4000;
const TABLE_MIN_EXCEEDANCE = 1e-14;

function ratioTable(ratioAt: (u: number) => number): RatioTable {
  const logE = new Float64Array(TABLE_POINTS);
  const e = new Float64Array(TABLE_POINTS);
  const r = new Float64Array(TABLE_POINTS);
  const c = new Float64Array(TABLE_POINTS);
  const span = -Math.log(TABLE_MIN_EXCEEDANCE);
  for (let k = 0; k < TABLE_POINTS; k++) {
    logE[k] = -span + (span * k) / (TABLE_POINTS - 1);
    e[k] = Math.exp(logE[k] as number);
    r[k] = ratioAt(1 - (e[k] as number));
  }
  c[0] = (r[0] as number) * (e[0] as number);
  for (let k = 1; k < TABLE_POINTS; k++)
    c[k] =
      (c[k - 1] as number) +
      (((e[k] as number) - (e[k - 1] as number)) * ((r[k] as number) + (r[k - 1] as number))) / 2;
  const max = r[0] as number;
  const table = { logE, e, r, c, max, atom: 0, mean: c[TABLE_POINTS - 1] as number };
  table.atom = exceedance(table, max * (1 - 1e-12));
  return table;
}

/** P(r > x), interpolated in log exceedance. */
function exceedance(t: RatioTable, x: number): number {
  if ((t.r[TABLE_POINTS - 1] as number) > x) return 1;
  if ((t.r[0] as number) <= x) return 0;
  let lo = 0; // r[lo] > x
  let hi = TABLE_POINTS - 1; // r[hi] <= x
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((t.r[mid] as number) > x) lo = mid;
    else hi = mid;
  }
  const rl = t.r[lo] as number;
  const rh = t.r[hi] as number;
  const f = rl > rh ? (rl - x) / (rl - rh) : 1;
  return Math.exp((t.logE[lo] as number) + f * ((t.logE[hi] as number) - (t.logE[lo] as number)));
}

/** E[r ; r in the top e of its distribution]. */
function partial(t: RatioTable, e: number): number {
  if (e <= 0) return 0;
  if (e >= 1) return t.mean;
  if (e <= (t.e[0] as number)) return (t.r[0] as number) * e;
  const position =
    ((Math.log(e) - (t.logE[0] as number)) / ((t.logE[1] as number) - (t.logE[0] as number))) | 0;
  const k = Math.min(TABLE_POINTS - 2, position);
  const e0 = t.e[k] as number;
  const r0 = t.r[k] as number;
  const r1 = t.r[k + 1] as number;
  const rAtE = r0 + ((r1 - r0) * (e - e0)) / ((t.e[k + 1] as number) - e0);
  return (t.c[k] as number) + ((e - e0) * (r0 + rAtE)) / 2;
}

/**
 * Pass 2 of one chunk: the same years again, with event sources integrated out one at a time
 * (conditional Monte Carlo). Given the rest of the year (factors and every other event), a source
 * s has its event with probability p_s (conditional on the factors for a market) and a loss ratio r
 * with a known distribution; the year's total loss is then base + K r (linear in r), so the tail
 * indicator is 1{r > r*} and E[L_i 1{tail} | rest] is read off the ratio's exceedance table. Years
 * without any event still contribute the probability that one source alone reaches the tail.
 * Every source that reaches market i gives an unbiased estimate of its tail loss; they are averaged
 * with fixed weights (the source's share of the market's expected loss). The weight of a year is
 * the mixture's likelihood ratio without the integrated source's factor.
 */
export function tailChunkPass2(
  model: SimulationModel,
  seed: number,
  sampling: TailSampling,
  chunkIndex: number,
  years: number,
  threshold: number,
  boundaryFraction: number,
): TailPass2 {
  const sampler = makeSampler(model, new Sfc32(seed, TAIL_STREAM + chunkIndex), sampling);
  const n = model.marketIds.length;
  const sources = n + model.assetIds.length;
  const cover = model.marketCover;
  const { affectedStart, affectedTarget, affectedWeight } = model;
  const beta = sampling.defensiveShare;
  // Per source: the covered markets it reaches, with pass-through weight and averaging weight.
  const plans: { source: number; table: RatioTable; targets: number[]; through: number[]; mix: number[] }[] =
    [];
  const mixTotal = new Float64Array(n);
  for (let source = 0; source < sources; source++) {
    const targets: number[] = [];
    const through: number[] = [];
    if (source < n && (cover[source] as number) > 0) {
      targets.push(source);
      through.push(1);
    }
    for (let a = affectedStart[source] as number; a < (affectedStart[source + 1] as number); a++) {
      const t = affectedTarget[a] as number;
      if ((cover[t] as number) > 0) {
        targets.push(t);
        through.push(affectedWeight[a] as number);
      }
    }
    if (targets.length === 0) continue;
    const table = ratioTable((u) => sampler.lossRatio(source, u));
    const probability =
      source < n
        ? normalCdf(model.marketThreshold[source] as number)
        : (model.assetProbability[source - n] as number);
    const mix = targets.map((_, j) => probability * (through[j] as number) * table.mean + 1e-300);
    targets.forEach((t, j) => {
      mixTotal[t] = (mixTotal[t] as number) + (mix[j] as number);
    });
    plans.push({ source, table, targets, through, mix });
  }
  for (const plan of plans)
    plan.mix = plan.mix.map((m, j) => m / (mixTotal[plan.targets[j] as number] as number));

  const marketLoss = new Float64Array(n);
  const marketTail = new Float64Array(n);
  const rho = new Float64Array(n);
  const tolerance = 1e-9 * Math.max(threshold, 1);
  const inTail = (loss: number): number =>
    loss > threshold + tolerance ? 1 : loss >= threshold - tolerance ? boundaryFraction : 0;
  const apply = (target: number, r: number) => {
    rho[target] = 1 - (1 - (rho[target] as number)) * (1 - r);
  };
  for (let y = 0; y < years; y++) {
    sampler.year();
    const events = sampler.eventCount();
    const likelihood = sampler.likelihood();
    for (const { source, table, targets, through, mix } of plans) {
      // Ratios of every market without this source's event.
      rho.fill(0);
      for (let e = 0; e < events; e++) {
        const other = sampler.eventSource[e] as number;
        if (other === source) continue;
        const r = sampler.eventRatio[e] as number;
        if (other < n) apply(other, r);
        for (let a = affectedStart[other] as number; a < (affectedStart[other + 1] as number); a++)
          apply(affectedTarget[a] as number, r * (affectedWeight[a] as number));
      }
      let base = 0;
      for (let t = 0; t < n; t++) base += (cover[t] as number) * (rho[t] as number);
      let slope = 0;
      for (let j = 0; j < targets.length; j++) {
        const t = targets[j] as number;
        slope += (cover[t] as number) * (1 - (rho[t] as number)) * (through[j] as number);
      }
      const p =
        source < n
          ? (sampler.marketProbability[source] as number)
          : (model.assetProbability[source - n] as number);
      const w = 1 / (beta + ((1 - beta) * likelihood) / (sampler.sourceFactor[source] as number));
      const quietInTail = inTail(base);
      // With the event: total = base + slope r, in the tail for r > r* (top e of the ratio).
      const top = base + slope * table.max;
      let e = 0;
      let atom = 0;
      if (top > threshold + tolerance) {
        const rStar = slope > 0 ? (threshold - base) / slope : Number.NEGATIVE_INFINITY;
        e = rStar < 0 ? 1 : exceedance(table, rStar);
      } else if (top >= threshold - tolerance) atom = boundaryFraction * table.atom;
      const partialRatio = e > 0 ? partial(table, e) : atom * table.max;
      const eventMass = e > 0 ? e : atom;
      for (let j = 0; j < targets.length; j++) {
        const t = targets[j] as number;
        const ct = cover[t] as number;
        const own = rho[t] as number;
        const pass = through[j] as number;
        const quiet = ct * own;
        const tail =
          (1 - p) * quiet * quietInTail + p * ct * (own * eventMass + (1 - own) * pass * partialRatio);
        const m = (mix[j] as number) * w;
        marketTail[t] = (marketTail[t] as number) + m * tail;
        marketLoss[t] = (marketLoss[t] as number) + m * (quiet + p * ct * (1 - own) * pass * table.mean);
      }
    }
    sampler.clear();
  }
  return { chunkIndex, marketLoss, marketTail };
}

/** Pass 1 of one chunk: every year's total loss and weight. */
export function tailChunkPass1(
  model: SimulationModel,
  seed: number,
  sampling: TailSampling,
  chunkIndex: number,
  years: number,
): TailPass1 {
  const sampler = makeSampler(model, new Sfc32(seed, TAIL_STREAM + chunkIndex), sampling);
  const cover = model.marketCover;
  const losses = new Float64Array(years);
  const weights = new Float64Array(years);
  for (let y = 0; y < years; y++) {
    weights[y] = sampler.year();
    let total = 0;
    const count = sampler.touchedCount();
    for (let t = 0; t < count; t++) {
      const i = sampler.touched[t] as number;
      total += (cover[i] as number) * (sampler.ratio[i] as number);
    }
    losses[y] = total;
    sampler.clear();
  }
  return { chunkIndex, losses, weights };
}

export interface TailThreshold {
  valueAtRisk: number;
  /** Share of the weight of years at exactly the VaR that belongs to the tail. */
  boundaryFraction: number;
  weightSum: number;
  weightSquares: number;
  expectedLoss: number;
  tailMass: number;
  tailLossSum: number;
  tailYears: number;
}

/**
 * Weighted VaR from pass 1: years sorted by loss; the tail is the largest losses until they carry
 * (1 - confidence) of the total weight (self-normalised importance sampling).
 */
export function tailThreshold(passes: TailPass1[], confidence: number): TailThreshold {
  let count = 0;
  let weightSum = 0;
  let weightSquares = 0;
  let lossSum = 0;
  for (const p of passes) {
    p.weights.forEach((w, y) => {
      weightSum += w;
      weightSquares += w * w;
      lossSum += w * (p.losses[y] as number);
      if ((p.losses[y] as number) > 0) count++;
    });
  }
  const losses = new Float64Array(count);
  const weights = new Float64Array(count);
  let j = 0;
  for (const p of passes) {
    p.losses.forEach((loss, y) => {
      if (loss > 0) {
        losses[j] = loss;
        weights[j++] = p.weights[y] as number;
      }
    });
  }
  const order = Uint32Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => (losses[b] as number) - (losses[a] as number),
  );
  const tailMass = (1 - confidence) * weightSum;
  let above = 0;
  let aboveLoss = 0;
  let valueAtRisk = 0;
  let tailYears = 0;
  let i = 0;
  while (i < count) {
    // Group years of equal loss: they are all in, or share the boundary.
    const loss = losses[order[i] as number] as number;
    let groupWeight = 0;
    let end = i;
    while (end < count && losses[order[end] as number] === loss)
      groupWeight += weights[order[end++] as number] as number;
    valueAtRisk = loss;
    tailYears += end - i;
    if (above + groupWeight >= tailMass) {
      const boundaryFraction = (tailMass - above) / groupWeight;
      return {
        valueAtRisk,
        boundaryFraction,
        weightSum,
        weightSquares,
        expectedLoss: lossSum / weightSum,
        tailMass,
        tailLossSum: aboveLoss + boundaryFraction * groupWeight * loss,
        tailYears,
      };
    }
    above += groupWeight;
    aboveLoss += groupWeight * loss;
    i = end;
  }
  // Fewer loss years than the tail: every loss year is in it (and zero-loss years fill the rest).
  return {
    valueAtRisk: 0,
    boundaryFraction: 0,
    weightSum,
    weightSquares,
    expectedLoss: lossSum / weightSum,
    tailMass,
    tailLossSum: aboveLoss,
    tailYears,
  };
}

/** Combines pass 2 into the allocation. */
export function tailAllocation(
  model: SimulationModel,
  options: Required<TailAllocationOptions>,
  threshold: TailThreshold,
  passes: TailPass2[],
): TailAllocation {
  const n = model.marketIds.length;
  const loss = new Float64Array(n);
  const tail = new Float64Array(n);
  for (const p of passes) {
    for (let i = 0; i < n; i++) {
      loss[i] = (loss[i] as number) + (p.marketLoss[i] as number);
      tail[i] = (tail[i] as number) + (p.marketTail[i] as number);
    }
  }
  const { weightSum, tailMass } = threshold;
  const tailValueAtRisk = tailMass > 0 ? threshold.tailLossSum / tailMass : 0;
  return {
    years: options.years,
    seed: options.seed,
    confidence: options.confidence,
    expectedLoss: threshold.expectedLoss,
    valueAtRisk: threshold.valueAtRisk,
    tailValueAtRisk,
    capitalRequired: tailValueAtRisk - threshold.expectedLoss,
    effectiveSampleSize: (weightSum * weightSum) / threshold.weightSquares,
    tailYears: threshold.tailYears,
    markets: model.marketIds.map((marketId, i) => {
      const expected = (loss[i] as number) / weightSum;
      const tailLoss = tailMass > 0 ? (tail[i] as number) / tailMass : 0;
      return {
        marketId,
        coverUsd: model.marketCover[i] as number,
        expectedLoss: expected,
        tailLoss,
        capitalContribution: tailLoss - expected,
      };
    }),
  };
}

/**
 * Euler allocation of the TVaR of the model's total loss by importance sampling, single-threaded
 * (pure). allocateTailCapitalParallel gives the same numbers on worker threads.
 */
export function allocateTailCapital(model: SimulationModel, options: TailAllocationOptions): TailAllocation {
  const o = resolveTailOptions(options);
  const sampling = tailSampling(o);
  const plan = planTailChunks(o.years);
  const threshold = tailThreshold(
    plan.map((c) => tailChunkPass1(model, o.seed, sampling, c.chunkIndex, c.years)),
    o.confidence,
  );
  const passes = plan.map((c) =>
    tailChunkPass2(
      model,
      o.seed,
      sampling,
      c.chunkIndex,
      c.years,
      threshold.valueAtRisk,
      threshold.boundaryFraction,
    ),
  );
  return tailAllocation(model, o, threshold, passes);
}
