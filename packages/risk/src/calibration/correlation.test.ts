import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CalibrationError } from "../errors.ts";
import { normalQuantile } from "../math/normal.ts";
import { Sfc32 } from "../math/random.ts";
import type { Category } from "../model/categories.ts";
import { withinCategoryCorrelation } from "../simulation/model.ts";
import { examplePortfolio, realCalibration } from "../test-helpers.ts";
import { estimateCorrelation, eventCorrelation, latentCorrelation } from "./correlation.ts";
import type { Incident } from "./incidents.ts";

/** Incidents from the Gaussian copula the simulation uses: n protocols per category, rate p. */
function synthetic(rho: number, options: { years: number; protocols: number; p: number; seed: number }) {
  const rng = new Sfc32(options.seed);
  const categories: Category[] = ["lending", "dex", "bridge", "yield"];
  const t = normalQuantile(options.p);
  const incidents: Incident[] = [];
  let serial = 0;
  for (let y = 0; y < options.years; y++) {
    const year = 1000 + y;
    for (const category of categories) {
      const factor = rng.nextNormal();
      for (let k = 0; k < options.protocols; k++) {
        const latent = Math.sqrt(rho) * factor + Math.sqrt(1 - rho) * rng.nextNormal();
        if (latent >= t) continue;
        const day = 1 + Math.floor(rng.nextUniform() * 28);
        const month = 1 + Math.floor(rng.nextUniform() * 12);
        serial++;
        incidents.push({
          date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
          year,
          time: year + (month - 1) / 12,
          protocol: `p${category}${k}`,
          type: `cause ${serial}`,
          chain: "ethereum",
          lossUsd: undefined,
          lossBasis: "none" as Incident["lossBasis"],
          lossStatus: "none" as Incident["lossStatus"],
          category,
          excludedFromSeverity: false,
        });
      }
    }
  }
  return incidents;
}

describe("estimateCorrelation", () => {
  it("inverts the event correlation of the copula", () => {
    for (const [p, rho] of [
      [0.02, 0.05],
      [0.1, 0.3],
    ] as const) {
      assert.ok(Math.abs(latentCorrelation(p, eventCorrelation(p, rho)) - rho) < 1e-4);
    }
    assert.ok(Math.abs(eventCorrelation(0.1, 0)) < 1e-9);
  });

  for (const rho of [0.02, 0.1, 0.3]) {
    it(`recovers a known within-category correlation of ${rho} from count dispersion`, () => {
      const incidents = synthetic(rho, { years: 300, protocols: 200, p: 0.05, seed: 7 });
      const estimate = estimateCorrelation(incidents, {
        fromYear: 1000,
        toYear: 1299,
        protocols: { lending: 200, dex: 200, bridge: 200, yield: 200 },
        categories: ["lending", "dex", "bridge", "yield"],
      });
      assert.ok(
        Math.abs(estimate.fromDispersion - rho) < Math.max(0.01, 0.25 * rho),
        `estimated ${estimate.fromDispersion} for ${rho}`,
      );
      // Distinct causes: no common-cause clusters beyond coincidence.
      assert.ok(estimate.fromClusters < 0.01, `clusters gave ${estimate.fromClusters}`);
    });
  }

  it("finds no correlation in independent counts", () => {
    const incidents = synthetic(0, { years: 300, protocols: 200, p: 0.05, seed: 3 });
    const estimate = estimateCorrelation(incidents, {
      fromYear: 1000,
      toYear: 1299,
      protocols: { lending: 200, dex: 200, bridge: 200, yield: 200 },
      categories: ["lending", "dex", "bridge", "yield"],
    });
    assert.ok(estimate.withinCategory < 0.01, `estimated ${estimate.withinCategory}`);
  });

  it("counts same-day incidents of one codebase as a common-cause cluster", () => {
    const incidents = synthetic(0, { years: 20, protocols: 200, p: 0.05, seed: 5 });
    for (let k = 0; k < 6; k++) {
      const base = incidents[k] as Incident;
      incidents.push({ ...base, protocol: `${base.protocol} fork`, type: "other cause" });
    }
    const estimate = estimateCorrelation(incidents, {
      fromYear: 1000,
      toYear: 1019,
      protocols: { lending: 200, dex: 200, bridge: 200, yield: 200 },
      categories: ["lending", "dex", "bridge", "yield"],
    });
    assert.ok(estimate.clusterPairs >= 6);
    assert.ok(estimate.fromClusters > 0);
  });

  it("rejects a window too short to measure dispersion", () => {
    assert.throws(() => estimateCorrelation([], { fromYear: 2024, toYear: 2025 }), CalibrationError);
  });
});

describe("bundled data", () => {
  it("estimates a within-category correlation far below the former 0.3 and uses it in the portfolio", () => {
    const calibration = realCalibration();
    const estimate = calibration.correlation;
    assert.ok(estimate, "calibration carries a correlation estimate");
    assert.ok(estimate.withinCategory > 0.01 && estimate.withinCategory < 0.2, `${estimate.withinCategory}`);
    assert.ok(estimate.eventCorrelation > 0.001 && estimate.eventCorrelation < 0.03);
    const portfolio = examplePortfolio();
    assert.equal(portfolio.correlation.withinCategory, undefined);
    assert.equal(withinCategoryCorrelation(portfolio, calibration), estimate.withinCategory);
    const pinned = { ...portfolio, correlation: { ...portfolio.correlation, withinCategory: 0.25 } };
    assert.equal(withinCategoryCorrelation(pinned, calibration), 0.25);
  });
});
