import type { Calibration } from "../calibration/calibrate.ts";
import type { SplicedSeverity } from "../calibration/severity.ts";
import { severityQuantile } from "../calibration/severity.ts";
import { ValidationError } from "../errors.ts";
import { cholesky, normalCdf, normalQuantile } from "../math/normal.ts";
import type { Category } from "../model/categories.ts";
import type { CorrelationSpec, Portfolio, SeveritySpec } from "../model/profile.ts";
import type { MarketScore } from "../model/score.ts";

export const SEVERITY_EXPLOIT = 0;
export const SEVERITY_DEPEG = 1;
export const SEVERITY_FIXED = 2;

/**
 * Everything the Monte Carlo kernel needs, flattened into typed arrays so that it crosses to
 * worker threads by structured clone and serialises to JSON for the numpy reference. Event
 * sources are numbered markets first (0..N-1), then assets (N..N+D-1).
 */
export interface SimulationModel {
  marketIds: string[];
  poolIds: string[];
  categories: string[];
  /** Market -> index of its category factor. */
  marketCategory: Int32Array;
  /** Phi^-1 of the own annual event probability. */
  marketThreshold: Float64Array;
  /** sqrt(within-category correlation): weight of the category factor in the latent variable. */
  marketLoading: Float64Array;
  marketSeverityKind: Int32Array;
  marketSeverityA: Float64Array;
  marketSeverityB: Float64Array;
  /** Cover sold on each market across pools. */
  marketCover: Float64Array;
  /** Pool-major matrix nPools x nMarkets of cover. */
  exposure: Float64Array;
  poolCapital: Float64Array;
  assetIds: string[];
  assetProbability: Float64Array;
  assetSeverityKind: Int32Array;
  assetSeverityA: Float64Array;
  assetSeverityB: Float64Array;
  /** CSR adjacency source -> markets it hits (transitively), with pass-through weights. */
  affectedStart: Int32Array;
  affectedTarget: Int32Array;
  affectedWeight: Float64Array;
  /** Row-major lower Cholesky factor of the category factor correlation. */
  factorCholesky: Float64Array;
  usdSeverity: SplicedSeverity & { median: number; bodyAtThreshold: number };
}

function encodeSeverity(spec: SeveritySpec): [number, number, number] {
  switch (spec.kind) {
    case "exploit":
      return [SEVERITY_EXPLOIT, spec.medianLossRatio, spec.dispersion];
    case "depeg":
      return [SEVERITY_DEPEG, spec.minDepth, spec.alpha];
    case "fixed":
      return [SEVERITY_FIXED, spec.ratio, 0];
  }
}

export function categoryCorrelationMatrix(categories: string[], spec: CorrelationSpec): number[][] {
  return categories.map((a, i) =>
    categories.map((b, j) => {
      if (i === j) return 1;
      const pair = spec.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
      return pair ? pair.rho : spec.betweenCategories;
    }),
  );
}

