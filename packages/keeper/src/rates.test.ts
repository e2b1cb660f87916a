import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { baseRateFor, nextBaseRate } from "./rates.ts";

const m = {
  baseRateBps: 200,
  minBaseRateBps: 50,
  maxBaseRateBps: 2_000,
  maxRateChangePerDayBps: 50,
  rateUpdatedAt: 0,
};
const DAY = 86_400;

describe("base-rate steps", () => {
  it("test_nextBaseRate_boundedByDailyChange", () => {
    assert.equal(nextBaseRate(m, 400, DAY), 250);
    assert.equal(nextBaseRate(m, 100, 2 * DAY), 100);
    assert.equal(nextBaseRate(m, 400, DAY / 2), 225);
  });

  it("test_nextBaseRate_clampsToBounds", () => {
    assert.equal(nextBaseRate(m, 10_000, 100 * DAY), 2_000);
    assert.equal(nextBaseRate(m, 0, 100 * DAY), 50);
  });

  it("test_nextBaseRate_nothingToDo", () => {
    assert.equal(nextBaseRate(m, 200, DAY), undefined);
    assert.equal(nextBaseRate(m, 400, 0), undefined);
    assert.equal(nextBaseRate(m, 400, 60, 5), undefined, "a step below minStep is skipped");
  });

  it("test_baseRateFor_usesTheRiskCurve", () => {
    // base + slope1 / 2 = target, slope1 = target / 2.
    assert.equal(baseRateFor(400), 300);
  });
});
