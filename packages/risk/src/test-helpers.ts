// Shared by the *.test.ts files only; not exported from index.ts.
import { readFileSync } from "node:fs";
import { type Calibration, calibrateFromIncidents } from "./calibration/calibrate.ts";
import type { Incident } from "./calibration/incidents.ts";
import { loadIncidents } from "./data.ts";
import { type Portfolio, parsePortfolio, type SeveritySpec } from "./model/profile.ts";
import type { MarketScore } from "./model/score.ts";
import { buildSimulationModel, type SimulationModel } from "./simulation/model.ts";

export const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");

let cachedIncidents: Incident[] | undefined;
/** The bundled incident table (data/exploits/incidents.csv), corrected and categorised. */
export function bundledIncidents(): Incident[] {
  cachedIncidents ??= loadIncidents();
  return cachedIncidents;
}

let cached: Calibration | undefined;
export function realCalibration(): Calibration {
  cached ??= calibrateFromIncidents(bundledIncidents());
  return cached;
}

export function examplePortfolio(): Portfolio {
  return parsePortfolio(JSON.parse(fixture("portfolio.json")));
}

/** n markets of one category, own event probability p, fixed loss ratio, cover 1 each, one pool. */
export function bernoulliModel(
  n: number,
  p: number,
  withinCategory: number,
  severity: SeveritySpec = { kind: "fixed", ratio: 1 },
): SimulationModel {
  const portfolio = parsePortfolio({
    name: "analytic",
    asOf: "2025-12-31",
    correlation: { withinCategory, betweenCategories: 0 },
    markets: Array.from({ length: n }, (_, i) => ({
      id: `m${i}`,
      name: `market ${i}`,
      category: "lending",
      chain: "ethereum",
      tvlUsd: 1e8,
      ageYears: 2,
      audits: 2,
      admin: { keys: "timelock", upgradeable: false },
    })),
    pools: [
      {
        id: "pool",
        name: "pool",
        capitalUsd: n / 2,
        exposures: Array.from({ length: n }, (_, i) => ({ market: `m${i}`, coverUsd: 1 })),
      },
    ],
  });
  const scores = portfolio.markets.map(
    (m) => ({ marketId: m.id, ownEventProbability: p, severity }) as MarketScore,
  );
  return buildSimulationModel(portfolio, scores, realCalibration(), new Map());
}
