import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Round } from "../replay/input.ts";
import { referenceOutcome } from "../replay/reference.ts";

const opts = {
  peg: 100_000_000n,
  triggerPrice: 99_500_000n,
  recoveryPrice: 99_900_000n,
  window: 86_400,
  maxStaleness: 90_000,
};
let id = 0n;
const round = (updatedAt: number, price: number): Round => {
  id++;
  return {
    roundId: id,
    answer: BigInt(Math.round(price * 1e8)),
    startedAt: updatedAt,
    updatedAt,
    answeredInRound: id,
  };
};

describe("referenceOutcome", () => {
  it("fires at the first round at or after candidate + window", () => {
    const rs = [
      round(0, 1),
      round(100, 0.99),
      round(50_000, 0.998),
      round(86_499, 0.97),
      round(86_500, 0.96),
    ];
    const out = referenceOutcome(rs, opts);
    assert.equal(out.candidate, rs[1]);
    assert.equal(out.fire, rs[4]);
    assert.equal(out.payoutBps, 400);
  });
  it("a recovery cancels the candidate, even after the window", () => {
    const rs = [round(0, 0.99), round(90_000, 0.999), round(200_000, 0.99)];
    const out = referenceOutcome(rs, opts);
    assert.equal(out.fire, null);
    assert.equal(out.candidates, 2);
    assert.equal(out.cancelled, 1);
  });
  it("skips unanswered and non-positive rounds", () => {
    const bad = { ...round(10, 0.5), answeredInRound: 0n };
    const out = referenceOutcome([round(0, 1), bad, { ...round(20, 0), answer: -1n }], opts);
    assert.equal(out.candidates, 0);
  });
});
