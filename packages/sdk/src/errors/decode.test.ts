import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError, formatError } from "@backstop/core";
import { encodeErrorResult } from "viem";
import { backstopErrorsAbi } from "./abi.ts";
import {
  AlreadySettledError,
  ClaimRejectedError,
  type ContractRevertError,
  InsufficientCapacityError,
  InsufficientGasError,
  MarketClosedError,
  MarketPoolsError,
  PermitRevertError,
  PoolConfigError,
  PremiumTooHighError,
  TimelockPendingError,
  TokenTransferError,
  UnknownRevertError,
  WithdrawalError,
} from "./contract.ts";
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

  it("core v2 errors decode into their classes with one-line messages", () => {
    const cases: [string, readonly unknown[], new (...a: never[]) => ContractRevertError, RegExp][] = [
      ["AsyncRedeem", [], WithdrawalError, /call requestRedeem, wait for the cooldown/],
      [
        "TimelockPending",
        [`0x${"ab".repeat(32)}`, 1_700_000_000n],
        TimelockPendingError,
        /repeat the same call/,
      ],
      ["TooManyPools", [32n], MarketPoolsError, /already lists 32 backing pools/],
      ["NothingToPay", [7n], ClaimRejectedError, /policy 7 is owed nothing/],
      ["AlreadySwept", [3n], AlreadySettledError, /already swept/],
      ["InsufficientCallbackGas", [40_000n, 55_793n], InsufficientGasError, /higher gas limit/],
      ["RateBelowFloor", [5n, 10n], PoolConfigError, /below the floor 0\.10%/],
      ["NoAssessorGroup", [2n], MarketClosedError, /no assessor group/],
    ];
    for (const [name, args, Cls, message] of cases) {
      const err = decodeRevert(encodeErrorResult({ abi: backstopErrorsAbi, errorName: name, args } as never));
      assert.ok(err instanceof Cls, name);
      assert.match(err.message, message);
      assert.ok(!err.message.includes("\n"), `${name}: one line`);
    }
  });

  it("anything else becomes an UnknownRevertError", () => {
    assert.ok(toBackstopError(new Error("boom")) instanceof UnknownRevertError);
    assert.equal(decodeRevert("0xdeadbeef"), undefined);
  });

  it("test_decodeRevert_namesArgumentsAndNarrowsByName", () => {
    const data = encodeErrorResult({
      abi: backstopErrorsAbi,
      errorName: "InsufficientCapacity",
      args: [1n, 600n * 10n ** 6n, 500n * 10n ** 6n],
    });
    const err = decodeRevert(data);
    assert.ok(err?.is("InsufficientCapacity"));
    const [marketId, requested, available] = err.args;
    assert.deepEqual([marketId, requested, available], [1n, 600_000_000n, 500_000_000n]);
    assert.deepEqual(Object.values(err.values), [1n, 600_000_000n, 500_000_000n]);
    assert.equal(err.is("PremiumTooHigh"), false);
    assert.equal(
      formatError(err),
      "Market 1: the pools can fill 500.00 of the 600.00 requested; reduce the amount to at most 500.00 or add pools with free capacity.",
    );
  });

  it("test_decodeRevert_permitAndTokenErrorsWithoutMockAbis", () => {
    const owner = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const expired = decodeRevert(
      encodeErrorResult({ abi: backstopErrorsAbi, errorName: "ERC2612ExpiredSignature", args: [5n] }),
    );
    assert.ok(expired instanceof PermitRevertError);
    assert.equal(expired.values.deadline, 5n);
    const allowance = decodeRevert(
      encodeErrorResult({
        abi: backstopErrorsAbi,
        errorName: "ERC20InsufficientAllowance",
        args: [owner, 0n, 10n ** 6n],
      }),
    );
    assert.ok(allowance instanceof TokenTransferError);
    assert.match(formatError(allowance), /approve more or use a permit\.$/);
  });

  it("test_toBackstopError_keepsSdkErrors", () => {
    const err = new UnknownRevertError("x");
    assert.equal(toBackstopError(err), err);
  });
});
