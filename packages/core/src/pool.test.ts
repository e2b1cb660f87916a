import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BucketLib } from "./bucket.ts";
import { freeCapacity, lockedCapital, utilisation, worstGroupExposureRatio } from "./capacity.ts";
import { WAD } from "./constants.ts";
import { payout, payoutPerUnitWad } from "./payout.ts";
import { commission, splitPremium } from "./premiumSplit.ts";
import { fillCheapest, fillGreedy } from "./quote.ts";
import { convertToAssets, convertToShares, exitValue, redeemAssets } from "./shares.ts";
import type { PoolMarketState } from "./types.ts";

const pool = (poolId: number, capital: bigint, base: bigint): PoolMarketState => ({
  poolId,
  capital,
  exposure: 0n,
  closed: false,
  totalExposure: 0n,
  leverageBps: 30_000n,
  curatorFeeBps: 1_000n,
  config: {
    weightBps: 5_000n,
    followOracle: false,
    listed: true,
    releaseDelayDays: 7n,
    groups: 2n,
    curve: { baseRateBps: base, slope1Bps: 300n, slope2Bps: 3_000n, kinkBps: 8_000n },
  },
  groups: [{ groupId: 1, booked: 0n, capBps: 10_000n }],
});
const terms = { period: 30n * 86_400n, oracleBaseRateBps: 200n, protocolFeeBps: 500n };

describe("pool math mirror", () => {
  it("free capacity is the tightest of market, leverage and group limits", () => {
    const groups = [{ groupId: 1, booked: 900n, capBps: 10_000n }];
    assert.equal(
      freeCapacity({
        capital: 1_000n,
        capacity: 500n,
        exposure: 0n,
        totalExposure: 0n,
        leverageBps: 30_000n,
        groups,
      }),
      100n,
    );
    assert.equal(
      freeCapacity({
        capital: 1_000n,
        capacity: 500n,
        exposure: 450n,
        totalExposure: 0n,
        leverageBps: 30_000n,
        groups: [],
      }),
      50n,
    );
    assert.equal(lockedCapital({ totalExposure: 1_500n, leverageBps: 30_000n, groups }), 900n);
    assert.equal(
      lockedCapital({ totalExposure: 1_500n, leverageBps: 30_000n, groups, claimHold: 50n }),
      950n,
    );
    assert.equal(utilisation(250n, 500n), WAD / 2n);
    assert.equal(worstGroupExposureRatio(1_000n, groups), (WAD * 9n) / 10n);
  });

  it("premium split and commission round fees down", () => {
    assert.deepEqual(splitPremium(1_001n, 1_000n, 500n), {
      curatorFee: 100n,
      protocolFee: 50n,
      lpShare: 851n,
    });
    assert.equal(commission(999n, 1_000n), 99n);
  });

  it("ERC-4626 conversions use the virtual offset 6", () => {
    assert.equal(convertToShares(1_000_000n, 0n, 0n), 1_000_000_000_000n);
    assert.equal(convertToAssets(10n ** 12n, 10n ** 12n, 1_000_000n), 1_000_000n);
    assert.equal(convertToShares(1n, 0n, 0n, "up"), 1_000_000n);
    assert.equal(
      redeemAssets({
        shares: 10n ** 12n,
        requestShares: 10n ** 12n,
        requestAssets: 900_000n,
        totalSupply: 10n ** 12n,
        capital: 1_000_000n,
        claimHold: 0n,
      }),
      900_000n,
    );
    // The claim hold comes off the exit price.
    assert.equal(
      exitValue(10n ** 12n, { totalSupply: 10n ** 12n, capital: 1_000_000n, claimHold: 400_000n }),
      600_000n,
    );
  });

  it("payout = amount x (ratio x (1 - deductible)), a zero ratio pays nothing, haircut rounds down", () => {
    assert.equal(payout({ amount: 1_000_000n, payoutWad: WAD / 2n, deductibleBps: 1_000n }), 450_000n);
    assert.equal(payout({ amount: 1_000_000n, payoutWad: 0n, deductibleBps: 1_000n, mode: "BINARY" }), 0n);
    assert.equal(
      payout({ amount: 1_000_000n, payoutWad: 1n, deductibleBps: 1_000n, mode: "BINARY" }),
      900_000n,
    );
    assert.equal(payout({ amount: 1_000_000n, payoutWad: 2n * WAD, deductibleBps: 0n }), 1_000_000n);
    assert.equal(
      payout({ amount: 1_000_000n, payoutWad: WAD, deductibleBps: 0n, funded: 1n, required: 3n }),
      333_333n,
    );
    // Per-unit first, then the amount: 3 x floor(0.333.. x 0.9 WAD) / WAD rounds down once.
    assert.equal(
      payoutPerUnitWad({ payoutWad: WAD / 3n, deductibleBps: 1_000n }),
      ((WAD / 3n) * 9_000n) / 10_000n,
    );
  });

  it("greedy fill follows the order; cheapest puts the cheaper pool first", () => {
    const pools = [pool(0, 1_000_000n, 400n), pool(1, 1_000_000n, 100n)];
    const given = fillGreedy(pools, 600_000n, terms);
    assert.deepEqual(
      given.slices.map((s) => [s.poolId, s.filled]),
      [
        [0, 500_000n],
        [1, 100_000n],
      ],
    );
    const best = fillCheapest(pools, 600_000n, terms);
    assert.deepEqual(best.order[0], 1);
    assert.ok(best.premium < given.premium);
  });

  it("buckets", () => {
    assert.equal(BucketLib.endOf(86_400n), 1n);
    assert.equal(BucketLib.endOf(86_401n), 2n);
    assert.equal(BucketLib.at(86_399n), 0n);
  });
});
