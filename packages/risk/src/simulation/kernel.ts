import { CDF_TABLE, CDF_TABLE_MIN, CDF_TABLE_STEPS_PER_UNIT, normalQuantile } from "../math/normal.ts";
import { Sfc32 } from "../math/random.ts";
import { SEVERITY_DEPEG, SEVERITY_EXPLOIT, type SimulationModel } from "./model.ts";

/** Simulated years per chunk; each chunk owns one PRNG stream, so results ignore thread count. */
export const CHUNK_YEARS = 2048;

/** Which tail years a chunk keeps with their per-market losses (for Euler allocation). */
export type TailMode = { kind: "top"; count: number } | { kind: "above"; threshold: number };

export interface ChunkResult {
  chunkIndex: number;
  firstYear: number;
  years: number;
  yearLosses: Float64Array;
  marketLossSum: Float64Array;
  /** Sum over years of market loss x total loss (for covariance allocation). */
  marketCrossSum: Float64Array;
  poolLossSum: Float64Array;
  poolRuinCount: Float64Array;
  tailMode: TailMode;
  tailLosses: Float64Array;
  tailYears: Int32Array;
  /** Row-major tailLosses.length x nMarkets market losses of the kept years. */
  tailRows: Float32Array;
}

/** Min-heap over (loss, year) of fixed capacity keeping the largest losses seen. */
class TopYears {
  readonly losses: Float64Array;
  readonly years: Int32Array;
  readonly rows: Float32Array;
  readonly slot: Int32Array;
  size = 0;
  readonly capacity: number;
  readonly width: number;

  constructor(capacity: number, width: number) {
    this.capacity = capacity;
    this.width = width;
    this.losses = new Float64Array(capacity);
    this.years = new Int32Array(capacity);
    this.rows = new Float32Array(capacity * width);
    this.slot = new Int32Array(capacity);
  }

  /** Heap order: smaller loss first; among equal losses the later year is smaller (dropped first). */
  private less(a: number, b: number): boolean {
    const la = this.losses[a] as number;
    const lb = this.losses[b] as number;
    return la < lb || (la === lb && (this.years[a] as number) > (this.years[b] as number));
  }

  wouldKeep(loss: number): boolean {
    return this.size < this.capacity || loss > (this.losses[0] as number);
  }

  /** Returns the row offset to fill with the year's market losses. */
  push(loss: number, year: number): number {
    const appended = this.size < this.capacity;
    const position = appended ? this.size++ : 0;
    const rowSlot = appended ? position : (this.slot[0] as number);
    this.losses[position] = loss;
    this.years[position] = year;
    this.slot[position] = rowSlot;
    if (appended) this.siftUp(position);
    else this.siftDown(position);
    this.rows.fill(0, rowSlot * this.width, (rowSlot + 1) * this.width);
    return rowSlot * this.width;
  }

  private swap(a: number, b: number): void {
    for (const array of [this.losses, this.years, this.slot] as const) {
      const t = array[a] as number;
      array[a] = array[b] as number;
      array[b] = t;
    }
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.size && this.less(left, smallest)) smallest = left;
      if (right < this.size && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}

/**
 * Simulates `years` years starting at global year `firstYear` with the chunk's own stream.
 * Per year: correlated category factors (Gaussian copula), one uniform per market compared with
 * the conditional event probability Phi((t_i - a F_c) / sqrt(1 - a^2)), one uniform per external
 * asset; each event's loss ratio reaches its dependants through the precomputed closure; ratios
 * from several events on one market combine as 1 - prod(1 - r). Cost is O(years x markets) with no
 * per-sample allocation.
 */
export function simulateChunk(
  model: SimulationModel,
  seed: number,
  chunkIndex: number,
  firstYear: number,
  years: number,
  tailMode: TailMode,
): ChunkResult {
  const rng = new Sfc32(seed, chunkIndex);
  const n = model.marketIds.length;
  const nPools = model.poolIds.length;
  const nAssets = model.assetIds.length;
  const k = model.categories.length;
  const factors = new Float64Array(k);
  const shocks = new Float64Array(k);
  const ratio = new Float64Array(n);
  const touched = new Int32Array(n);
  const poolLoss = new Float64Array(nPools);
  const yearLosses = new Float64Array(years);
  const marketLossSum = new Float64Array(n);
  const marketCrossSum = new Float64Array(n);
  const poolLossSum = new Float64Array(nPools);
  const poolRuinCount = new Float64Array(nPools);
  const top = tailMode.kind === "top" ? new TopYears(Math.max(1, tailMode.count), n) : undefined;
  const aboveLosses: number[] = [];
  const aboveYears: number[] = [];
  const aboveRows: number[] = [];

  const { marketCategory, marketThreshold, marketLoading, marketCover, exposure, poolCapital } = model;
  const { affectedStart, affectedTarget, affectedWeight, factorCholesky } = model;
  const usd = model.usdSeverity;
  const bodyWeight = 1 - usd.tailProbability;
  // Per-market constants of the conditional probability argument s = c0 - c1 * F.
  const c0 = new Float64Array(n);
  const c1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = marketLoading[i] as number;
    const inverseResidual = 1 / Math.sqrt(1 - a * a);
    c0[i] = (marketThreshold[i] as number) * inverseResidual;
    c1[i] = a * inverseResidual;
  }
  let touchedCount = 0;