/** Builds the simulation model from a validated portfolio and its market scores. */
export function buildSimulationModel(
  portfolio: Portfolio,
  scores: MarketScore[],
  calibration: Pick<Calibration, "severity" | "correlation">,
  sources: Map<string, { source: string; weight: number }[]>,
): SimulationModel {
  const markets = portfolio.markets;
  const n = markets.length;
  const usd = calibration.severity.distribution;
  const median = severityQuantile(usd, 0.5);
  const categories = [...new Set(markets.map((m) => m.category))] as Category[];
  const matrix = categoryCorrelationMatrix(categories, portfolio.correlation);
  const lower = cholesky(matrix);
  if (!lower) {
    throw new ValidationError(
      "portfolio.correlation",
      portfolio.correlation,
      "category correlation matrix is not positive definite",
    );
  }
  const scoreById = new Map(scores.map((s) => [s.marketId, s]));
  const marketIndex = new Map(markets.map((m, i) => [m.id, i]));
  const model: SimulationModel = {
    marketIds: markets.map((m) => m.id),
    poolIds: portfolio.pools.map((p) => p.id),
    categories,
    marketCategory: Int32Array.from(markets, (m) => categories.indexOf(m.category)),
    marketThreshold: Float64Array.from(markets, (m) =>
      normalQuantile(scoreById.get(m.id)?.ownEventProbability ?? 0),
    ),
    marketLoading: new Float64Array(n).fill(Math.sqrt(withinCategoryCorrelation(portfolio, calibration))),
    marketSeverityKind: new Int32Array(n),
    marketSeverityA: new Float64Array(n),
    marketSeverityB: new Float64Array(n),
    marketCover: new Float64Array(n),
    exposure: new Float64Array(portfolio.pools.length * n),
    poolCapital: Float64Array.from(portfolio.pools, (p) => p.capitalUsd),
    assetIds: portfolio.assets.map((a) => a.id),
    assetProbability: Float64Array.from(portfolio.assets, (a) => a.annualProbability),
    assetSeverityKind: new Int32Array(portfolio.assets.length),
    assetSeverityA: new Float64Array(portfolio.assets.length),
    assetSeverityB: new Float64Array(portfolio.assets.length),
    affectedStart: new Int32Array(n + portfolio.assets.length + 1),
    affectedTarget: new Int32Array(0),
    affectedWeight: new Float64Array(0),
    factorCholesky: Float64Array.from(lower.flat()),
    usdSeverity: {
      ...usd,
      median,
      bodyAtThreshold: normalCdf((Math.log(usd.threshold) - usd.mu) / usd.sigma),
    },
  };
  markets.forEach((m, i) => {
    const spec = scoreById.get(m.id)?.severity ?? { kind: "fixed", ratio: 1 };
    [model.marketSeverityKind[i], model.marketSeverityA[i], model.marketSeverityB[i]] = encodeSeverity(spec);
  });
  portfolio.assets.forEach((a, d) => {
    [model.assetSeverityKind[d], model.assetSeverityA[d], model.assetSeverityB[d]] = encodeSeverity(
      a.severity,
    );
  });
  portfolio.pools.forEach((pool, p) => {
    for (const e of pool.exposures) {
      const i = marketIndex.get(e.market) as number;
      model.exposure[p * n + i] = (model.exposure[p * n + i] ?? 0) + e.coverUsd;
      model.marketCover[i] = (model.marketCover[i] ?? 0) + e.coverUsd;
    }
  });
  const sourceIndex = new Map<string, number>([
    ...markets.map((m, i) => [m.id, i] as const),
    ...portfolio.assets.map((a, d) => [a.id, n + d] as const),
  ]);
  const affected: { target: number; weight: number }[][] = Array.from(
    { length: n + portfolio.assets.length },
    () => [],
  );
  markets.forEach((m, target) => {
    for (const { source, weight } of sources.get(m.id) ?? [])
      affected[sourceIndex.get(source) as number]?.push({ target, weight });
  });
  const flat = affected.flat();
  model.affectedTarget = Int32Array.from(flat, (a) => a.target);
  model.affectedWeight = Float64Array.from(flat, (a) => a.weight);
  let offset = 0;
  affected.forEach((list, s) => {
    model.affectedStart[s] = offset;
    offset += list.length;
  });
  model.affectedStart[affected.length] = offset;
  return model;
}

/** JSON-friendly copy (typed arrays become plain arrays) for the numpy reference and reports. */
export function simulationModelToJson(model: SimulationModel): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(model).map(([key, value]) => [
      key,
      ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
    ]),
  );
}

/** Used when neither the portfolio nor the calibration gives a within-category correlation. */
export const FALLBACK_WITHIN_CATEGORY = 0.05;

/** The portfolio's within-category correlation, else the calibration's estimate, else the fallback. */
export function withinCategoryCorrelation(
  portfolio: Portfolio,
  calibration: Pick<Calibration, "correlation">,
): number {
  return (
    portfolio.correlation.withinCategory ??
    calibration.correlation?.withinCategory ??
    FALLBACK_WITHIN_CATEGORY
  );
}
