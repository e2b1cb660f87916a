import type { Calibration } from "./calibration/calibrate.ts";
import { dependencySources } from "./model/graph.ts";
import type { Portfolio } from "./model/profile.ts";
import { type MarketScore, scorePortfolio } from "./model/score.ts";
import { type PriceDecomposition, type PricingParameters, priceMarket } from "./pricing/price.ts";
import type { MarketContribution, SimulationResult } from "./simulation/aggregate.ts";
import { buildSimulationModel, type SimulationModel } from "./simulation/model.ts";

/** Scores every market and builds the Monte Carlo model of a validated portfolio. */
export function prepareSimulation(
  portfolio: Portfolio,
  calibration: Calibration,
): { scores: MarketScore[]; model: SimulationModel } {
  const scores = scorePortfolio(portfolio, calibration);
  return {
    scores,
    model: buildSimulationModel(portfolio, scores, calibration, dependencySources(portfolio)),
  };
}

/**
 * One portfolio per pool: every market and asset (so dependency events still arrive) but only that
 * pool's exposures. Each pool is its own balance sheet: its capital is what its own tail needs, and
 * a market's capital charge is its Euler share of the tails of the pools that write it.
 */
export function poolPortfolios(portfolio: Portfolio): Portfolio[] {
  return portfolio.pools.map((pool) => ({
    ...portfolio,
    name: `${portfolio.name} / ${pool.id}`,
    pools: [pool],
  }));
}

/**
 * Prices every market. With per-pool simulations (one per poolPortfolios() entry, keyed by pool
 * id), a market is charged for its Euler contribution to each pool's capital (its mean loss in the
 * pool's worst 0.5% of years minus its expected loss), per unit of the cover those pools write; with one whole-book simulation, its contribution to the book's tail;
 * without either, its standalone capital (no diversification credit).
 */
export function pricePortfolio(
  portfolio: Portfolio,
  calibration: Calibration,
  options: {
    simulation?: SimulationResult;
    poolSimulations?: Map<
      string,
      { markets: Pick<MarketContribution, "marketId" | "coverUsd" | "capitalContribution">[] }
    >;
    parameters?: Partial<PricingParameters>;
  } = {},
): { scores: MarketScore[]; prices: PriceDecomposition[] } {
  const scores = scorePortfolio(portfolio, calibration);
  const contributions = new Map<string, { capitalContribution: number; coverUsd: number }>();
  const sources = options.poolSimulations
    ? [...options.poolSimulations.values()]
    : options.simulation
      ? [options.simulation]
      : [];
  for (const result of sources) {
    for (const m of result.markets) {
      if (m.coverUsd <= 0) continue;
      const sum = contributions.get(m.marketId) ?? { capitalContribution: 0, coverUsd: 0 };
      sum.capitalContribution += m.capitalContribution;
      sum.coverUsd += m.coverUsd;
      contributions.set(m.marketId, sum);
    }
  }
  const capitalSource = options.poolSimulations ? "pool-euler" : "portfolio-euler";
  const prices = scores.map((score) => {
    const contribution = contributions.get(score.marketId);
    const capitalPerCover =
      contribution && contribution.coverUsd > 0
        ? Math.max(0, contribution.capitalContribution / contribution.coverUsd)
        : undefined;
    return priceMarket(score, calibration.severity.distribution, {
      ...(options.parameters ? { parameters: options.parameters } : {}),
      ...(capitalPerCover === undefined ? {} : { capitalPerCover, capitalSource }),
    });
  });
  return { scores, prices };
}
