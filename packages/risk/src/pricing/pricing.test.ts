import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { parseMarketProfile } from "../model/profile.ts";
import { scoreMarket } from "../model/score.ts";
import { prepareSimulation, pricePortfolio } from "../portfolio.ts";
import { simulatePortfolioModel } from "../simulation/simulate.ts";
import { examplePortfolio, realCalibration } from "../test-helpers.ts";
import { averageRate, premiumFor, rateAt, toCurveParams } from "./curve.ts";
import { priceMarket } from "./price.ts";

const calibration = realCalibration();
const base = {
  id: "lend",
  name: "A lending market",
  category: "lending",
  chain: "arbitrum",
  tvlUsd: 5e8,
  ageYears: 3,
  audits: 3,
  bugBountyUsd: 500_000,
  admin: { keys: "timelock", upgradeable: false },
  oracles: ["chainlink"],
};
const context = { asOf: "2025-12-31", dependencyEvents: [] };
const rateOf = (overrides: Record<string, unknown>) => {
  const score = scoreMarket(parseMarketProfile({ ...base, ...overrides }), calibration, context);
  return { score, price: priceMarket(score, calibration.severity.distribution) };
};

describe("scoring", () => {
  it("explains the score: factor points sum to the unclamped score", () => {
    const { score } = rateOf({});
    const sum = score.factors.reduce((s, f) => s + f.points, 0);
    assert.ok(Math.abs(sum + score.clampAdjustment - score.score) < 1e-9);
    assert.ok(score.score > 0 && score.score < 100);
    assert.ok(score.factors.some((f) => f.factor === "audits"));
  });
});

describe("pricing properties", () => {
  const riskier: [string, Record<string, unknown>][] = [
    ["fewer audits", { audits: 0 }],
    ["EOA admin key", { admin: { keys: "eoa", upgradeable: true } }],
    ["younger code", { ageYears: 0.3 }],
    ["spot-price oracle", { oracles: ["spot"] }],
    ["no bug bounty", { bugBountyUsd: 0 }],
    ["recent incidents", { incidents: [{ date: "2025-03-01" }] }],
    ["riskier chain", { chain: "bsc" }],
    ["TVL falling", { tvlHistoryUsd: [2e9, 1e9, 5e8] }],
  ];
  const reference = rateOf({});
  for (const [label, overrides] of riskier) {
    it(`a riskier profile is never cheaper: ${label}`, () => {
      const { score, price } = rateOf(overrides);
      assert.ok(score.score >= reference.score.score, label);
      assert.ok(
        price.rateBps >= reference.price.rateBps,
        `${label}: ${price.rateBps} < ${reference.price.rateBps}`,
      );
    });
  }

  it("decomposes the rate", () => {
    const p = reference.price;
    const total = p.purePremiumBps + p.capitalChargeBps + p.expensesBps + p.feesBps;
    assert.ok(p.rateBps >= total && p.rateBps - total < 1);
  });

  it("a longer period is never cheaper", () => {
    const curve = reference.price.curve;
    let previous = 0;
    for (const days of [1, 7, 30, 90, 180, 365, 730]) {
      const premium = premiumFor(curve, 1_000_000, 0.2, 0.3, days);
      assert.ok(premium >= previous);
      previous = premium;
    }
  });

  it("splitting an order gains nothing (area under the curve)", () => {
    const curve = toCurveParams({ targetRateBps: 300, kinkBps: 8000, slope1Share: 0.5, slope2Multiple: 4 });
    const whole = premiumFor(curve, 900, 0.5, 0.95, 30);
    const parts =
      premiumFor(curve, 300, 0.5, 0.65, 30) +
      premiumFor(curve, 300, 0.65, 0.8, 30) +
      premiumFor(curve, 300, 0.8, 0.95, 30);
    assert.ok(Math.abs(whole - parts) < 1e-9);
  });
});

describe("toCurveParams", () => {
  it("returns integer contract units whose 0..kink average is the target", () => {
    const curve = toCurveParams({ targetRateBps: 250, kinkBps: 8000, slope1Share: 0.5, slope2Multiple: 4 });
    assert.deepEqual(Object.keys(curve).sort(), ["baseRateBps", "kinkBps", "slope1Bps", "slope2Bps"]);
    for (const v of Object.values(curve)) assert.ok(Number.isInteger(v) && v >= 0 && v <= 0xffffffff);
    assert.ok(averageRate(curve, 0, 0.8) >= 250);
    assert.equal(rateAt(curve, 1), curve.baseRateBps + curve.slope1Bps + curve.slope2Bps);
  });

  it("rejects a kink outside (0, 10000)", () => {
    for (const kinkBps of [0, 10_000, 12.5]) {
      assert.throws(
        () => toCurveParams({ targetRateBps: 100, kinkBps, slope1Share: 0.5, slope2Multiple: 4 }),
        ValidationError,
      );
    }
  });
});

describe("portfolio pricing", () => {
  it("charges Euler capital when a simulation is given", () => {
    const portfolio = examplePortfolio();
    const { model } = prepareSimulation(portfolio, calibration);
    const simulation = simulatePortfolioModel(model, { years: 20_000, seed: 1 });
    const { prices } = pricePortfolio(portfolio, calibration, { simulation });
    assert.equal(prices.length, 12);
    for (const p of prices) {
      assert.equal(p.capitalSource, "portfolio-euler");
      assert.ok(p.rateBps > 0);
    }
  });
});
