import { CHUNK_YEARS, type ChunkResult, type TailMode } from "./kernel.ts";
import type { SimulationModel } from "./model.ts";

export const CONFIDENCE = 0.995;

export interface SimulationOptions {
  years: number;
  seed: number;
}

export interface PoolResult {
  poolId: string;
  capitalUsd: number;
  expectedLoss: number;
  /** Share of simulated years in which the pool's loss exceeds its capital. */
  ruinProbability: number;
  /** The pool's share of the portfolio's tail loss (sums to TVaR over pools). */
  tailLoss: number;
}

export interface MarketContribution {
  marketId: string;
  coverUsd: number;
  expectedLoss: number;
  /** E[L_i | portfolio loss in the worst (1 - confidence) of years]. */
  tailLoss: number;
  /** Euler allocation of capital required: tailLoss - expectedLoss; sums to capitalRequired. */
  capitalContribution: number;
  /**
   * Capital required allocated by covariance with the total loss (the Euler allocation of a
   * standard-deviation measure, scaled to the same total). Uses every simulated year, not only the
   * tail; reported for comparison (with heavy-tailed losses it is not more stable than the tail allocation).
   */
  covarianceCapital: number;
}

export interface SimulationResult {
  years: number;
  seed: number;
  confidence: number;
  expectedLoss: number;
  standardDeviation: number;
  /** Value at risk: the k-th largest annual loss, k = round(years x (1 - confidence)). */
  valueAtRisk: number;
  /** Mean of the k largest annual losses. */
  tailValueAtRisk: number;
  /** TVaR - expected loss: capital to hold beyond the premiums that fund the expected loss. */
  capitalRequired: number;
  zeroLossYears: number;
  pools: PoolResult[];
  markets: MarketContribution[];
  /** Annual loss exceeded with the given probability (loss-exceedance curve). */
  exceedance: { probability: number; loss: number }[];
  histogram: { binWidth: number; counts: number[]; above: number; upper: number };
}

export function planChunks(years: number): { chunkIndex: number; firstYear: number; years: number }[] {
  const chunks = [];
  for (let first = 0, index = 0; first < years; first += CHUNK_YEARS, index++) {
    chunks.push({ chunkIndex: index, firstYear: first, years: Math.min(CHUNK_YEARS, years - first) });
  }
  return chunks;
}

export function tailCount(years: number): number {
  return Math.max(1, Math.round(years * (1 - CONFIDENCE)));
}

/** Per chunk, keep twice its expected share of tail years plus slack; aggregate() checks it sufficed. */
export function defaultTailMode(totalYears: number, chunkYears: number): TailMode {
  const expected = (tailCount(totalYears) * chunkYears) / totalYears;
  return { kind: "top", count: Math.min(chunkYears, Math.ceil(2 * expected) + 32) };
}

interface TailYear {
  loss: number;
  year: number;
  chunk: ChunkResult;
  row: number;
}

/**
 * Combines chunk results. Returns the chunks whose kept tail may be incomplete (every kept year is
 * at or above the global VaR): the runner re-simulates them (same stream, same numbers) keeping
 * every year above the VaR, then aggregates again.
 */
