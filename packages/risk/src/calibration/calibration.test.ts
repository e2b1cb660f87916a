import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { bundledIncidents, realCalibration } from "../test-helpers.ts";
import { buhlmannStraub } from "./credibility.ts";
import { classifyIncident, parseIncidents } from "./incidents.ts";
import {
  bootstrapGoodnessOfFit,
  fitSpliced,
  limitedExpectedValue,
  severityCdf,
  severityQuantile,
  severitySample,
} from "./severity.ts";

describe("parseIncidents on the bundled table", () => {
  const incidents = bundledIncidents();

  it("reads all 856 rows and keeps rows without a USD loss", () => {
    assert.equal(incidents.length, 856);
    assert.equal(incidents.filter((i) => i.lossUsd === undefined).length, 196);
    assert.equal(incidents.filter((i) => i.lossBasis === "bare_number_assumed_usd").length, 78);
  });

  it("applies the corrections and marks the suspect rows", () => {
    const by = (p: string) => incidents.find((i) => i.protocol === p);
    assert.equal(by("Telcoin")?.lossUsd, 1_240_000);
    assert.equal(by("RadiantCapital")?.lossUsd, 4_500_000);
    assert.equal(by("HegicOptions")?.lossUsd, 104_000);
    assert.equal(by("Beauty Chain")?.excludedFromSeverity, true);
    assert.equal(by("BonqDAO")?.lossStatus, "nominal");
    assert.equal(by("BonqDAO")?.excludedFromSeverity, true);
    assert.equal(incidents.filter((i) => i.lossStatus === "corrected").length, 5);
  });

  it("reclassifies most of 'other' through the mapping and the token rule", () => {
    const other = incidents.filter((i) => i.category === "other").length;
    assert.ok(other / incidents.length < 0.35, `other ${other}`);
    assert.equal(incidents.find((i) => i.protocol === "Sentiment")?.category, "lending");
    assert.equal(classifyIncident("PLTD", "Transfer Logic Flaw"), "token");
    assert.equal(classifyIncident("MEVbot_0x28d9", "Insufficient validation"), "other");
  });

  it("rejects a malformed loss with the field and value", () => {
    const csv = "date,protocol,loss_usd,type,chain,loss_usd_basis\n2022-01-01,X,-3,t,bsc,explicit_usd\n";
    assert.throws(
      () => parseIncidents(csv),
      (e: unknown) => e instanceof ValidationError && e.value === "-3",
    );
  });
});

describe("spliced severity", () => {
  it("fits the lognormal body on the body only and recovers a known model", () => {
    const truth = { mu: 11, sigma: 2, threshold: 2e6, tailProbability: 0.15, xi: 0.6, beta: 3e6 };
    const draws = Array.from({ length: 4000 }, (_, i) => severityQuantile(truth, (i + 0.5) / 4000));
    const fit = fitSpliced(draws);
    assert.ok(Math.abs(fit.mu - truth.mu) < 0.15, `mu ${fit.mu}`);
    assert.ok(Math.abs(fit.sigma - truth.sigma) < 0.15, `sigma ${fit.sigma}`);
    assert.ok(Math.abs(fit.xi - truth.xi) < 0.1, `xi ${fit.xi}`);
  });

  it("bootstrap p-values: a sample from the model passes, pooled drifting years are rejected", () => {
    const truth = { mu: 11, sigma: 2, threshold: 2e6, tailProbability: 0.15, xi: 0.6, beta: 3e6 };
    let state = 7;
    const uniform = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
    const sample = Array.from({ length: 300 }, () => severityQuantile(truth, uniform()));
    const good = bootstrapGoodnessOfFit(sample, { replicates: 60, seed: 3 });
    assert.ok(good.ksPValue > 0.05, `model sample KS p ${good.ksPValue}`);
    const pooled = bootstrapGoodnessOfFit(severitySample(bundledIncidents()), { replicates: 60, seed: 3 });
    assert.ok(pooled.ksPValue < 0.05, `pooled KS p ${pooled.ksPValue}`);
    assert.ok(pooled.ks < pooled.ksCritical5pctNoEstimation, "the naive critical value would have passed it");
  });

  it("has a quantile function that inverts the CDF", () => {
    const d = realCalibration().severity.distribution;
    for (const p of [0.1, 0.5, 0.84, 0.9, 0.99])
      assert.ok(Math.abs(severityCdf(d, severityQuantile(d, p)) - p) < 1e-6);
    assert.ok(limitedExpectedValue(d, 1e6) < 1e6);
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
