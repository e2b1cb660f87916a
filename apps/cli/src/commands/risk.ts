import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  allocateTailCapitalParallel,
  type Band,
  BUNDLED_FEEDS,
  backtestBook,
  backtestDepegRule,
  bootstrapGoodnessOfFit,
  DEFAULT_DATA_DIR,
  ETHERISC_USDC_RULE,
  forecast,
  loadCalibration,
  loadChainlinkFeed,
  loadIncidents,
  loadProtocolCounts,
  parsePortfolio,
  poolPortfolios,
  prepareSimulation,
  pricePortfolio,
  rollingBacktest,
  runStressScenario,
  type SimulationResult,
  STRESS_SCENARIOS,
  scorePortfolio,
  severitySample,
  simulatePortfolioParallel,
  type TailAllocation,
  ValidationError,
} from "@backstop/risk";
import { parseError } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { progressBar } from "../format/progress.ts";
import { pct, table, usd } from "../format/table.ts";
import { svgToPng } from "../plots/png.ts";
import { bandsSvg, contributionsSvg, histogramSvg, lossExceedanceSvg } from "../plots/svg.ts";
import { priceLiveMarket } from "./risk-market.ts";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const DEFAULTS = {
  portfolio: resolve(import.meta.dirname, "../../examples/portfolio.json"),
  out: resolve(repoRoot, ".backstop/risk"),
};
/** Importance-sampled years per pool for a price (bench/results/risk-seeds.json: moves < 2%). */
const PRICE_YEARS = 1_000_000;
const SUBCOMMANDS = [
  "score",
  "price",
  "simulate",
  "forecast",
  "backtest",
  "gof",
  "stress",
  "exposure",
] as const;
const USAGE = `usage: backstop risk <${SUBCOMMANDS.join("|")}> [options]
  --data-dir <dir>     data folder (default: the repository's data/)
  --incidents <file>   incident CSV (default: <data-dir>/exploits/incidents.csv)
  --portfolio <file>   portfolio JSON (default: apps/cli/examples/portfolio.json)
  --calibrate-until <date> --from <date> --to <date>   forecast: cutoff and window (YYYY-MM-DD)
  --samples <n>        forecast/backtest: predictive draws (default 4000)
  --horizon <years>    backtest: years ahead per origin (default 1)
  --replicates <n>     gof: parametric-bootstrap replicates (default 200)
  --years <n>          simulated years (simulate: 100000; price: ${PRICE_YEARS} importance-sampled years per pool)
  --seed <n>           PRNG seed (default 1)
  --threads <n>        worker threads (default: available cores)
  --out <dir>          where simulate writes SVG/PNG plots (default .backstop/risk)
  --standalone         price: charge standalone capital instead of the portfolio's Euler allocation
  --market <id>        price: the live on-chain market <id> (its pools as balance sheets) instead of --portfolio
  --network <name>     price --market: a network of the config file (default local)
  --rpc-url <url>      price --market: JSON-RPC endpoint (default http://127.0.0.1:8545, or $BACKSTOP_RPC_URL)
  --profiles <file>    price --market: protocol facts by terms name (default: the devnet markets' catalogue)
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

/** The risk command's options (parseArgs). */
function parseRiskArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      portfolio: { type: "string" },
      incidents: { type: "string" },
      "data-dir": { type: "string" },
      "calibrate-until": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      samples: { type: "string" },
      horizon: { type: "string" },
      replicates: { type: "string" },
      years: { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
      out: { type: "string" },
      standalone: { type: "boolean", default: false },
      market: { type: "string" },
      "rpc-url": { type: "string" },
      network: { type: "string" },
      rpc: { type: "string" },
      profiles: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

const risk: Command = {
  summary: "score, price, simulate, backtest and stress-test cover markets",
  usage: USAGE,
  async run(argv) {
    let parsed: ReturnType<typeof parseRiskArgs>;
    try {
      parsed = parseRiskArgs(argv);
    } catch (error) {
      throw parseError(error, USAGE);
    }
    const { positionals, values } = parsed;
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
    const dataDir = resolve(values["data-dir"] ?? DEFAULT_DATA_DIR);
    if (sub === "exposure") {
      const counts = loadProtocolCounts({ dataDir });
      const rows = (dimension: string, record: typeof counts.categories) =>
        Object.entries(record).map(([key, c]) => [
          dimension,
          key,
          c.protocols,
          c.kind,
          c.lines.length > 0 ? c.lines.join(",") : "-",
          c.asOf ?? "-",
          c.confidence ?? "-",
          c.lowerBound ? "yes" : "no",
          c.rule,
        ]);
      print(counts, () =>
        [
          `Protocols per category and chain (frequency exposure), derived from ${join(dataDir, "exposure/defi_protocol_counts.csv")}`,
          `window ${counts.window.fromYear}-${counts.window.toYear}, reference year ${counts.referenceYear}; priors scaled by ${counts.scale.categories.toFixed(4)} (categories), ${counts.scale.chains.toFixed(4)} (chains)`,
          "",
          table(
            ["", "group", "protocols", "kind", "csv lines", "as of", "confidence", "lower bound", "rule"],
            [...rows("category", counts.categories), ...rows("chain", counts.chains)],
          ),
        ].join("\n"),
      );
      return 0;
    }
    const incidents = loadIncidents({
      dataDir,
      ...(values.incidents === undefined ? {} : { file: resolve(values.incidents) }),
    });
    const samples = integerOption("samples", values.samples, 4000, 100);

    if (sub === "forecast") {
      const calibrateUntil = values["calibrate-until"];
      const from = values.from;
      const to = values.to;
      if (!calibrateUntil || !from || !to)
        throw new UsageError("risk forecast needs --calibrate-until <date> --from <date> --to <date>");
      const result = forecast(incidents, { calibrateUntil, from, to, samples, seed });
      const { count, lossUsd, byCategory } = result;
      print({ count, lossUsd, byCategory }, () => {
        const row = (label: string, c: Band, l: Band) => [
          label,
          c.mean.toFixed(1),
          `${c.p5.toFixed(0)} / ${c.p50.toFixed(0)} / ${c.p95.toFixed(0)}`,
          usd(l.mean),
          `${usd(l.p5)} / ${usd(l.p50)} / ${usd(l.p95)}`,
        ];
        const f = result.model.frequency;
        return [
          `Calibrated on incidents up to ${calibrateUntil}; window ${from} .. ${to} (${result.windowYears.toFixed(2)} years), ${samples} draws`,
          `frequency: log rate ${f.years.join(",")} counts ${f.counts.join(",")}; innovation sd ${f.innovationScale.toFixed(2)} (df ${f.innovationDf}); severity: ${result.model.severity.effectiveSize.toFixed(0)} effective losses, half-life ${result.model.halfLifeYears} y, ${(100 * result.model.severity.statedShare).toFixed(0)}% state a USD loss`,
          table(
            ["", "count mean", "count p5 / p50 / p95", "loss mean", "loss p5 / p50 / p95"],
            [
              row("all", count, lossUsd),
              ...Object.entries(byCategory)
                .filter(([, v]) => v.count.mean >= 0.05)
                .map(([k, v]) => row(k, v.count, v.lossUsd)),
            ],
          ),
        ].join("\n");
      });
      return 0;
    }

    if (sub === "gof") {
      const replicates = integerOption("replicates", values.replicates, 200, 10);
      const cutoff = values["calibrate-until"] ?? "9999-12-31";
      const known = incidents.filter((i) => i.date <= cutoff);
      const lastYear = Math.max(...known.map((i) => i.year));
      const samplesBy = [
        { label: "all years", rows: known },
        { label: `${lastYear - 1}-${lastYear}`, rows: known.filter((i) => i.year >= lastYear - 1) },
        {
          label: `${lastYear - 3}-${lastYear - 2}`,
          rows: known.filter((i) => i.year >= lastYear - 3 && i.year <= lastYear - 2),
        },
      ].map(({ label, rows }) => ({
        label,
        ...bootstrapGoodnessOfFit(severitySample(rows), { replicates, seed }),
      }));
      print(samplesBy, () =>
        [
          `Spliced severity (lognormal body on the body, GPD tail above the 85% quantile): parametric bootstrap, ${replicates} refitted replicates`,
          table(
            ["sample", "n", "KS", "KS p", "A2", "A2 p", "naive KS 5% crit."],
            samplesBy.map((g) => [
              g.label,
              g.sampleSize,
              g.ks.toFixed(4),
              g.ksPValue.toFixed(3),
              g.andersonDarling.toFixed(3),
              g.andersonDarlingPValue.toFixed(3),
              g.ksCritical5pctNoEstimation.toFixed(4),
            ]),
          ),
        ].join("\n"),
      );
      return 0;
    }

    if (sub === "backtest") {
      const horizonYears = integerOption("horizon", values.horizon, 1, 1);
      const rolling = rollingBacktest(incidents, { samples, seed, horizonYears });
      const outDir = values.out ?? DEFAULTS.out;
      mkdirSync(outDir, { recursive: true });
      const label = (o: (typeof rolling.origins)[number]) =>
        `${o.from.slice(0, 4)}${o.to.slice(0, 4) === o.from.slice(0, 4) ? "" : `-${o.to.slice(2, 4)}`}${o.to.endsWith("12-31") ? "" : ` (to ${o.to.slice(5)})`}`;
      const plots: string[] = [];
      for (const [name, svg] of [
        [
          "backtest-count",
          bandsSvg(
            rolling.origins.map((o) => ({ label: label(o), ...o.count, realized: o.realized.count })),
            `Incident count: 90% predictive band vs realised (coverage ${pct(rolling.coverage.count, 0)})`,
            "incidents",
          ),
        ],
        [
          "backtest-loss",
          bandsSvg(
            rolling.origins.map((o) => ({ label: label(o), ...o.lossUsd, realized: o.realized.lossUsd })),
            `Stated USD loss: 90% predictive band vs realised (coverage ${pct(rolling.coverage.lossUsd, 0)})`,
            "total stated loss (log scale)",
            { log: true, money: true },
          ),
        ],
      ] as const) {
        writeFileSync(join(outDir, `${name}.svg`), svg);
        writeFileSync(join(outDir, `${name}.png`), svgToPng(svg));
        plots.push(join(outDir, `${name}.svg`), join(outDir, `${name}.png`));
      }
      const book = backtestBook(incidents);
      const depeg = BUNDLED_FEEDS.map((symbol) => ({
        feed: `${symbol.toUpperCase()}/USD`,
        ...backtestDepegRule(loadChainlinkFeed(symbol, dataDir), ETHERISC_USDC_RULE),
      }));
      const { origins, ...summary } = rolling;
      print({ rolling: { ...summary, origins }, plots, book, depeg, rule: ETHERISC_USDC_RULE }, () =>
        [
          `Rolling-origin backtest (${horizonYears}-year windows; each origin calibrated only on incidents up to its cutoff)`,
          table(
            [
              "cutoff",
              "window",
              "count",
              "90% band (median)",
              "in",
              "stated loss",
              "90% band (median)",
              "in",
              "CRPS n",
              "CRPS log10 $",
            ],
            origins.map((o) => [
              o.calibrateUntil,
              `${o.from}..${o.to}`,
              o.realized.count,
              `${o.count.p5.toFixed(0)}-${o.count.p95.toFixed(0)} (${o.count.p50.toFixed(0)})`,
              o.count.covered ? "yes" : "NO",
              usd(o.realized.lossUsd),
              `${usd(o.lossUsd.p5)}-${usd(o.lossUsd.p95)} (${usd(o.lossUsd.p50)})`,
              o.lossUsd.covered ? "yes" : "NO",
              o.count.crps.toFixed(1),
              o.lossUsd.crps.toFixed(3),
            ]),
          ),
          `coverage of the 90% bands: count ${pct(rolling.coverage.count, 0)}, loss ${pct(rolling.coverage.lossUsd, 0)}, both ${pct(rolling.coverage.both, 0)} of ${origins.length} origins`,
          `mean CRPS: count ${rolling.meanCrps.count.toFixed(1)} (v1 method ${rolling.baselineMeanCrps.count.toFixed(1)}), log10 loss ${rolling.meanCrps.log10LossUsd.toFixed(3)} (v1 ${rolling.baselineMeanCrps.log10LossUsd.toFixed(3)}); skill ${pct(rolling.skill.count, 0)} / ${pct(rolling.skill.log10LossUsd, 0)}`,
          `v1 method coverage: count ${pct(rolling.baselineCoverage.count, 0)}, loss ${pct(rolling.baselineCoverage.lossUsd, 0)}`,
          `plots: ${plots.join(", ")}`,
          "",
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

    const calibration = loadCalibration({
      dataDir,
      ...(values.incidents === undefined ? {} : { file: resolve(values.incidents) }),
    });
    if (values.market !== undefined) {
      if (sub !== "price") throw new UsageError(`--market applies to risk price, not risk ${sub}`);
      return priceLiveMarket({
        market: values.market,
        rpcUrl: values["rpc-url"] ?? values.rpc,
        network: values.network,
        profiles: values.profiles,
        calibration,
        years: integerOption("years", values.years, PRICE_YEARS, 1000),
        seed,
        threads,
        json: values.json,
      });
    }
    const portfolio = parsePortfolio(readJson(values.portfolio ?? DEFAULTS.portfolio));

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
      const years = integerOption("years", values.years, PRICE_YEARS, 1000);
      let poolSimulations: Map<string, TailAllocation> | undefined;
      if (!values.standalone) {
        poolSimulations = new Map();
        for (const pool of poolPortfolios(portfolio)) {
          const { model: poolModel } = prepareSimulation(pool, calibration);
          poolSimulations.set(
            pool.pools[0]?.id ?? "",
            await allocateTailCapitalParallel(poolModel, { years, seed, threads }),
          );
        }
      }
      const { prices } = pricePortfolio(portfolio, calibration, poolSimulations ? { poolSimulations } : {});
      print(prices, () =>
        table(
          [
            "market",
            "pure",
            "capital",
            "expenses",
            "fees",
            "rate bps",
            "capital/cover",
            "base",
            "slope1",
            "slope2",
            "kink",
          ],
          prices.map((p) => [
            p.marketId,
            p.purePremiumBps.toFixed(1),
            p.capitalChargeBps.toFixed(1),
            p.expensesBps.toFixed(1),
            p.feesBps.toFixed(1),
            p.rateBps,
            p.capitalPerCover.toFixed(3),
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
