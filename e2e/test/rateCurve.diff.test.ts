import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { BucketLib, premiumUp, type RateCurve, rateAt } from "@backstop/core";
import { type Chain, connectChain } from "../lib/chain.ts";
import { prng } from "../lib/prng.ts";

describe("core mirrors RateCurveLib and BucketLib (differential, seeded)", () => {
  let chain: Chain;
  let harness: Awaited<ReturnType<Chain["viem"]["deployContract"]>>;
  before(async () => {
    chain = await connectChain();
    harness = await chain.viem.deployContract("RateCurveHarness");
  });

  it("premiumUp and rateAt agree on 300 random inputs", async () => {
    const r = prng(0x5eedn);
    for (let i = 0; i < 300; i++) {
      const curve: RateCurve = {
        baseRateBps: r.below(5_000n),
        slope1Bps: r.below(5_000n),
        slope2Bps: r.below(50_000n),
        kinkBps: 1n + r.below(9_999n),
      };
      // Capacities from dust to 10^15 units (1e9 USDC at 6 decimals).
      const capacity = 1n + r.below(10n ** (1n + r.below(15n)));
      const e0 = r.below(capacity + 1n);
      const e1 = e0 + r.below(capacity - e0 + 1n);
      const period = 86_400n + r.below(730n * 86_400n);
      const onchainCurve = {
        baseRateBps: Number(curve.baseRateBps),
        slope1Bps: Number(curve.slope1Bps),
        slope2Bps: Number(curve.slope2Bps),
        kinkBps: Number(curve.kinkBps),
      };
      const [p, rate] = await Promise.all([
        harness.read.premiumUp([onchainCurve, e0, e1, capacity, period]),
        harness.read.rateAt([onchainCurve, e1, capacity]),
      ]);
      const ctx = JSON.stringify({ i, curve, e0, e1, capacity, period }, (_, v) =>
        typeof v === "bigint" ? `${v}` : v,
      );
      assert.equal(premiumUp(curve, e0, e1, capacity, period), p, ctx);
      assert.equal(rateAt(curve, e1, capacity), rate, ctx);
    }
  });

  it("bucket boundaries agree", async () => {
    const r = prng(42n);
    for (let i = 0; i < 50; i++) {
      const t = r.below(4_000_000_000n);
      assert.equal(BucketLib.at(t), await harness.read.bucketAt([t]));
      assert.equal(BucketLib.endOf(t), await harness.read.bucketEndOf([t]));
    }
  });
});
