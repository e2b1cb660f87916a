import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DependencyCycleError, ValidationError } from "../errors.ts";
import { fixture } from "../test-helpers.ts";
import { parseMarketProfile, parsePortfolio } from "./profile.ts";

const example = () => JSON.parse(fixture("portfolio.json"));

function expectValidation(fn: () => unknown, field: string, value: unknown) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected ValidationError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.deepEqual(error.value, value);
    assert.ok(!error.shortMessage.includes("\n"));
    return true;
  });
}

describe("parsePortfolio", () => {
  it("accepts the example portfolio", () => {
    const portfolio = parsePortfolio(example());
    assert.equal(portfolio.markets.length, 12);
    assert.equal(portfolio.pools.length, 3);
  });

  it("rejects a negative TVL naming the field and value", () => {
    const input = example();
    input.markets[2].tvlUsd = -5;
    expectValidation(() => parsePortfolio(input), "portfolio.markets[2].tvlUsd", -5);
  });

  it("rejects NaN", () => {
    const input = example();
    input.markets[0].ageYears = Number.NaN;
    expectValidation(() => parsePortfolio(input), "portfolio.markets[0].ageYears", Number.NaN);
  });

  it("rejects an unknown category", () => {
    const input = example();
    input.markets[1].category = "casino";
    expectValidation(() => parsePortfolio(input), "portfolio.markets[1].category", "casino");
  });

  it("rejects an empty portfolio", () => {
    const input = example();
    input.markets = [];
    expectValidation(() => parsePortfolio(input), "portfolio.markets", []);
  });

  it("rejects a dependency on an unknown node", () => {
    const input = example();
    input.markets[0].dependencies = [{ on: "nowhere" }];
    expectValidation(() => parsePortfolio(input), "portfolio.markets[0].dependencies[0].on", "nowhere");
  });

  it("rejects cycles in the dependency graph", () => {
    const input = example();
    input.markets[0].dependencies = [{ on: "yearn-v3-vaults" }];
    assert.throws(
      () => parsePortfolio(input),
      (error: unknown) => {
        assert.ok(error instanceof DependencyCycleError);
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.cycle, ["aave-v3-eth", "yearn-v3-vaults", "aave-v3-eth"]);
        return true;
      },
    );
  });

  it("rejects duplicate ids and exposures to unknown markets", () => {
    const input = example();
    input.markets[1].id = input.markets[0].id;
    expectValidation(() => parsePortfolio(input), "portfolio.markets[1].id", "aave-v3-eth");
    const other = example();
    other.pools[0].exposures[0].market = "ghost";
    expectValidation(() => parsePortfolio(other), "portfolio.pools[0].exposures[0].market", "ghost");
  });
});

describe("parseMarketProfile", () => {
  it("rejects a malformed profile", () => {
    expectValidation(() => parseMarketProfile({ id: "x" }), "market.name", undefined);
  });
});