export function aggregate(
  model: SimulationModel,
  options: SimulationOptions,
  chunks: ChunkResult[],
):
  | { result: SimulationResult }
  | { rerun: { chunkIndex: number; firstYear: number; years: number; tailMode: TailMode }[] } {
  const ordered = [...chunks].sort((a, b) => a.chunkIndex - b.chunkIndex);
  const years = options.years;
  const n = model.marketIds.length;
  const losses = new Float64Array(years);
  for (const chunk of ordered) losses.set(chunk.yearLosses, chunk.firstYear);
  const sorted = Float64Array.from(losses).sort();
  const k = tailCount(years);
  const valueAtRisk = sorted[years - k] as number;

  const rerun = ordered
    .filter((c) => c.tailMode.kind === "top" && c.tailLosses.length >= c.tailMode.count && valueAtRisk > 0)
    .filter((c) => Math.min(...c.tailLosses) >= valueAtRisk)
    .map((c) => ({
      chunkIndex: c.chunkIndex,
      firstYear: c.firstYear,
      years: c.years,
      tailMode: { kind: "above", threshold: valueAtRisk } as TailMode,
    }));
  if (rerun.length > 0) return { rerun };

  const candidates: TailYear[] = [];
  for (const chunk of ordered) {
    chunk.tailLosses.forEach((loss, row) => {
      if (loss > 0) candidates.push({ loss, year: chunk.tailYears[row] as number, chunk, row });
    });
  }
  candidates.sort((a, b) => b.loss - a.loss || a.year - b.year);
  const selected = candidates.slice(0, k);
  const tailSum = new Float64Array(n);
  let tailTotal = 0;
  for (const t of selected) {
    tailTotal += t.loss;
    const row = t.chunk.tailRows.subarray(t.row * n, (t.row + 1) * n);
    for (let i = 0; i < n; i++) tailSum[i] = (tailSum[i] as number) + (row[i] as number);
  }
  let sum = 0;
  let sumSquares = 0;
  let zeroLossYears = 0;
  for (const loss of losses) {
    sum += loss;
    sumSquares += loss * loss;
    if (loss === 0) zeroLossYears++;
  }
  const expectedLoss = sum / years;
  const tailValueAtRisk = tailTotal / k;
  // Rescale Float32 rows so contributions add up exactly to the tail total.
  const rowTotal = tailSum.reduce((s, v) => s + v, 0);
  const rowScale = rowTotal > 0 ? tailTotal / rowTotal : 0;
  const marketLossSum = new Float64Array(n);
  const marketCrossSum = new Float64Array(n);
  const poolLossSum = new Float64Array(model.poolIds.length);
  const poolRuin = new Float64Array(model.poolIds.length);
  for (const chunk of ordered) {
    chunk.marketLossSum.forEach((v, i) => {
      marketLossSum[i] = (marketLossSum[i] as number) + v;
    });
    chunk.marketCrossSum.forEach((v, i) => {
      marketCrossSum[i] = (marketCrossSum[i] as number) + v;
    });
    chunk.poolLossSum.forEach((v, p) => {
      poolLossSum[p] = (poolLossSum[p] as number) + v;
    });
    chunk.poolRuinCount.forEach((v, p) => {
      poolRuin[p] = (poolRuin[p] as number) + v;
    });
  }
  const variance = Math.max(0, sumSquares / years - expectedLoss ** 2);
  const capitalRequired = tailTotal / k - expectedLoss;
  const markets = model.marketIds.map((marketId, i) => {
    const tailLoss = ((tailSum[i] as number) * rowScale) / k;
    const marketExpected = (marketLossSum[i] as number) / years;
    const covariance = (marketCrossSum[i] as number) / years - marketExpected * expectedLoss;
    return {
      marketId,
      coverUsd: model.marketCover[i] as number,
      expectedLoss: marketExpected,
      tailLoss,
      capitalContribution: tailLoss - marketExpected,
      covarianceCapital: variance > 0 ? (capitalRequired * covariance) / variance : 0,
    };
  });
  const pools = model.poolIds.map((poolId, p) => ({
    poolId,
    capitalUsd: model.poolCapital[p] as number,
    expectedLoss: (poolLossSum[p] as number) / years,
    ruinProbability: (poolRuin[p] as number) / years,
    tailLoss: markets.reduce((s, m, i) => {
      const cover = model.marketCover[i] as number;
      return cover > 0 ? s + (m.tailLoss * (model.exposure[p * n + i] as number)) / cover : s;
    }, 0),
  }));
  return {
    result: {
      years,
      seed: options.seed,
      confidence: 0.995,
      expectedLoss,
      standardDeviation: Math.sqrt(Math.max(0, sumSquares / years - expectedLoss ** 2)),
      valueAtRisk,
      tailValueAtRisk,
      capitalRequired: tailValueAtRisk - expectedLoss,
      zeroLossYears,
      pools,
      markets,
      exceedance: exceedanceCurve(sorted),
      histogram: histogram(sorted),
    },
  };
}

function exceedanceCurve(sorted: Float64Array): { probability: number; loss: number }[] {
  const n = sorted.length;
  const points: { probability: number; loss: number }[] = [];
  for (let exponent = -0.5; ; exponent -= 0.25) {
    const probability = 10 ** exponent;
    if (probability * n < 5) break;
    points.push({ probability, loss: sorted[Math.min(n - 1, Math.floor((1 - probability) * n))] as number });
  }
  return points;
}

function histogram(sorted: Float64Array, bins = 40): SimulationResult["histogram"] {
  const n = sorted.length;
  const upper = (sorted[Math.min(n - 1, Math.floor(0.999 * n))] as number) || (sorted[n - 1] as number) || 1;
  const binWidth = upper / bins;
  const counts = new Array<number>(bins).fill(0);
  let above = 0;
  for (const loss of sorted) {
    if (loss > upper) above++;
    else {
      const bin = Math.min(bins - 1, Math.floor(loss / binWidth));
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
  }
  return { binWidth, counts, above, upper };
}
