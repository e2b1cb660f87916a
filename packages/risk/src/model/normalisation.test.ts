import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { calibrateFromIncidents } from "../calibration/calibrate.ts";
import { CalibrationError } from "../errors.ts";
import { bundledIncidents, examplePortfolio, realCalibration } from "../test-helpers.ts";
import { REFERENCE_PROTOCOLS } from "./reference-protocols.ts";
import { fitFactorNormalisation, scoreMarket } from "./score.ts";

/** Own frequency / category base rate after normalisation, i.e. the applied multiplier. */
function appliedMultipliers(calibration = realCalibration(), profiles = REFERENCE_PROTOCOLS) {
  return profiles.map((profile) => {
    const score = scoreMarket(profile, calibration, { asOf: "2025-12-31", dependencyEvents: [] });
    const base = calibration.frequency.categoryRates[profile.category];
    return -Math.log(1 - score.ownEventProbability) / base;
  });
}

describe("risk-factor multiplier normalisation", () => {
  it("averages the applied multiplier to one over the reference protocols (count-weighted)", () => {
    const multipliers = appliedMultipliers();
    const mean = multipliers.reduce((s, m) => s + m, 0) / multipliers.length;
    assert.ok(Math.abs(mean - 1) < 1e-9, `mean multiplier ${mean}`);
    assert.ok(Math.min(...multipliers) < 1 && Math.max(...multipliers) > 1, "multipliers still redistribute");
  });

  it("divides out the reference mean for any other calibration window", () => {
    const calibration = calibrateFromIncidents(bundledIncidents(), { fromYear: 2020, toYear: 2023 });
    const multipliers = appliedMultipliers(calibration);
    const mean = multipliers.reduce((s, m) => s + m, 0) / multipliers.length;
    // Incident history counts the 3 years before 2023-12-31 in the fit but 2025-12-31 here.
    assert.ok(Math.abs(mean - 1) < 0.05, `mean multiplier ${mean}`);
  });

  it("reports the normalisation as a factor of every exploit market's score", () => {
    const calibration = realCalibration();
    const normalisation = calibration.factorNormalisation;
    assert.ok(normalisation && normalisation.weighting === "count");
    const aave = examplePortfolio().markets.find((m) => m.id === "aave-v3-eth");
    assert.ok(aave);
    const score = scoreMarket(aave, calibration, { asOf: "2025-12-31", dependencyEvents: [] });
    const factor = score.factors.find((f) => f.factor === "normalisation");
    assert.ok(factor);
    assert.ok(Math.abs(factor.multiplier * normalisation.mean - 1) < 1e-12);
  });

  it("rejects an empty reference set", () => {
    assert.throws(() => fitFactorNormalisation([], realCalibration(), "2025-12-31"), CalibrationError);
  });
});
