import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { YEAR } from "./constants.ts";
import { premiumUp, rateAt } from "./rateCurve.ts";
import type { RateCurve } from "./types.ts";

const curve: RateCurve = { baseRateBps: 200n, slope1Bps: 300n, slope2Bps: 3_000n, kinkBps: 8_000n };

describe("RateCurveLib mirror", () => {
  it("rateAt is base at zero, base + slope1 at the kink, the top at full capacity", () => {
    assert.equal(rateAt(curve, 0n, 1_000n), 200n);
    assert.equal(rateAt(curve, 800n, 1_000n), 500n);
    assert.equal(rateAt(curve, 1_000n, 1_000n), 3_500n);
    assert.equal(rateAt(curve, 900n, 1_000n), 2_000n);
    assert.equal(rateAt(curve, 5n, 0n), 3_500n);
  });

  it("a flat curve charges amount x rate x period / year, rounded up", () => {
    const flat = { ...curve, slope1Bps: 0n, slope2Bps: 0n };
    assert.equal(premiumUp(flat, 0n, 1_000_000n, 10_000_000n, YEAR), 20_000n);
    assert.equal(premiumUp(flat, 0n, 1n, 10n, 1n), 1n);
    assert.equal(premiumUp(flat, 7n, 7n, 10n, YEAR), 0n);
  });

  it("splitting an order never lowers the premium (area under the curve, rounded up)", () => {
    const cap = 1_000_000_000n;
    const whole = premiumUp(curve, 0n, 900_000_000n, cap, 90n * 86_400n);
    let parts = 0n;
    for (let e = 0n; e < 900_000_000n; e += 100_000_000n)
      parts += premiumUp(curve, e, e + 100_000_000n, cap, 90n * 86_400n);
    assert.ok(parts >= whole);
    assert.ok(parts - whole <= 9n, "only rounding separates them");
  });
});
