import { hasStatedLoss, type Incident } from "../calibration/incidents.ts";
import { fitSpliced } from "../calibration/severity.ts";
import { ValidationError } from "../errors.ts";
import { normalQuantile } from "../math/normal.ts";
import { Sfc32 } from "../math/random.ts";
import { crpsSorted, samplePoisson } from "../math/sampling.ts";
import { type Band, band, forecast } from "./forecast.ts";

export interface BacktestOrigin {
  calibrateUntil: string;
  from: string;
  to: string;
  realized: { count: number; lossUsd: number };
  count: Band & { covered: boolean; crps: number; pit: number };
  lossUsd: Band & { covered: boolean; crps: number; pit: number };
  /** The v1 engine's method on the same origin: last year's count, Poisson, every year's losses pooled. */
  baseline: {
    count: Band & { covered: boolean; crps: number };
    lossUsd: Band & { covered: boolean; crps: number };
  };
}

export interface RollingBacktest {
  origins: BacktestOrigin[];
  /** Share of origins whose 90% band (p5..p95) holds the realised value. */
  coverage: { count: number; lossUsd: number; both: number };
  /** Mean CRPS: count in incidents, loss on log10(USD); lower is better. */
  meanCrps: { count: number; log10LossUsd: number };
  baselineCoverage: { count: number; lossUsd: number };
  baselineMeanCrps: { count: number; log10LossUsd: number };
  /** 1 - CRPS / baseline CRPS (positive: better than the baseline). */
  skill: { count: number; log10LossUsd: number };
}

const iso = (year: number, month = 1, day = 1) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** Share of draws below y plus half the ties: the probability integral transform. */
function pit(sorted: Float64Array, y: number): number {
  let below = 0;
  let ties = 0;
  for (const v of sorted) {
    if (v < y) below++;
    else if (v === y) ties++;
  }
  return (below + ties / 2) / sorted.length;
}

const log10Draws = (sorted: Float64Array) => Float64Array.from(sorted, (v) => Math.log10(Math.max(v, 1)));

/** The v1 method: next year's count Poisson at last year's level; losses from one fit of every year. */
function baselineDraws(
  incidents: Incident[],
  cutoffYear: number,
  windowYears: number,
  samples: number,
  seed: number,
) {
  const before = incidents.filter((i) => i.year <= cutoffYear);
  const lastCount = before.filter((i) => i.year === cutoffYear).length;
  const losses = before.filter(hasStatedLoss).map((i) => i.lossUsd as number);
  const statedShare = before.filter((i) => i.lossUsd !== undefined).length / before.length;
  const fit = fitSpliced(losses);
  const rng = new Sfc32(seed, 17);
  const count = new Float64Array(samples);
  const loss = new Float64Array(samples);
  const bodyWeight = 1 - fit.tailProbability;
  for (let s = 0; s < samples; s++) {
    const n = samplePoisson(rng, lastCount * windowYears);
    let total = 0;
    for (let j = 0; j < n; j++) {
      if (rng.nextUniform() >= statedShare) continue;
      const u = rng.nextUniform();
      if (u <= bodyWeight) {
        // Body: the truncated lognormal via its quantile.
        const z = normalQuantile(u / bodyWeight);
        total += Math.min(fit.threshold, Math.exp(fit.mu + fit.sigma * z));
      } else {
        const q = (u - bodyWeight) / fit.tailProbability;
        total += fit.threshold + (fit.beta / fit.xi) * ((1 - q) ** -fit.xi - 1);
      }
    }
    count[s] = n;
    loss[s] = total;
  }
  return { count: count.sort(), loss: loss.sort() };
}

/**
 * Rolling-origin backtest: for every year-end cutoff from which the model can be fitted (at least 30
 * stated losses before it) up to the last year with data after it, forecast the next `horizonYears`
 * (the last window ends at the last incident date) and compare with what happened.
 */
