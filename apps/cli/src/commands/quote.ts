import { formatAmount, formatBps, quote as quoteCover } from "@backstop/sdk";
import { assertInsurable, marketOf, parseCommand, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { type ChainValues, connectRead, type ReadContext } from "../context.ts";
import { InvalidArgumentError } from "../errors.ts";
import { table } from "../format/table.ts";
import { output } from "../options.ts";
import { formatDuration, parseAmount, parseDuration, parseId } from "../parse.ts";

const USAGE = `usage: backstop quote --market <id> --amount <USDC> --period <30d|90d|seconds> [--pools 0,1]
Prices cover over on-chain state: the cheapest split across pools (core math), priced exactly by PoolLens.quote.
Refuses (exit 1, MARKET_FROZEN / MARKET_TRIGGERED / MARKET_PAUSED / MARKET_RETIRED) a market that sells no cover.`;

export const QUOTE_OPTIONS = {
  market: { type: "string" },
  amount: { type: "string" },
  period: { type: "string" },
  pools: { type: "string" },
} as const;

/** Validates the shared quote/buy options, checks the market sells cover, and returns the quote. */
export async function quoteFromArgs(
  values: Record<string, unknown> & ChainValues,
  usage: string,
  connected?: ReadContext,
) {
  const marketId = parseId("--market", required(values, "market", usage));
  const amount = parseAmount("--amount", required(values, "amount", usage), 6);
  const period = parseDuration("--period", required(values, "period", usage));
  const pools =
    typeof values.pools === "string"
      ? values.pools.split(",").map((p) => Number(parseId("--pools", p)))
      : undefined;
  const ctx = connected ?? (await connectRead(values));
  const d = ctx.registry();
  const market = await marketOf(ctx, d, marketId);
  if (period < BigInt(market.minPeriod) || period > BigInt(market.maxPeriod))
    throw new InvalidArgumentError(
      "--period",
      String(values.period),
      `between ${formatDuration(market.minPeriod)} and ${formatDuration(market.maxPeriod)} for market ${marketId}`,
    );
  assertInsurable(market);
  const q = await quoteCover(ctx.publicClient, {
    markets: d.markets,
    poolLens: d.poolLens,
    marketId,
    amount,
    period,
    ...(pools ? { pools, ordering: "given" as const } : {}),
  });
  return { ctx, d, marketId, amount, period, q };
}

const quote: Command = {
  summary: "price cover across pools",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, QUOTE_OPTIONS, USAGE);
    if (help) return printHelp(help);
    const { marketId, amount, period, q } = await quoteFromArgs(values, USAGE);
    output(values.json, { marketId, amount, period, ...q }, () =>
      [
        `market ${marketId}: ${formatAmount(amount)} USDC for ${formatDuration(period)}`,
        q.filled < amount
          ? `only ${formatAmount(q.filled)} USDC of capacity is free: buying more would revert`
          : "",
        `premium ${formatAmount(q.premium)} USDC (${formatBps(q.averageRateBps)} a year), pay at most ${formatAmount(q.total)}`,
        table(
          ["pool", "cover", "premium"],
          q.allocation.map((s) => [s.poolId, formatAmount(s.filled), formatAmount(s.premium)]),
        ),
        `pool order for buy: ${q.pools.join(",")}`,
      ]
        .filter(Boolean)
        .join("\n"),
    );
    return 0;
  },
};

export default quote;
