import type { Category } from "../model/categories.ts";
import { dependencySources } from "../model/graph.ts";
import type { Portfolio } from "../model/profile.ts";

export interface StressScenario {
  name: string;
  description: string;
  /** Loss ratios at event sources: a market or asset id, or an id prefix ending in "*". */
  events: { source: string; lossRatio: number }[];
  /** Loss ratios applied to every market of a category. */
  categoryEvents?: { category: Category; lossRatio: number }[];
}

/**
 * Named scenarios. Depths are historical: stETH traded near 0.935 ETH in June 2022; USDC's
 * Chainlink feed printed 0.8774 on 2023-03-11 after the SVB run; 2022's bridge drains (Ronin,
 * Wormhole, Nomad, Harmony) took most of the bridged collateral each time.
 */
export const STRESS_SCENARIOS: StressScenario[] = [
  {
    name: "stETH de-peg with a Curve exploit",
    description:
      "stETH at 0.935 ETH while a Curve pool is drained of 25% (June 2022 depth, July 2023 Vyper-style exploit)",
    events: [
      { source: "steth", lossRatio: 0.065 },
      { source: "curve*", lossRatio: 0.25 },
    ],
  },
  {
    name: "USDC de-peg as in March 2023",
    description: "USDC at 0.8774 (Chainlink low, 2023-03-11) and everything built on it",
    events: [{ source: "usdc", lossRatio: 0.1226 }],
  },
  {
    name: "bridge drain wave",
    description: "every bridge market loses 60% of its collateral in the same year, as in 2022",
    events: [],
    categoryEvents: [{ category: "bridge", lossRatio: 0.6 }],
  },
];

export interface StressResult {
  name: string;
  description: string;
  unmatchedSources: string[];
  totalLoss: number;
  markets: { marketId: string; lossRatio: number; loss: number }[];
  pools: { poolId: string; capitalUsd: number; loss: number; lossToCapital: number; ruined: boolean }[];
}

/** Applies a scenario deterministically, propagating each event through the dependency graph. */
export function runStressScenario(portfolio: Portfolio, scenario: StressScenario): StressResult {
  const sources = dependencySources(portfolio);
  const ids = [...portfolio.markets.map((m) => m.id), ...portfolio.assets.map((a) => a.id)];
  const ratios = new Map<string, number>(portfolio.markets.map((m) => [m.id, 0]));
  const combine = (marketId: string, lossRatio: number) => {
    const current = ratios.get(marketId) ?? 0;
    ratios.set(marketId, 1 - (1 - current) * (1 - lossRatio));
  };
  const unmatchedSources: string[] = [];
  for (const event of scenario.events) {
    const matches = ids.filter((id) =>
      event.source.endsWith("*") ? id.startsWith(event.source.slice(0, -1)) : id === event.source,
    );
    if (matches.length === 0) unmatchedSources.push(event.source);
    for (const source of matches) {
      if (ratios.has(source)) combine(source, event.lossRatio);
      for (const market of portfolio.markets) {
        const edge = sources.get(market.id)?.find((s) => s.source === source);
        if (edge) combine(market.id, event.lossRatio * edge.weight);
      }
    }
  }
  for (const event of scenario.categoryEvents ?? []) {
    for (const market of portfolio.markets)
      if (market.category === event.category) combine(market.id, event.lossRatio);
  }
  const cover = new Map<string, number>();
  for (const pool of portfolio.pools) {
    for (const e of pool.exposures) cover.set(e.market, (cover.get(e.market) ?? 0) + e.coverUsd);
  }
  const markets = portfolio.markets.map((m) => ({
    marketId: m.id,
    lossRatio: ratios.get(m.id) ?? 0,
    loss: (ratios.get(m.id) ?? 0) * (cover.get(m.id) ?? 0),
  }));
  const pools = portfolio.pools.map((pool) => {
    const loss = pool.exposures.reduce((sum, e) => sum + e.coverUsd * (ratios.get(e.market) ?? 0), 0);
    return {
      poolId: pool.id,
      capitalUsd: pool.capitalUsd,
      loss,
      lossToCapital: loss / pool.capitalUsd,
      ruined: loss > pool.capitalUsd,
    };
  });
  return {
    name: scenario.name,
    description: scenario.description,
    unmatchedSources,
    totalLoss: pools.reduce((sum, p) => sum + p.loss, 0),
    markets,
    pools,
  };
}