  const sampleRatio = (kind: number, a: number, b: number): number => {
    const u = rng.nextUniform();
    if (kind === SEVERITY_EXPLOIT) {
      let x: number;
      if (u <= bodyWeight)
        x = Math.exp(usd.mu + usd.sigma * normalQuantile((u / bodyWeight) * usd.bodyAtThreshold));
      else {
        const q = (u - bodyWeight) / usd.tailProbability;
        x = usd.threshold + (usd.beta / usd.xi) * ((1 - q) ** -usd.xi - 1);
      }
      return Math.min(1, a * (x / usd.median) ** b);
    }
    if (kind === SEVERITY_DEPEG) return Math.min(1, a * (1 - u) ** (-1 / b));
    return a;
  };
  const hit = (source: number, lossRatio: number): void => {
    if (source < n) applyRatio(source, lossRatio);
    const end = affectedStart[source + 1] as number;
    for (let e = affectedStart[source] as number; e < end; e++) {
      applyRatio(affectedTarget[e] as number, lossRatio * (affectedWeight[e] as number));
    }
  };
  const applyRatio = (target: number, lossRatio: number): void => {
    const current = ratio[target] as number;
    if (current === 0) touched[touchedCount++] = target;
    ratio[target] = 1 - (1 - current) * (1 - lossRatio);
  };

  const tableLast = CDF_TABLE.length - 2;
  for (let year = 0; year < years; year++) {
    for (let c = 0; c < k; c++) shocks[c] = rng.nextNormal();
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j <= c; j++) sum += (factorCholesky[c * k + j] as number) * (shocks[j] as number);
      factors[c] = sum;
    }
    touchedCount = 0;
    for (let i = 0; i < n; i++) {
      const s = (c0[i] as number) - (c1[i] as number) * (factors[marketCategory[i] as number] as number);
      // Inline table lookup of Phi(s): this comparison is the hot loop.
      const position = (s - CDF_TABLE_MIN) * CDF_TABLE_STEPS_PER_UNIT;
      let p: number;
      if (position <= 0) p = 0;
      else if (position >= tableLast) p = 1;
      else {
        const index = position | 0;
        const lower = CDF_TABLE[index] as number;
        p = lower + ((CDF_TABLE[index + 1] as number) - lower) * (position - index);
      }
      if (rng.nextUniform() < p) {
        hit(
          i,
          sampleRatio(
            model.marketSeverityKind[i] as number,
            model.marketSeverityA[i] as number,
            model.marketSeverityB[i] as number,
          ),
        );
      }
    }
    for (let d = 0; d < nAssets; d++) {
      if (rng.nextUniform() < (model.assetProbability[d] as number)) {
        hit(
          n + d,
          sampleRatio(
            model.assetSeverityKind[d] as number,
            model.assetSeverityA[d] as number,
            model.assetSeverityB[d] as number,
          ),
        );
      }
    }
    let total = 0;
    if (touchedCount > 0) {
      poolLoss.fill(0);
      for (let t = 0; t < touchedCount; t++) {
        const i = touched[t] as number;
        const r = ratio[i] as number;
        const loss = (marketCover[i] as number) * r;
        total += loss;
        marketLossSum[i] = (marketLossSum[i] as number) + loss;
        for (let p = 0; p < nPools; p++)
          poolLoss[p] = (poolLoss[p] as number) + (exposure[p * n + i] as number) * r;
      }
      for (let t = 0; t < touchedCount; t++) {
        const i = touched[t] as number;
        marketCrossSum[i] =
          (marketCrossSum[i] as number) + (marketCover[i] as number) * (ratio[i] as number) * total;
      }
      for (let p = 0; p < nPools; p++) {
        const loss = poolLoss[p] as number;
        poolLossSum[p] = (poolLossSum[p] as number) + loss;
        if (loss > (poolCapital[p] as number)) poolRuinCount[p] = (poolRuinCount[p] as number) + 1;
      }
    }
    yearLosses[year] = total;
    const globalYear = firstYear + year;
    if (top) {
      if (top.wouldKeep(total)) {
        const offset = top.push(total, globalYear);
        for (let t = 0; t < touchedCount; t++) {
          const i = touched[t] as number;
          top.rows[offset + i] = (marketCover[i] as number) * (ratio[i] as number);
        }
      }
    } else if (tailMode.kind === "above" && total > 0 && total >= tailMode.threshold) {
      aboveLosses.push(total);
      aboveYears.push(globalYear);
      const offset = aboveRows.length;
      for (let i = 0; i < n; i++) aboveRows.push(0);
      for (let t = 0; t < touchedCount; t++) {
        const i = touched[t] as number;
        aboveRows[offset + i] = (marketCover[i] as number) * (ratio[i] as number);
      }
    }
    for (let t = 0; t < touchedCount; t++) ratio[touched[t] as number] = 0;
  }

  let tailLosses: Float64Array;
  let tailYears: Int32Array;
  let tailRows: Float32Array;
  if (top) {
    tailLosses = new Float64Array(top.size);
    tailYears = new Int32Array(top.size);
    tailRows = new Float32Array(top.size * n);
    for (let h = 0; h < top.size; h++) {
      tailLosses[h] = top.losses[h] as number;
      tailYears[h] = top.years[h] as number;
      const slot = top.slot[h] as number;
      tailRows.set(top.rows.subarray(slot * n, (slot + 1) * n), h * n);
    }
  } else {
    tailLosses = Float64Array.from(aboveLosses);
    tailYears = Int32Array.from(aboveYears);
    tailRows = Float32Array.from(aboveRows);
  }
  return {
    chunkIndex,
    firstYear,
    years,
    yearLosses,
    marketLossSum,
    marketCrossSum,
    poolLossSum,
    poolRuinCount,
    tailMode,
    tailLosses,
    tailYears,
    tailRows,
  };
}
