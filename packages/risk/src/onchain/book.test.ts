import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { defaultSeverity } from "../model/severity-spec.ts";
import { realCalibration } from "../test-helpers.ts";
import { NOMINAL_COVER_SHARE, type OnchainBook, onchainPortfolio, scaleSeverity } from "./book.ts";
import { DEVNET_PROTOCOLS, ONCHAIN_ASSETS } from "./catalogue.ts";
import { pricePortfolioByPool } from "./price.ts";

const USDC = 10n ** 6n;
const groupNames = { stablecoins: 0, "ethereum-l1": 1, usdc: 2, lending: 5, dex: 6 };
const mask = (...names: (keyof typeof groupNames)[]) =>
  names.reduce((acc, n) => acc | (1n << BigInt(groupNames[n])), 0n);

/** Three markets over two pools, shaped like the devnet's. */
function book(overrides: Partial<OnchainBook> = {}): OnchainBook {
  return {
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
        groups: mask("ethereum-l1", "lending"),
        termsURI: "ipfs://backstop-terms/aave-v3-lending-exploit",
        pools: [0],
      },
      {
        id: 2n,
        status: 1,
        claimMode: 0,
        payoutMode: 1,
        deductibleBps: 0,
        groups: mask("stablecoins", "usdc"),
        termsURI: "ipfs://backstop-terms/usdc-depeg",
        pools: [0, 1],
      },
      {
        id: 3n,
        status: 1,
        claimMode: 0,
        payoutMode: 0,
        deductibleBps: 2_500,
        groups: mask("ethereum-l1", "dex"),
        termsURI: "ipfs://backstop-terms/some-new-dex",
        pools: [1],
      },
    ],
    pools: [
      { id: 0, name: "Blue-chip USDC", capital: 2_000_000n * USDC },
      { id: 1, name: "Stable de-peg USDC", capital: 1_000_000n * USDC },
      { id: 2, name: "Empty", capital: 0n },
    ],
    exposures: [
      { poolId: 0, marketId: 1n, exposure: 200_000n * USDC },
      { poolId: 0, marketId: 2n, exposure: 150_000n * USDC },
    ],
    ...overrides,
  };
}

const calibration = realCalibration();
const map = (b = book(), marketIds?: bigint[]) =>
  onchainPortfolio(b, DEVNET_PROTOCOLS, {
    calibration,
    assets: ONCHAIN_ASSETS,
    ...(marketIds ? { marketIds } : {}),
  });

