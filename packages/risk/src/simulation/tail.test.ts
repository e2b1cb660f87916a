import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { ValidationError } from "../errors.ts";
import { poolPortfolios, prepareSimulation } from "../portfolio.ts";
import { bernoulliModel, examplePortfolio, realCalibration } from "../test-helpers.ts";
import { allocateTailCapitalParallel, closeSimulationWorkers } from "./parallel.ts";
import { simulatePortfolioModel } from "./simulate.ts";
import { allocateTailCapital } from "./tail.ts";

after(() => closeSimulationWorkers());

function binomialTvar(n: number, p: number, alpha: number): number {
  const pmf: number[] = [];
  let coefficient = 1;
  for (let k = 0; k <= n; k++) {
    if (k > 0) coefficient = (coefficient * (n - k + 1)) / k;
    pmf.push(coefficient * p ** k * (1 - p) ** (n - k));
  }
  let mass = 0;
  let sum = 0;
  for (let k = n; k >= 0; k--) {
    const take = Math.min(pmf[k] as number, alpha - mass);
    mass += take;
    sum += take * k;
    if (mass >= alpha) break;
  }
  return sum / alpha;
}

function bluechipModel() {
  const pool = poolPortfolios(examplePortfolio()).find((p) => p.pools[0]?.id === "blue-chip");
  assert.ok(pool);
  return prepareSimulation(pool, realCalibration()).model;
}

const range = (values: number[]) => (Math.max(...values) - Math.min(...values)) / Math.min(...values);

describe("importance-sampled tail allocation", () => {
  it("matches the binomial TVaR and splits it evenly over identical markets", () => {
    const n = 20;
    const p = 0.05;
    const result = allocateTailCapital(bernoulliModel(n, p, 0), { years: 40_000, seed: 3 });
    const exact = binomialTvar(n, p, 0.005);
    assert.ok(
      Math.abs(result.tailValueAtRisk - exact) / exact < 0.01,
      `TVaR ${result.tailValueAtRisk} vs ${exact}`,
    );
    const tails = result.markets.map((m) => m.tailLoss);
    const sum = tails.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(sum - exact) / exact < 0.02, `sum of tail losses ${sum} vs ${exact}`);
    for (const t of tails) assert.ok(Math.abs(t - exact / n) / (exact / n) < 0.05, `tail ${t}`);
    for (const m of result.markets) assert.ok(Math.abs(m.expectedLoss - p) < 0.002, `EL ${m.expectedLoss}`);
  });

  it("agrees with plain Monte Carlo on a heavy-tailed pool", () => {
    const model = bluechipModel();
    const plain = simulatePortfolioModel(model, { years: 1_000_000, seed: 9 });
    const sampled = allocateTailCapital(model, { years: 100_000, seed: 9 });
    const relative = (a: number, b: number) => Math.abs(a - b) / b;
    assert.ok(relative(sampled.tailValueAtRisk, plain.tailValueAtRisk) < 0.05, "TVaR");
    assert.ok(relative(sampled.expectedLoss, plain.expectedLoss) < 0.05, "expected loss");
    // Large shares within 10%; a small market's share (Curve 3pool, about 2% of the TVaR) moves
    // by 20-50% between seeds in both estimators, so it is held to 2% of the pool's TVaR.
    for (const id of ["aave-v3-eth", "curve-3pool", "compound-v3-eth"]) {
      const a = sampled.markets.find((m) => m.marketId === id)?.tailLoss ?? 0;
      const b = plain.markets.find((m) => m.marketId === id)?.tailLoss ?? 0;
      const ok = relative(a, b) < 0.1 || Math.abs(a - b) < 0.02 * plain.tailValueAtRisk;
      assert.ok(ok, `${id}: ${a} vs ${b}`);
    }
  });

  it("moves far less between seeds than plain Monte Carlo with the same years", () => {
    const model = bluechipModel();
    const years = 50_000;
    const id = "uniswap-v3-arb";
    const tail = (r: { markets: { marketId: string; tailLoss: number }[] }) =>
      r.markets.find((m) => m.marketId === id)?.tailLoss ?? 0;
    const seeds = [1, 2, 3];
    const sampled = range(seeds.map((seed) => tail(allocateTailCapital(model, { years, seed }))));
    const plain = range(seeds.map((seed) => tail(simulatePortfolioModel(model, { years, seed }))));
    assert.ok(sampled < plain / 4, `importance-sampled range ${sampled} vs plain ${plain}`);
    assert.ok(sampled < 0.2, `range ${sampled}`);
  });

  it("gives the same numbers on worker threads", async () => {
    const model = bluechipModel();
    const options = { years: 70_000, seed: 4 };
    const single = allocateTailCapital(model, options);
    const parallel = await allocateTailCapitalParallel(model, { ...options, threads: 2 });
    assert.deepEqual(parallel, single);
  });

  it("rejects invalid options", () => {
    const model = bernoulliModel(2, 0.1, 0);
    assert.throws(() => allocateTailCapital(model, { years: 10, seed: 1 }), ValidationError);
    assert.throws(
      () => allocateTailCapital(model, { years: 5000, seed: 1, defensiveShare: 0 }),
      ValidationError,
    );
    assert.throws(
      () => allocateTailCapital(model, { years: 5000, seed: 1, eventOddsTilt: 0.5 }),
      ValidationError,
    );
  });
});
