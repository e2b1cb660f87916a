import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadChainlinkFeed } from "../data.ts";
import { bundledIncidents } from "../test-helpers.ts";
import { backtestBook } from "./book.ts";
import { backtestDepegRule, ETHERISC_USDC_RULE } from "./depeg.ts";

const feed = (symbol: string) => loadChainlinkFeed(symbol);
const HOUR = 3600;

describe("de-peg trigger rule", () => {
  it("fires after the window and cancels on recovery (synthetic)", () => {
    const t0 = 1_000_000;
    const fired = backtestDepegRule([
      { time: t0, price: 1 },
      { time: t0 + HOUR, price: 0.99 },
      { time: t0 + 10 * HOUR, price: 0.997 },
      { time: t0 + 26 * HOUR, price: 0.98 },
      { time: t0 + 30 * HOUR, price: 1 },
    ]);
    assert.equal(fired.events.length, 1);
    assert.equal(fired.events[0]?.candidateAt, t0 + HOUR);
    assert.equal(fired.events[0]?.depegPrice, 0.98);
    assert.ok(Math.abs((fired.events[0]?.payoutRatio ?? 0) - 0.02) < 1e-12);
    const cancelled = backtestDepegRule([
      { time: t0, price: 0.99 },
      { time: t0 + 5 * HOUR, price: 0.999 },
      { time: t0 + 30 * HOUR, price: 0.98 },
    ]);
    assert.equal(cancelled.cancelledCandidates, 1);
    assert.equal(cancelled.events.length, 0);
  });

  it("regression: real Chainlink feeds", () => {
    const usdn = backtestDepegRule(feed("usdn"), ETHERISC_USDC_RULE);
    assert.equal(usdn.minPrice, 0.7250197);
    assert.equal(usdn.events.length, 14);
    assert.ok(Math.abs(usdn.maxPayoutRatio - 0.02792855) < 1e-9);
    assert.ok(usdn.basisGap > 0.24);
    const usdt = backtestDepegRule(feed("usdt"));
    assert.equal(usdt.minPrice, 0.95181623);
    assert.equal(usdt.events.length, 2);
    assert.ok(
      usdt.maxPayoutRatio < 0.005,
      "the May 2022 dip had recovered by the first round after the window",
    );
    const usdc = backtestDepegRule(feed("usdc"));
    assert.equal(usdc.events.length, 0);
    assert.ok(usdc.maxDrawdown < 0.0011);
  });
});

describe("book replay 2020-2025", () => {
  const book = backtestBook(bundledIncidents());

  it("reports one row per year with honest counts", () => {
    assert.deepEqual(
      book.map((r) => r.year),
      [2020, 2021, 2022, 2023, 2024, 2025],
    );
    assert.deepEqual(
      book.map((r) => r.actualIncidents),
      [9, 37, 129, 214, 189, 161],
    );
    for (const row of book) assert.ok(row.lossRatio >= 0 && Number.isFinite(row.lossRatio));
  });

  it("regression: loss ratios", () => {
    assert.deepEqual(
      book.map((r) => Number(r.lossRatio.toFixed(3))),
      [6.393, 20.749, 2.502, 1.092, 0.445, 0.221],
    );
    assert.deepEqual(
      book.map((r) => r.severityFit),
      ["in-sample", "in-sample", "walk-forward", "walk-forward", "walk-forward", "walk-forward"],
    );
  });
});
