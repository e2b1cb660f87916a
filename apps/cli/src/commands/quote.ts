import { formatAmount, formatBps, quote as quoteCover } from "@backstop/sdk";
import { connectRead, registryOf } from "../chain/context.ts";
import { marketOf, parseCommand, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { InvalidArgumentError } from "../errors.ts";
import { table } from "../format/table.ts";
import { output } from "../options.ts";
import { parseAmount, parseDuration, parseId } from "../parse.ts";

const USAGE = `usage: backstop quote --market <id> --amount <USDC> --period <30d|90d|seconds> [--pools 0,1]
Prices cover over on-chain state: the cheapest split across pools (core math), priced exactly by PoolLens.quote.`;

export const QUOTE_OPTIONS = {
  market: { type: "string" },
  amount: { type: "string" },
  period: { type: "string" },
  pools: { type: "string" },
} as const;

/** Validates the shared quote/buy options and returns the quote. */
export async function quoteFromArgs(values: Record<string, unknown>, usage: string, rpcUrl?: string) {
  const marketId = parseId("--market", required(values, "market", usage));
  const amount = parseAmount("--amount", required(values, "amount", usage), 6);
  const period = parseDuration("--period", required(values, "period", usage));
  const pools =
    typeof values.pools === "string"
      ? values.pools.split(",").map((p) => Number(parseId("--pools", p)))
      : undefined;
  const ctx = await connectRead(rpcUrl);
  const d = registryOf(ctx.chainId);
  const market = await marketOf(ctx, d, marketId);
  const days = (s: number) => `${s / 86_400}d`;
  if (period < BigInt(market.minPeriod) || period > BigInt(market.maxPeriod))
    throw new InvalidArgumentError(
      "--period",
      String(values.period),
      `between ${days(market.minPeriod)} and ${days(market.maxPeriod)} for market ${marketId}`,
    );
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
    const { marketId, amount, period, q } = await quoteFromArgs(values, USAGE, values["rpc-url"]);
    output(values.json, { marketId, amount, period, ...q }, () =>
      [
        `market ${marketId}: ${formatAmount(amount)} USDC for ${Number(period) / 86_400} days`,
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
