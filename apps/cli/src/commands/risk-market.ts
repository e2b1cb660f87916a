import { readFileSync } from "node:fs";
import {
  allocateTailCapitalParallel,
  type Calibration,
  DEVNET_PROTOCOLS,
  ONCHAIN_ASSETS,
  onchainPortfolio,
  type ProtocolFacts,
  pricePortfolioByPool,
} from "@backstop/risk";
import { getBook } from "@backstop/sdk";
import { connectRead } from "../context.ts";
import { InvalidArgumentError, MarketNotFoundError } from "../errors.ts";
import { pct, table, usd } from "../format/table.ts";
import { toJson } from "../options.ts";

/** Parses a market id: a positive integer. */
export function parseMarketId(raw: string): bigint {
  if (!/^[1-9]\d*$/.test(raw)) throw new InvalidArgumentError("--market", raw, "a market id (1, 2, ...)");
  return BigInt(raw);
}

/**
 * `backstop risk price --market <id>`: reads the live market and its pools, maps them onto an engine
 * portfolio (the market, every market its pools write, each pool its own balance sheet) and prices it.
 */
export async function priceLiveMarket(p: {
  market: string;
  rpcUrl: string | undefined;
  network?: string | undefined;
  profiles: string | undefined;
  calibration: Calibration;
  years: number;
  seed: number;
  threads: number;
  json: boolean;
}): Promise<number> {
  const marketId = parseMarketId(p.market);
  const catalogue = p.profiles
    ? (JSON.parse(readFileSync(p.profiles, "utf8")) as Record<string, ProtocolFacts>)
    : DEVNET_PROTOCOLS;
  const ctx = await connectRead({ "rpc-url": p.rpcUrl, network: p.network });
  const registry = ctx.registry();
  const book = await getBook(ctx.publicClient, { markets: registry.markets, poolLens: registry.poolLens });
  const market = book.markets.find((m) => m.id === marketId);
  if (!market)
    throw new MarketNotFoundError(
      `market ${marketId} does not exist on chain ${ctx.chainId}: ids are 1..${book.markets.length} (see \`backstop markets\`)`,
    );
  const { portfolio, mappings } = onchainPortfolio(book, catalogue, {
    calibration: p.calibration,
    assets: ONCHAIN_ASSETS,
    marketIds: [marketId],
  });
  const mapping = mappings.find((m) => m.marketId === String(marketId));
  const started = performance.now();
  const { prices } = await pricePortfolioByPool(portfolio, p.calibration, {
    years: p.years,
    seed: p.seed,
    allocate: (model, o) => allocateTailCapitalParallel(model, { ...o, threads: p.threads }),
  });
  const seconds = (performance.now() - started) / 1000;
  const quote = prices.find((q) => q.marketId === mapping?.profileId);
  if (!mapping || !quote) throw new MarketNotFoundError(`market ${marketId} was not priced`);
  const result = {
    chainId: ctx.chainId,
    marketId: String(marketId),
    name: mapping.termsName,
    onchain: {
      claims: mapping.claims,
      payout: mapping.payout,
      deductibleBps: market.deductibleBps,
      baseRateBps: market.baseRateBps,
      tvc: market.tvc,
    },
    profile: {
      id: mapping.profileId,
      category: mapping.category,
      factsFrom: mapping.factsFrom,
      severity: mapping.severity,
    },
    pools: mapping.pools.map((e) => ({
      ...e,
      capitalUsd: portfolio.pools.find((q) => q.id === e.poolId)?.capitalUsd ?? 0,
    })),
    quote,
    assumptions: mapping.assumptions,
    years: p.years,
    seed: p.seed,
    seconds,
  };
  if (p.json) {
    console.log(toJson(result));
    return 0;
  }
  console.log(
    [
      `market ${result.marketId} ${result.name} on chain ${ctx.chainId}: ${mapping.claims} claims, ${mapping.payout} payout, deductible ${pct(mapping.deductible, 1)}; on-chain base rate ${market.baseRateBps} bps`,
      `profile: ${mapping.category} (facts from the ${mapping.factsFrom === "catalogue" ? "protocol catalogue" : "market's groups"}), loss given event ${JSON.stringify(mapping.severity)}`,
      table(
        ["pool", "capital", "cover priced", ""],
        result.pools.map((e) => [
          e.poolId,
          usd(e.capitalUsd),
          usd(e.coverUsd),
          e.nominal ? "nominal" : "live",
        ]),
      ),
      "",
      table(
        [
          "expected loss",
          "capital cost",
          "expenses",
          "fees",
          "rate bps/yr",
          "capital/cover",
          "base",
          "slope1",
          "slope2",
          "kink",
        ],
        [
          [
            quote.purePremiumBps.toFixed(1),
            quote.capitalChargeBps.toFixed(1),
            quote.expensesBps.toFixed(1),
            quote.feesBps.toFixed(1),
            quote.rateBps,
            quote.capitalPerCover.toFixed(3),
            quote.curve.baseRateBps,
            quote.curve.slope1Bps,
            quote.curve.slope2Bps,
            quote.curve.kinkBps,
          ],
        ],
      ),
      `${p.years.toLocaleString("en-US")} importance-sampled years per pool, seed ${p.seed}, ${seconds.toFixed(1)} s`,
      ...mapping.assumptions.map((a) => `assumed: ${a}`),
    ].join("\n"),
  );
  return 0;
}
