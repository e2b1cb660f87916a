import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError, formatError, MathDomainError, sentence } from "./errors.ts";

describe("one BaseError tree", () => {
  it("test_BaseError_messageCarriesMetaAndDetails", () => {
    const err = new BaseError("the pool is full", { details: "capacity 0", metaMessages: ["pool: 3"] });
    assert.equal(err.shortMessage, "the pool is full");
    assert.equal(err.message, "the pool is full\n\npool: 3\n\nDetails: capacity 0");
    assert.equal(err.details, "capacity 0");
  });

  it("test_formatError_oneSentenceWithHint", () => {
    const err = new MathDomainError("divisor is zero", { hint: "pass a positive divisor" });
    assert.equal(formatError(err), "Divisor is zero; pass a positive divisor.");
    assert.equal(
      formatError(new BaseError("already says what to change; do it")),
      "Already says what to change; do it.",
    );
  });

  it("test_formatError_findsOursInTheCauseChain", () => {
    const inner = new BaseError("market 3 is paused; pick an active market");
    const outer = new Error("wrapper", { cause: inner });
    assert.equal(formatError(outer), "Market 3 is paused; pick an active market.");
    assert.equal(new BaseError("outer", { cause: inner }).walk(), inner);
  });

  it("test_formatError_foreignErrors", () => {
    const viemLike = Object.assign(new Error("long\nmessage"), { shortMessage: "HTTP request failed" });
    assert.equal(formatError(viemLike), "HTTP request failed.");
    assert.equal(formatError(new Error("first line\nsecond")), "First line.");
    assert.equal(formatError("boom"), "Boom.");
    assert.equal(sentence(""), "Unknown error.");
  });
});
