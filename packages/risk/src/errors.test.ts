import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError as CoreBaseError, formatError } from "@backstop/core";
import { BaseError, CalibrationError, RiskError, ValidationError } from "./errors.ts";

describe("risk errors extend core's BaseError", () => {
  it("test_RiskError_isCoreBaseError", () => {
    const err = new CalibrationError("too few incidents to calibrate frequency", {
      details: { incidents: 2 },
    });
    assert.ok(err instanceof CoreBaseError && err instanceof RiskError && err instanceof BaseError);
    assert.equal(err.name, "CalibrationError");
    assert.deepEqual(err.context, { incidents: 2 });
    assert.equal(err.details, "incidents=2");
    assert.equal(formatError(err), "Too few incidents to calibrate frequency.");
  });

  it("test_ValidationError_namesFieldAndValue", () => {
    const err = new ValidationError("markets[0].tvl", -1, "must be positive");
    assert.equal(err.field, "markets[0].tvl");
    assert.equal(formatError(err), "Invalid markets[0].tvl: must be positive (got -1).");
  });
});
