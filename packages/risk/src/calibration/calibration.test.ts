import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { realCalibration, sharedData } from "../test-helpers.ts";
import { buhlmannStraub } from "./credibility.ts";
import { parseIncidents } from "./incidents.ts";
import { limitedExpectedValue, severityCdf, severityQuantile } from "./severity.ts";

describe("parseIncidents", () => {
  const incidents = parseIncidents(sharedData("exploits/defihacklabs_incidents.csv"));

  it("reads all 856 rows and keeps rows without a USD loss", () => {
    assert.equal(incidents.length, 856);
    assert.equal(incidents.filter((i) => i.lossUsd === undefined).length, 196);
    assert.equal(incidents.filter((i) => i.lossBasis === "bare_number_assumed_usd").length, 78);
  });

  it("flags the Beauty Chain market-cap figure", () => {
    const bec = incidents.find((i) => i.protocol === "Beauty Chain");
    assert.equal(bec?.lossUsd, 900_000_000);
    assert.equal(bec?.excludedFromSeverity, true);
  });

  it("rejects a malformed loss with the field and value", () => {
    const csv = "date,protocol,loss_usd,type,chain,loss_usd_basis\n2022-01-01,X,-3,t,bsc,explicit_usd\n";
    assert.throws(
      () => parseIncidents(csv),
      (e: unknown) => e instanceof ValidationError && e.value === "-3",
    );
  });
});

describe("calibration on the real incident table", () => {
  const calibration = realCalibration();

  it("fits the spliced severity with KS below the 5% critical value", () => {
    const { fit, tailFit, counts, distribution } = calibration.severity;
    assert.equal(counts.fitted, 658);
    assert.equal(counts.withoutUsdLoss, 196);
    assert.equal(counts.excludedNotALoss, 1);
    assert.ok(fit.ks < fit.ksCritical5pct, `ks ${fit.ks}`);
    assert.ok(tailFit.ks < tailFit.ksCritical5pct, `tail ks ${tailFit.ks}`);
    assert.ok(distribution.xi > 0.5, "heavy (Pareto-type) tail");
  });

  it("has a quantile function that inverts the CDF", () => {
    const d = calibration.severity.distribution;
    for (const p of [0.1, 0.5, 0.84, 0.9, 0.99])
      assert.ok(Math.abs(severityCdf(d, severityQuantile(d, p)) - p) < 1e-6);
    assert.ok(limitedExpectedValue(d, 1e6) < 1e6);
  });

  it("weights categories by credibility", () => {
    for (const e of calibration.frequency.categoryCredibility.estimates) {
      assert.ok(e.credibility > 0 && e.credibility < 1, e.key);
    }
    assert.ok(calibration.frequency.categoryRates.lending > calibration.frequency.categoryRates.dex);
  });
});

describe("buhlmannStraub", () => {
  it("gives full weight to the collective when groups do not differ", () => {
    const same = [1, 2].map((g) => ({
      key: `g${g}`,
      observations: [3, 5, 4].map((count) => ({ count, exposure: 100 })),
    }));
    const result = buhlmannStraub(same);
    for (const e of result.estimates) assert.equal(e.rate, result.collectiveRate);
  });
});
