import type { Calibration } from "./calibration/calibrate.ts";
import { dependencySources } from "./model/graph.ts";
import type { Portfolio } from "./model/profile.ts";
import { type MarketScore, scorePortfolio } from "./model/score.ts";
import { type PriceDecomposition, type PricingParameters, priceMarket } from "./pricing/price.ts";
import type { SimulationResult } from "./simulation/aggregate.ts";
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
 * Prices every market. With a simulation result, each market is charged for its Euler capital
 * contribution per unit of cover (diversification credit); without, for its standalone capital.
 */
export function pricePortfolio(
  portfolio: Portfolio,
  calibration: Calibration,
  options: { simulation?: SimulationResult; parameters?: Partial<PricingParameters> } = {},
): { scores: MarketScore[]; prices: PriceDecomposition[] } {
  const scores = scorePortfolio(portfolio, calibration);
  const contributions = new Map(options.simulation?.markets.map((m) => [m.marketId, m]));
  const prices = scores.map((score) => {
    const contribution = contributions.get(score.marketId);
    const capitalPerCover =
      contribution && contribution.coverUsd > 0
        ? Math.max(0, contribution.capitalContribution / contribution.coverUsd)
        : undefined;
    return priceMarket(score, calibration.severity.distribution, {
      ...(options.parameters ? { parameters: options.parameters } : {}),
      ...(capitalPerCover === undefined ? {} : { capitalPerCover }),
    });
  });
  return { scores, prices };
}