describe("on-chain market -> engine profile", () => {
  it("test_onchainPortfolio_assessedPaysTheCategorySeverityLessTheDeductible", () => {
    const { mappings, portfolio } = map();
    const aave = mappings.find((m) => m.marketId === "1");
    assert.equal(aave?.profileId, "aave-v3-lending-exploit");
    assert.equal(aave?.factsFrom, "catalogue");
    assert.equal(aave?.claims, "assessed");
    const base = defaultSeverity("lending", 25e9, calibration);
    assert.equal(base.kind, "exploit");
    assert.equal(aave?.severity.kind, "exploit");
    if (base.kind === "exploit" && aave?.severity.kind === "exploit")
      assert.ok(Math.abs(aave.severity.medianLossRatio - 0.9 * base.medianLossRatio) < 1e-12);
    const profile = portfolio.markets.find((m) => m.id === "aave-v3-lending-exploit");
    assert.deepEqual(
      profile?.dependencies.map((d) => d.on),
      ["chainlink", "steth", "usdc"],
    );
    assert.deepEqual(portfolio.assets.map((a) => a.id).sort(), ["chainlink", "steth", "usdc"]);
  });

  it("test_onchainPortfolio_binaryParametricIsAFixedRatio", () => {
    const dex = map().mappings.find((m) => m.marketId === "3");
    assert.deepEqual(dex?.severity, { kind: "fixed", ratio: 0.75 });
    assert.equal(dex?.payout, "binary");
  });

  it("test_onchainPortfolio_proportionalPegScalesTheDepth", () => {
    const usdc = map().mappings.find((m) => m.marketId === "2");
    assert.deepEqual(usdc?.severity, defaultSeverity("stablecoin", 60e9, calibration));
    assert.deepEqual(scaleSeverity({ kind: "depeg", minDepth: 0.01, alpha: 1.2 }, 0.5), {
      kind: "depeg",
      minDepth: 0.005,
      alpha: 1.2,
    });
  });

  it("test_onchainPortfolio_poolsCarryLiveCoverOrANominalSlice", () => {
    const { portfolio, mappings } = map();
    assert.deepEqual(
      portfolio.pools.map((p) => [p.id, p.capitalUsd]),
      [
        ["pool-0", 2_000_000],
        ["pool-1", 1_000_000],
      ],
      "the empty pool is not a balance sheet",
    );
    const blue = portfolio.pools[0];
    assert.deepEqual(blue?.exposures, [
      { market: "aave-v3-lending-exploit", coverUsd: 200_000 },
      { market: "usdc-depeg", coverUsd: 150_000 },
    ]);
    const usdc = mappings.find((m) => m.marketId === "2");
    assert.deepEqual(usdc?.pools, [
      { poolId: "pool-0", coverUsd: 150_000, nominal: false },
      { poolId: "pool-1", coverUsd: 1_000_000 * NOMINAL_COVER_SHARE, nominal: true },
    ]);
    assert.ok(usdc?.assumptions.some((a) => a.includes("nominal")));
  });

  it("test_onchainPortfolio_unknownMarketTakesItsCategoryFromGroups", () => {
    const dex = map().mappings.find((m) => m.marketId === "3");
    assert.equal(dex?.factsFrom, "groups");
    assert.equal(dex?.category, "dex");
    assert.ok(dex?.assumptions[0]?.startsWith("no catalogue entry"));
  });

  it("test_onchainPortfolio_onlyTheMarketAndWhatItsPoolsWrite", () => {
    const { portfolio } = map(book(), [1n]);
    assert.deepEqual(
      portfolio.pools.map((p) => p.id),
      ["pool-0"],
    );
    assert.deepEqual(portfolio.markets.map((m) => m.id).sort(), ["aave-v3-lending-exploit", "usdc-depeg"]);
  });

  it("test_onchainPortfolio_namedErrors", () => {
    const b = book();
    const noCategory = {
      ...b,
      markets: [{ ...(b.markets[2] as OnchainBook["markets"][number]), groups: mask("ethereum-l1") }],
    };
    assert.throws(() => map(noCategory), ValidationError);
    assert.throws(
      () => map({ ...b, pools: b.pools.map((p) => ({ ...p, capital: 0n })) }),
      /no pool with capital/,
    );
  });

  it("test_pricePortfolioByPool_decompositionAddsUp", async () => {
    const { portfolio } = map();
    const { prices } = await pricePortfolioByPool(portfolio, calibration, { years: 20_000, seed: 3 });
    assert.equal(prices.length, 3);
    for (const p of prices) {
      assert.equal(p.capitalSource, "pool-euler");
      const total = p.purePremiumBps + p.capitalChargeBps + p.expensesBps + p.feesBps;
      assert.ok(
        Math.abs(Math.ceil(total - 1e-9) - p.rateBps) <= 1,
        `${p.marketId}: ${total} vs ${p.rateBps}`,
      );
      assert.ok(p.purePremiumBps > 0);
    }
    const dex = prices.find((p) => p.marketId === "some-new-dex");
    const aave = prices.find((p) => p.marketId === "aave-v3-lending-exploit");
    // A binary payout of 75% costs more per unit than an assessed loss share of a $25B protocol.
    assert.ok((dex?.purePremiumBps ?? 0) > (aave?.purePremiumBps ?? 0));
  });
});