export function rollingBacktest(
  incidents: Incident[],
  options: {
    samples?: number;
    seed?: number;
    halfLifeYears?: number;
    horizonYears?: number;
    firstCutoffYear?: number;
  } = {},
): RollingBacktest {
  const horizon = options.horizonYears ?? 1;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new ValidationError("horizonYears", horizon, "expected an integer >= 1");
  const samples = options.samples ?? 4000;
  const seed = options.seed ?? 1;
  const lastDate =
    incidents
      .map((i) => i.date)
      .sort()
      .at(-1) ?? "";
  const lastYear = Number(lastDate.slice(0, 4));
  const firstYear = Math.min(...incidents.map((i) => i.year));
  const origins: BacktestOrigin[] = [];
  for (let cutoffYear = options.firstCutoffYear ?? firstYear; cutoffYear < lastYear; cutoffYear++) {
    const before = incidents.filter((i) => i.year <= cutoffYear);
    if (before.filter(hasStatedLoss).length < 30) continue;
    if (before.filter((i) => i.year === cutoffYear).length === 0) continue;
    const from = iso(cutoffYear + 1);
    const endYear = cutoffYear + horizon;
    const to = endYear >= lastYear ? lastDate : iso(endYear, 12, 31);
    if (endYear > lastYear) continue;
    const result = forecast(incidents, {
      calibrateUntil: iso(cutoffYear, 12, 31),
      from,
      to,
      samples,
      seed,
      ...(options.halfLifeYears === undefined ? {} : { halfLifeYears: options.halfLifeYears }),
    });
    const inWindow = incidents.filter((i) => i.date >= from && i.date <= to);
    const realized = {
      count: inWindow.length,
      lossUsd: inWindow.filter(hasStatedLoss).reduce((s, i) => s + (i.lossUsd as number), 0),
    };
    const base = baselineDraws(incidents, cutoffYear, result.windowYears, samples, seed);
    const covered = (b: Band, y: number) => b.p5 <= y && y <= b.p95;
    const baseCount = band(base.count);
    const baseLoss = band(base.loss);
    origins.push({
      calibrateUntil: iso(cutoffYear, 12, 31),
      from,
      to,
      realized,
      count: {
        ...result.count,
        covered: covered(result.count, realized.count),
        crps: crpsSorted(result.draws.count, realized.count),
        pit: pit(result.draws.count, realized.count),
      },
      lossUsd: {
        ...result.lossUsd,
        covered: covered(result.lossUsd, realized.lossUsd),
        crps: crpsSorted(log10Draws(result.draws.lossUsd), Math.log10(Math.max(realized.lossUsd, 1))),
        pit: pit(result.draws.lossUsd, realized.lossUsd),
      },
      baseline: {
        count: {
          ...baseCount,
          covered: covered(baseCount, realized.count),
          crps: crpsSorted(base.count, realized.count),
        },
        lossUsd: {
          ...baseLoss,
          covered: covered(baseLoss, realized.lossUsd),
          crps: crpsSorted(log10Draws(base.loss), Math.log10(Math.max(realized.lossUsd, 1))),
        },
      },
    });
  }
  if (origins.length === 0)
    throw new ValidationError("incidents", incidents.length, "no cutoff year leaves data to test against");
  const mean = (f: (o: BacktestOrigin) => number) => origins.reduce((s, o) => s + f(o), 0) / origins.length;
  const meanCrps = { count: mean((o) => o.count.crps), log10LossUsd: mean((o) => o.lossUsd.crps) };
  const baselineMeanCrps = {
    count: mean((o) => o.baseline.count.crps),
    log10LossUsd: mean((o) => o.baseline.lossUsd.crps),
  };
  return {
    origins,
    coverage: {
      count: mean((o) => (o.count.covered ? 1 : 0)),
      lossUsd: mean((o) => (o.lossUsd.covered ? 1 : 0)),
      both: mean((o) => (o.count.covered && o.lossUsd.covered ? 1 : 0)),
    },
    meanCrps,
    baselineCoverage: {
      count: mean((o) => (o.baseline.count.covered ? 1 : 0)),
      lossUsd: mean((o) => (o.baseline.lossUsd.covered ? 1 : 0)),
    },
    baselineMeanCrps,
    skill: {
      count: 1 - meanCrps.count / baselineMeanCrps.count,
      log10LossUsd: 1 - meanCrps.log10LossUsd / baselineMeanCrps.log10LossUsd,
    },
  };
}
