import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contractError, UnknownRevertError } from "@backstop/sdk";
import { HttpRequestError, InvalidParamsRpcError, RpcRequestError } from "viem";
import { classify } from "./classify.ts";
import { backoffDelay, withRetry } from "./retry.ts";

const network = () => new HttpRequestError({ url: "http://127.0.0.1:1", cause: new Error("fetch failed") });

describe("error classes and retries", () => {
  it("test_classify_networkIsRetryable_revertIsNot", () => {
    assert.equal(classify(network()), "retryable");
    assert.equal(classify(new UnknownRevertError("x", { cause: network() })), "retryable");
    assert.equal(classify(contractError("AlreadySettled", [1n])), "non-retryable");
    assert.equal(classify(new Error("something else")), "non-retryable");
  });

  it("test_classify_invalidParamsFromARestartedNodeIsRetryable", () => {
    // EDR answers a call pinned to a block a restarted chain no longer has with -32602 (invalid params).
    const stale = new InvalidParamsRpcError(
      new RpcRequestError({
        body: {},
        url: "http://127.0.0.1:1",
        error: { code: -32602, message: "unknown block" },
      }),
    );
    assert.equal(classify(stale), "retryable");
  });

  it("test_backoffDelay_doublesUpToTheCap", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 10].map((a) => backoffDelay(a, 100, 500)),
      [100, 200, 400, 500, 500],
    );
  });

  it("test_withRetry_retriesOnlyRetryable", async () => {
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw network();
        return "ok";
      },
      { baseDelayMs: 1 },
    );
    assert.deepEqual([value, calls], ["ok", 3]);

    calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw contractError("AlreadySettled", [1n]);
        },
        { baseDelayMs: 1 },
      ),
    );
    assert.equal(calls, 1);

    calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw network();
        },
        { retries: 2, baseDelayMs: 1 },
      ),
    );
    assert.equal(calls, 3);
  });
});
