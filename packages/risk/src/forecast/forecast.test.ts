import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { Sfc32 } from "../math/random.ts";
import { crpsSorted, samplePoisson } from "../math/sampling.ts";
import { bundledIncidents } from "../test-helpers.ts";
import { rollingBacktest } from "./backtest.ts";
import { fitCountModel, forecast } from "./forecast.ts";

const incidents = bundledIncidents();

describe("forecast", () => {
  const result = forecast(incidents, {
    calibrateUntil: "2023-12-31",
    from: "2024-01-01",
    to: "2025-12-31",
    samples: 1000,
  });

  it("uses only incidents up to the cutoff", () => {
    const model = fitCountModel(incidents, "2023-12-31");
    assert.deepEqual(model.years, [2020, 2021, 2022, 2023]);
    assert.deepEqual(model.counts, [9, 37, 129, 214]);
    const moved = incidents.map((i) => (i.year >= 2024 ? { ...i, lossUsd: 1e12 } : i));
    const same = forecast(moved, {
      calibrateUntil: "2023-12-31",
      from: "2024-01-01",
      to: "2025-12-31",
      samples: 1000,
    });
    assert.deepEqual(same.lossUsd, result.lossUsd);
  });

  it("has ordered bands and per-category bands that add up", () => {
    for (const b of [result.count, result.lossUsd]) assert.ok(b.p5 <= b.p50 && b.p50 <= b.p95);
    const meanOfCategories = Object.values(result.byCategory).reduce((s, c) => s + c.count.mean, 0);
    assert.ok(Math.abs(meanOfCategories - result.count.mean) < 1e-6);
    assert.ok(result.byCategory.lending && result.byCategory.token);
  });

  it("bands are wider than Poisson: year effects and parameter uncertainty", () => {
    const poissonHalfWidth = 1.645 * Math.sqrt(result.count.p50);
    assert.ok(result.count.p95 - result.count.p50 > 2 * poissonHalfWidth);
  });

  it("rejects a window that starts before the cutoff", () => {
    assert.throws(
      () => forecast(incidents, { calibrateUntil: "2023-12-31", from: "2023-06-01", to: "2024-12-31" }),
      (e: unknown) => e instanceof ValidationError && e.field === "from",
    );
  });
});

describe("rolling-origin backtest", () => {
  const backtest = rollingBacktest(incidents, { samples: 1500 });

  it("tests every cutoff year the data allows", () => {
    assert.deepEqual(
      backtest.origins.map((o) => o.calibrateUntil),
      ["2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"],
    );
    assert.equal(backtest.origins.at(-1)?.to, "2026-08-20");
  });

  it("90% bands cover the realised count and loss in at least 90% of origins", () => {
    assert.ok(backtest.coverage.count >= 0.9, JSON.stringify(backtest.coverage));
    assert.ok(backtest.coverage.lossUsd >= 0.9, JSON.stringify(backtest.coverage));
  });

  it("scores better than the v1 method (flat last year, Poisson, pooled severity)", () => {
    assert.ok(backtest.skill.count > 0, JSON.stringify(backtest.skill));
    assert.ok(backtest.skill.log10LossUsd > 0, JSON.stringify(backtest.skill));
    assert.ok(backtest.baselineCoverage.count < 0.5, "the v1 count bands were too narrow");
  });
});

describe("sampling helpers", () => {
  it("Poisson draws have the right mean and variance above the inversion range", () => {
    const rng = new Sfc32(9);
    const draws = Array.from({ length: 20_000 }, () => samplePoisson(rng, 150));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length;
    assert.ok(Math.abs(mean - 150) < 0.5, `mean ${mean}`);
    assert.ok(Math.abs(variance / 150 - 1) < 0.05, `variance ${variance}`);
  });

  it("CRPS of a point ensemble is the absolute error", () => {
    assert.equal(crpsSorted([3, 3, 3], 5), 2);
    assert.ok(crpsSorted([1, 2, 3, 4, 5], 3) < crpsSorted([1, 2, 3, 4, 5], 9));
  });
});
