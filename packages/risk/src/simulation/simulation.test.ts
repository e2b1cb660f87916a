import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { prepareSimulation } from "../portfolio.ts";
import { bernoulliModel, examplePortfolio, realCalibration } from "../test-helpers.ts";
import { simulatePortfolioParallel } from "./parallel.ts";
import { simulatePortfolioModel } from "./simulate.ts";
import { runStressScenario, STRESS_SCENARIOS } from "./stress.ts";

function binomialQuantile(n: number, p: number, level: number): number {
  let cumulative = 0;
  let coefficient = 1;
  for (let k = 0; k <= n; k++) {
    if (k > 0) coefficient = (coefficient * (n - k + 1)) / k;
    cumulative += coefficient * p ** k * (1 - p) ** (n - k);
    if (cumulative >= level) return k;
  }
  return n;
}

describe("Monte Carlo against closed forms", () => {
  it("independent Bernoulli portfolio matches the binomial", () => {
    const n = 20;
    const p = 0.05;
    const years = 40_000;
    const result = simulatePortfolioModel(bernoulliModel(n, p, 0), { years, seed: 11 });
    const standardError = Math.sqrt((n * p * (1 - p)) / years);
    assert.ok(Math.abs(result.expectedLoss - n * p) < 4 * standardError, `EL ${result.expectedLoss}`);
    assert.ok(Math.abs(result.standardDeviation - Math.sqrt(n * p * (1 - p))) < 0.02);
    assert.equal(result.valueAtRisk, binomialQuantile(n, p, 0.995));
    const marketSum = result.markets.reduce((s, m) => s + m.capitalContribution, 0);
    assert.ok(Math.abs(marketSum - result.capitalRequired) < 1e-6 * result.tailValueAtRisk);
  });

  it("fully correlated portfolio loses everything together", () => {
    const n = 10;
    const p = 0.02;
    const result = simulatePortfolioModel(bernoulliModel(n, p, 0.9999), { years: 20_000, seed: 5 });
    assert.equal(result.valueAtRisk, n);
    assert.ok(Math.abs(result.tailValueAtRisk - n) < 1e-9);
    assert.ok(Math.abs(result.expectedLoss - n * p) < 4 * n * Math.sqrt((p * (1 - p)) / 20_000));
    assert.ok(result.zeroLossYears / 20_000 > 0.975);
  });

  it("more correlation never lowers VaR or TVaR", () => {
    let previous = { valueAtRisk: 0, tailValueAtRisk: 0 };
    for (const rho of [0, 0.2, 0.5, 0.8, 0.95]) {
      const r = simulatePortfolioModel(
        bernoulliModel(30, 0.03, rho, { kind: "depeg", minDepth: 0.05, alpha: 1.5 }),
        {
          years: 20_000,
          seed: 3,
        },
      );
      assert.ok(r.valueAtRisk >= previous.valueAtRisk, `VaR at rho ${rho}`);
      assert.ok(r.tailValueAtRisk >= previous.tailValueAtRisk, `TVaR at rho ${rho}`);
      previous = r;
    }
  });

  it("is deterministic under a seed and independent of thread count", async () => {
    const { model } = prepareSimulation(examplePortfolio(), realCalibration());
    const single = simulatePortfolioModel(model, { years: 30_000, seed: 42 });
    const again = simulatePortfolioModel(model, { years: 30_000, seed: 42 });
    const parallel = await simulatePortfolioParallel(model, { years: 30_000, seed: 42, threads: 2 });
    assert.deepEqual(again, single);
    assert.deepEqual(parallel, single);
    const other = simulatePortfolioModel(model, { years: 30_000, seed: 43 });
    assert.notEqual(other.expectedLoss, single.expectedLoss);
  });

  it("rejects invalid options", () => {
    const model = bernoulliModel(2, 0.1, 0);
    assert.throws(() => simulatePortfolioModel(model, { years: 10, seed: 1 }), ValidationError);
    assert.throws(() => simulatePortfolioModel(model, { years: 1000, seed: -1 }), ValidationError);
  });
});

describe("stress scenarios", () => {
  const portfolio = examplePortfolio();
  const results = STRESS_SCENARIOS.map((s) => runStressScenario(portfolio, s));

  it("propagates a USDC de-peg to every market built on USDC", () => {
    const usdc = results.find((r) => r.name.startsWith("USDC")) ?? assert.fail("missing scenario");
    const ratio = (id: string) => usdc.markets.find((m) => m.marketId === id)?.lossRatio ?? 0;
    assert.ok(Math.abs(ratio("usdc-depeg") - 0.1226) < 1e-12);
    assert.ok(Math.abs(ratio("compound-v3-eth") - 0.0613) < 1e-12);
    // yearn depends on curve-3pool (0.4) which passes 0.33 of USDC's de-peg.
    assert.ok(Math.abs(ratio("yearn-v3-vaults") - 0.1226 * 0.33 * 0.4) < 1e-12);
    assert.equal(ratio("uniswap-v3-arb"), 0);
  });

  it("reports pool losses against capital", () => {
    const bridges = results.find((r) => r.name === "bridge drain wave") ?? assert.fail("missing scenario");
    const pool = bridges.pools.find((p) => p.poolId === "peg-and-bridge");
    assert.equal(pool?.loss, 0.6 * (8_000_000 + 5_000_000));
    for (const r of results) assert.deepEqual(r.unmatchedSources, []);
  });
});
