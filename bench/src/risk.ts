// Monte Carlo throughput in market-years per second: TypeScript on 1 thread (in process) and on
// 2 worker threads, against the numpy reference in bench/risk_numpy.py, for each size.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  CATEGORIES,
  calibrateFromIncidents,
  closeSimulationWorkers,
  loadIncidents,
  type PortfolioInput,
  parsePortfolio,
  prepareSimulation,
  simulatePortfolioModel,
  simulatePortfolioParallel,
  simulationModelToJson,
} from "@backstop/risk";

const benchDir = resolve(import.meta.dirname, "..");
const python = process.env.PYTHON ?? "python3";
const YEARS = [10_000, 100_000, 1_000_000];
const MARKETS = [50, 200];
const SEED = 2024;

/** A deterministic synthetic book: markets spread over categories and chains, shared assets, 3 pools. */
function syntheticPortfolio(markets: number): PortfolioInput {
  const chains = ["ethereum", "arbitrum", "base", "bsc", "optimism"];
  const assets = [
    {
      id: "steth",
      name: "stETH",
      annualProbability: 0.04,
      severity: { kind: "depeg", minDepth: 0.01, alpha: 1.5 },
    },
    {
      id: "usdc",
      name: "USDC",
      annualProbability: 0.03,
      severity: { kind: "depeg", minDepth: 0.005, alpha: 1.2 },
    },
    {
      id: "chainlink",
      name: "Chainlink",
      annualProbability: 0.01,
      severity: { kind: "exploit", medianLossRatio: 0.05 },
    },
  ] as const;
  const list = Array.from({ length: markets }, (_, i) => ({
    id: `m${i}`,
    name: `market ${i}`,
    category: CATEGORIES[i % CATEGORIES.length] ?? "other",
    chain: chains[i % chains.length] as string,
    tvlUsd: 5e7 * (1 + (i % 17)),
    ageYears: 0.5 + (i % 6),
    audits: i % 5,
    bugBountyUsd: (i % 4) * 250_000,
    admin: {
      keys: (["none", "timelock", "multisig", "eoa"] as const)[i % 4] ?? "none",
      upgradeable: i % 3 === 0,
    },
    oracles: [i % 5 === 0 ? ("spot" as const) : ("chainlink" as const)],
    dependencies: [
      { on: assets[i % 3]?.id as string, passThrough: 0.5 },
      ...(i >= 10 && i % 7 === 0 ? [{ on: `m${i - 10}`, passThrough: 0.3 }] : []),
    ],
  }));
  const pools = [0, 1, 2].map((p) => ({
    id: `pool${p}`,
    name: `pool ${p}`,
    capitalUsd: 5e6 * markets,
    exposures: list
      .filter((_, i) => i % 3 === p || i % 5 === p)
      .map((m) => ({ market: m.id, coverUsd: 1e6 })),
  }));
  return { name: `synthetic ${markets}`, asOf: "2025-12-31", markets: list, assets: [...assets], pools };
}

