import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  backtestBook,
  backtestDepegRule,
  calibrate,
  ETHERISC_USDC_RULE,
  parseChainlinkRounds,
  parseIncidents,
  parsePortfolio,
  prepareSimulation,
  pricePortfolio,
  runStressScenario,
  type SimulationResult,
  STRESS_SCENARIOS,
  scorePortfolio,
  simulatePortfolioParallel,
  ValidationError,
} from "@backstop/risk";
import { type Command, UsageError } from "../command.ts";
import { progressBar } from "../format/progress.ts";
import { pct, table, usd } from "../format/table.ts";
import { svgToPng } from "../plots/png.ts";
import { contributionsSvg, histogramSvg, lossExceedanceSvg } from "../plots/svg.ts";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const sharedData = resolve(repoRoot, "../shared/data");
const DEFAULTS = {
  portfolio: resolve(import.meta.dirname, "../../examples/portfolio.json"),
  incidents: join(sharedData, "exploits/defihacklabs_incidents.csv"),
  prices: join(sharedData, "prices"),
  out: resolve(repoRoot, ".backstop/risk"),
};
const SUBCOMMANDS = ["score", "price", "simulate", "backtest", "stress"] as const;
const USAGE = `usage: backstop risk <${SUBCOMMANDS.join("|")}> [options]
  --portfolio <file>   portfolio JSON (default: apps/cli/examples/portfolio.json)
  --incidents <file>   DeFiHackLabs incident CSV (default: ../shared/data/exploits/...)
  --years <n>          simulated years (simulate: 100000, price: 20000)
  --seed <n>           PRNG seed (default 1)
  --threads <n>        worker threads (default: available cores)
  --out <dir>          where simulate writes SVG/PNG plots (default .backstop/risk)
  --standalone         price: charge standalone capital instead of the portfolio's Euler allocation
  --json               machine-readable output`;

function integerOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ValidationError(name, raw, `expected an integer >= ${min}`);
  return value;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

async function simulate(
  model: Parameters<typeof simulatePortfolioParallel>[0],
  years: number,
  seed: number,
  threads: number,
): Promise<SimulationResult> {
  const bar = progressBar(`simulating ${years.toLocaleString("en-US")} years`);
  try {
    return await simulatePortfolioParallel(model, {
      years,
      seed,
      threads,
      onProgress: (d, t) => bar.update(d, t),
    });
  } finally {
    bar.finish();
  }
}

function writePlots(result: SimulationResult, outDir: string, name: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const charts = {
    "loss-exceedance": lossExceedanceSvg(result.exceedance, `${name}: loss-exceedance curve`),
    "loss-histogram": histogramSvg(result.histogram, result.years, `${name}: annual loss distribution`),
    "capital-contributions": contributionsSvg(result.markets, `${name}: capital contribution per market`),
  };
  const written: string[] = [];
  for (const [file, svg] of Object.entries(charts)) {
    writeFileSync(join(outDir, `${file}.svg`), svg);
    writeFileSync(join(outDir, `${file}.png`), svgToPng(svg));
    written.push(join(outDir, `${file}.svg`), join(outDir, `${file}.png`));
  }
  return written;
}

