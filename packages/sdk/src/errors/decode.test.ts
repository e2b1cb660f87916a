import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError } from "@backstop/core";
import { encodeErrorResult } from "viem";
import { backstopErrorsAbi } from "./abi.ts";
import { InsufficientCapacityError, PremiumTooHighError, UnknownRevertError } from "./contract.ts";
import { decodeRevert, toBackstopError } from "./decode.ts";

describe("revert decoding", () => {
  it("PremiumTooHigh says what to change", () => {
    const data = encodeErrorResult({
      abi: backstopErrorsAbi,
      errorName: "PremiumTooHigh",
      args: [123_450_000n, 100_000_000n],
    });
    const err = decodeRevert(data);
    assert.ok(err instanceof PremiumTooHighError && err instanceof BaseError);
    assert.equal(
      err.message,
      "PremiumTooHigh: premium 123.45 exceeds maxPremium 100.00; raise maxPremium or reduce the amount",
    );
  });

  it("InsufficientCapacity names what is available", () => {
    const data = encodeErrorResult({
      abi: backstopErrorsAbi,
      errorName: "InsufficientCapacity",
      args: [1n, 600n * 10n ** 6n, 500n * 10n ** 6n],
    });
    const err = decodeRevert(data);
    assert.ok(err instanceof InsufficientCapacityError);
    assert.match(err.message, /can fill 500\.00 of the 600\.00 requested/);
  });

  it("anything else becomes an UnknownRevertError", () => {
    assert.ok(toBackstopError(new Error("boom")) instanceof UnknownRevertError);
    assert.equal(decodeRevert("0xdeadbeef"), undefined);
  });
});