function numpy(
  modelPath: string,
  years: number,
): { seconds: number; expectedLoss: number; tailValueAtRisk: number; numpy: string } {
  const output = execFileSync(
    python,
    [join(benchDir, "risk_numpy.py"), modelPath, String(years), String(SEED)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  return JSON.parse(output);
}

async function main(): Promise<void> {
  const calibration = calibrateFromIncidents(loadIncidents());
  const runs = [];
  let oneMillion:
    | { marketYears: number; ts1Thread: number; ts2Threads: number; speedup2vs1: number }
    | undefined;
  for (const markets of MARKETS) {
    const { model } = prepareSimulation(parsePortfolio(syntheticPortfolio(markets)), calibration);
    const modelPath = join(tmpdir(), `backstop-risk-model-${markets}.json`);
    writeFileSync(modelPath, JSON.stringify(simulationModelToJson(model)));
    // Warm-up so the first timed run is not paying for JIT compilation or for starting the workers
    // (the pool is kept for the process, as in the CLI and the keeper).
    simulatePortfolioModel(model, { years: 20_000, seed: 1 });
    await simulatePortfolioParallel(model, { years: 20_000, seed: 1, threads: 2 });
    if (markets === 50) {
      // The 1M market-year point (50 markets x 20,000 years): median of 7 runs each, as timings are short.
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      const one: number[] = [];
      const two: number[] = [];
      for (let r = 0; r < 7; r++) {
        let t = performance.now();
        simulatePortfolioModel(model, { years: 20_000, seed: SEED + r });
        one.push((performance.now() - t) / 1000);
        t = performance.now();
        await simulatePortfolioParallel(model, { years: 20_000, seed: SEED + r, threads: 2 });
        two.push((performance.now() - t) / 1000);
      }
      oneMillion = {
        marketYears: 1_000_000,
        ts1Thread: median(one),
        ts2Threads: median(two),
        speedup2vs1: median(one) / median(two),
      };
      console.log(
        `1M market-years (50 x 20,000): 1 thread ${(oneMillion.ts1Thread * 1000).toFixed(0)} ms, 2 threads ${(oneMillion.ts2Threads * 1000).toFixed(0)} ms, 2 threads = ${oneMillion.speedup2vs1.toFixed(2)}x of 1 thread`,
      );
    }
    for (const years of YEARS) {
      const marketYears = years * markets;
      let started = performance.now();
      const single = simulatePortfolioModel(model, { years, seed: SEED });
      const oneThread = (performance.now() - started) / 1000;
      started = performance.now();
      const parallel = await simulatePortfolioParallel(model, { years, seed: SEED, threads: 2 });
      const twoThreads = (performance.now() - started) / 1000;
      const reference = numpy(modelPath, years);
      const row = {
        years,
        markets,
        marketYears,
        seconds: { ts1Thread: oneThread, ts2Threads: twoThreads, numpy: reference.seconds },
        marketYearsPerSecond: {
          ts1Thread: marketYears / oneThread,
          ts2Threads: marketYears / twoThreads,
          numpy: marketYears / reference.seconds,
        },
        speedupVsNumpy: reference.seconds / oneThread,
        speedupVsNumpy2Threads: reference.seconds / twoThreads,
        speedup2ThreadsVs1: oneThread / twoThreads,
        sameResultOnBothThreadCounts:
          single.tailValueAtRisk === parallel.tailValueAtRisk &&
          single.expectedLoss === parallel.expectedLoss,
        expectedLoss: { ts: single.expectedLoss, numpy: reference.expectedLoss },
        tailValueAtRisk: { ts: single.tailValueAtRisk, numpy: reference.tailValueAtRisk },
      };
      runs.push(row);
      console.log(
        `${markets} markets x ${years.toLocaleString("en-US")} years: ts 1 thread ${(row.marketYearsPerSecond.ts1Thread / 1e6).toFixed(1)}M/s, ` +
          `2 threads ${(row.marketYearsPerSecond.ts2Threads / 1e6).toFixed(1)}M/s, numpy ${(row.marketYearsPerSecond.numpy / 1e6).toFixed(1)}M/s, ` +
          `vs numpy ${row.speedupVsNumpy.toFixed(2)}x (1 thread) ${row.speedupVsNumpy2Threads.toFixed(2)}x (2), 2 vs 1 thread ${row.speedup2ThreadsVs1.toFixed(2)}x; EL ts ${(single.expectedLoss / 1e6).toFixed(3)}M vs numpy ${(reference.expectedLoss / 1e6).toFixed(3)}M`,
      );
    }
  }
  const numpyVersion = numpy(join(tmpdir(), "backstop-risk-model-50.json"), 1000).numpy;
  mkdirSync(join(benchDir, "results"), { recursive: true });
  const report = {
    benchmark: "risk Monte Carlo",
    unit: "market-years per second",
    node: process.version,
    numpy: numpyVersion,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    seed: SEED,
    notes:
      "ts1Thread runs in process; ts2Threads uses the process's pool of 2 worker threads (started once, by the warm-up; the workers load the kernel with Node's type stripping, no TypeScript loader). speedupVsNumpy = numpy seconds / ts 1-thread seconds.",
    oneMillionMarketYears: oneMillion,
    runs,
  };
  writeFileSync(join(benchDir, "results/risk.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${join(benchDir, "results/risk.json")}`);
}

await main();
await closeSimulationWorkers();
