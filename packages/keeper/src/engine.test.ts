import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadCalibration, type OnchainBook } from "@backstop/risk";
import { engineTargetRates, mergeTargets, targetsFromQuotes } from "./engine.ts";
import { baseRateFor, nextBaseRate } from "./rates.ts";

const USDC = 10n ** 6n;
const DAY = 86_400;
const groupNames = { stablecoins: 0, "ethereum-l1": 1, usdc: 2, lending: 5 };

/** Two priced markets in one pool, and a market no pool backs yet. */
const book: OnchainBook = {
  asOf: "2026-01-01",
  assetDecimals: 6,
  groupNames,
  markets: [
    {
      id: 1n,
      status: 1,
      claimMode: 1,
      payoutMode: 0,
      deductibleBps: 1_000,
      groups: (1n << 1n) | (1n << 5n),
      termsURI: "ipfs://backstop-terms/aave-v3-lending-exploit",
      pools: [0],
    },
    {
      id: 2n,
      status: 1,
      claimMode: 0,
      payoutMode: 1,
      deductibleBps: 0,
      groups: 1n | (1n << 2n),
      termsURI: "ipfs://backstop-terms/usdc-depeg",
      pools: [0],
    },
    {
      id: 3n,
      status: 1,
      claimMode: 1,
      payoutMode: 0,
      deductibleBps: 1_000,
      groups: 1n << 5n,
      termsURI: "ipfs://backstop-terms/morpho-blue-lending-exploit",
      pools: [],
    },
  ],
  pools: [{ id: 0, name: "Blue-chip USDC", capital: 2_000_000n * USDC }],
  exposures: [
    { poolId: 0, marketId: 1n, exposure: 200_000n * USDC },
    { poolId: 0, marketId: 2n, exposure: 250_000n * USDC },
  ],
};

describe("engine-derived base rates", () => {
  it("test_targetsFromQuotes_keysEngineRatesByMarketId", () => {
    assert.deepEqual(
      targetsFromQuotes(
        [
          { marketId: "1", profileId: "aave-v3-lending-exploit" },
          { marketId: "7", profileId: "market-7" },
        ],
        [
          { marketId: "aave-v3-lending-exploit", rateBps: 168 },
          { marketId: "other", rateBps: 1 },
        ],
      ),
      { "1": 168 },
    );
  });

  it("test_mergeTargets_fileOverridesTheEngineMarketByMarket", () => {
    assert.deepEqual(mergeTargets({ "1": 168, "2": 400 }, { "2": 250, "9": 90 }), {
      "1": 168,
      "2": 250,
      "9": 90,
    });
    assert.deepEqual(mergeTargets({ "1": 168 }, undefined), { "1": 168 });
  });

  it("test_engineTargetRates_pricesEveryBackedMarketThenMovesWithinBounds", async () => {
    const { targets, prices } = await engineTargetRates(book, loadCalibration(), { years: 20_000, seed: 2 });
    assert.deepEqual(Object.keys(targets).sort(), ["1", "2"], "a market no pool backs is not priced");
    for (const p of prices) {
      const sum = p.purePremiumBps + p.capitalChargeBps + p.expensesBps + p.feesBps;
      assert.equal(p.rateBps, Math.ceil(sum - 1e-9));
    }
    const target = targets["1"] ?? 0;
    assert.ok(target > 20 && target < 2_000, `aave target ${target} bps`);
    // Engine price -> base rate of the curve -> bounded on-chain step.
    const bounds = {
      baseRateBps: 250,
      minBaseRateBps: 62,
      maxBaseRateBps: 1_000,
      maxRateChangePerDayBps: 50,
      rateUpdatedAt: 0,
    };
    const desired = Math.min(1_000, Math.max(62, baseRateFor(target)));
    const next = nextBaseRate(bounds, baseRateFor(target), DAY);
    if (desired === 250) assert.equal(next, undefined);
    else {
      assert.ok(next !== undefined);
      assert.ok(Math.abs(next - 250) <= 50, `one day moves at most 50 bps (got ${next})`);
      assert.equal(Math.sign(next - 250), Math.sign(desired - 250));
    }
  });
});