const risk: Command = {
  summary: "score, price, simulate, backtest and stress-test cover markets",
  usage: USAGE,
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        portfolio: { type: "string" },
        incidents: { type: "string" },
        years: { type: "string" },
        seed: { type: "string" },
        threads: { type: "string" },
        out: { type: "string" },
        standalone: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    const sub = positionals[0];
    if (values.help || !sub) {
      console.log(USAGE);
      return values.help ? 0 : 2;
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(`unknown risk command "${sub}"\n${USAGE}`.split("\n")[0] ?? "");
    const seed = integerOption("seed", values.seed, 1, 0);
    const threads = integerOption("threads", values.threads, availableParallelism(), 1);
    const print = (json: unknown, human: () => string) =>
      console.log(values.json ? JSON.stringify(json, null, 2) : human());
    const incidentsCsv = readFileSync(values.incidents ?? DEFAULTS.incidents, "utf8");

    if (sub === "backtest") {
      const book = backtestBook(parseIncidents(incidentsCsv));
      const depeg = ["usdc", "usdt", "tusd", "usdp", "usdn"].map((symbol) => ({
        feed: `${symbol.toUpperCase()}/USD`,
        ...backtestDepegRule(
          parseChainlinkRounds(
            readFileSync(join(DEFAULTS.prices, `chainlink_${symbol}_usd_mainnet_rounds.csv`), "utf8"),
          ),
          ETHERISC_USDC_RULE,
        ),
      }));
      print({ book, depeg, rule: ETHERISC_USDC_RULE }, () =>
        [
          "Book replay (per-incident limit $1M, walk-forward pricing, 50% loading)",
          table(
            ["year", "forecast", "incidents", "no USD", "premium", "losses", "loss ratio", "severity fit"],
            book.map((r) => [
              r.year,
              r.forecastIncidents,
              r.actualIncidents,
              r.incidentsWithoutUsd,
              usd(r.premium),
              usd(r.losses),
              r.lossRatio.toFixed(2),
              r.severityFit,
            ]),
          ),
          "",
          "De-peg trigger (< 0.995, no round >= 0.999 within 24 h) over Chainlink rounds: basis risk",
          table(
            [
              "feed",
              "rounds",
              "min price",
              "max drawdown",
              "events",
              "max payout",
              "basis gap",
              "cancelled dips",
            ],
            depeg.map((d) => [
              d.feed,
              d.observations,
              d.minPrice.toFixed(4),
              pct(d.maxDrawdown),
              d.events.length,
              pct(d.maxPayoutRatio),
              pct(d.basisGap),
              d.cancelledCandidates,
            ]),
          ),
        ].join("\n"),
      );
      return 0;
    }

    const portfolio = parsePortfolio(readJson(values.portfolio ?? DEFAULTS.portfolio));
    const calibration = calibrate(incidentsCsv);

    if (sub === "score") {
      const scores = scorePortfolio(portfolio, calibration);
      print(scores, () =>
        table(
          ["market", "score", "P(loss)/yr", "pure bps", "main factors (points)"],
          scores.map((s) => [
            s.marketId,
            s.score.toFixed(1),
            pct(s.annualLossProbability),
            (s.expectedLossRate * 1e4).toFixed(1),
            [...s.factors]
              .filter((f) => f.factor !== "categoryBaseRate")
              .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
              .slice(0, 3)
              .map((f) => `${f.factor} ${f.points >= 0 ? "+" : ""}${f.points.toFixed(1)}`)
              .join(", "),
          ]),
        ),
      );
      return 0;
    }

    if (sub === "stress") {
      const results = STRESS_SCENARIOS.map((s) => runStressScenario(portfolio, s));
      print(results, () =>
        results
          .map((r) =>
            [
              `${r.name}: ${r.description}`,
              table(
                ["pool", "capital", "loss", "loss/capital", "ruined"],
                r.pools.map((p) => [
                  p.poolId,
                  usd(p.capitalUsd),
                  usd(p.loss),
                  pct(p.lossToCapital),
                  p.ruined ? "YES" : "no",
                ]),
              ),
            ].join("\n"),
          )
          .join("\n\n"),
      );
      return 0;
    }

    const { model } = prepareSimulation(portfolio, calibration);
    if (sub === "price") {
      const years = integerOption("years", values.years, 20_000, 200);
      const simulation = values.standalone ? undefined : await simulate(model, years, seed, threads);
      const { prices } = pricePortfolio(portfolio, calibration, simulation ? { simulation } : {});
      print(prices, () =>
        table(
          ["market", "pure", "capital", "expenses", "fees", "rate bps", "base", "slope1", "slope2", "kink"],
          prices.map((p) => [
            p.marketId,
            p.purePremiumBps.toFixed(1),
            p.capitalChargeBps.toFixed(1),
            p.expensesBps.toFixed(1),
            p.feesBps.toFixed(1),
            p.rateBps,
            p.curve.baseRateBps,
            p.curve.slope1Bps,
            p.curve.slope2Bps,
            p.curve.kinkBps,
          ]),
        ),
      );
      return 0;
    }

    // simulate
    const years = integerOption("years", values.years, 100_000, 200);
    const started = performance.now();
    const result = await simulate(model, years, seed, threads);
    const seconds = (performance.now() - started) / 1000;
    const plots = writePlots(result, values.out ?? DEFAULTS.out, portfolio.name);
    print({ ...result, plots, seconds }, () =>
      [
        `${portfolio.name}: ${years.toLocaleString("en-US")} years, seed ${seed}, ${threads} thread(s), ${seconds.toFixed(2)} s`,
        table(
          ["expected loss", "std dev", "VaR 99.5%", "TVaR 99.5%", "capital required", "loss-free years"],
          [
            [
              usd(result.expectedLoss),
              usd(result.standardDeviation),
              usd(result.valueAtRisk),
              usd(result.tailValueAtRisk),
              usd(result.capitalRequired),
              pct(result.zeroLossYears / years, 1),
            ],
          ],
        ),
        "",
        table(
          ["pool", "capital", "expected loss", "tail loss", "P(ruin)"],
          result.pools.map((p) => [
            p.poolId,
            usd(p.capitalUsd),
            usd(p.expectedLoss),
            usd(p.tailLoss),
            pct(p.ruinProbability, 3),
          ]),
        ),
        "",
        table(
          ["market", "cover", "expected loss", "E[L | tail]", "capital (Euler)", "share"],
          result.markets.map((m) => [
            m.marketId,
            usd(m.coverUsd),
            usd(m.expectedLoss),
            usd(m.tailLoss),
            usd(m.capitalContribution),
            pct(m.capitalContribution / result.capitalRequired, 1),
          ]),
        ),
        "",
        `plots: ${plots.join(", ")}`,
      ].join("\n"),
    );
    return 0;
  },
};

export default risk;
