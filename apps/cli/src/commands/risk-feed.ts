import { getRiskPrice } from "@backstop/sdk";
import { formatUnits } from "viem";
import { marketOf, parseCommand, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectRead } from "../context.ts";
import { PeripheryNotFoundError } from "../errors.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseId } from "../parse.ts";
import { peripheryOf } from "../periphery.ts";

const USAGE = `usage: backstop risk-feed --market <id> [--feed <addr>]
Reads a market's risk-price feed (Chainlink AggregatorV3: latestRoundData): the annual cover rate the pools
charge now, 8 decimals (1e8 = 100%), computed at read time from PoolLens.currentRateBps.
  --feed <addr>  the RiskPriceFeed (default: the one the deployment records for the market)`;

const riskFeed: Command = {
  summary: "read a market's AggregatorV3 risk-price feed",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { market: { type: "string" }, feed: { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const marketId = parseId("--market", required(values, "market", USAGE));
    const feedArg = values.feed ? parseAddress("--feed", values.feed) : undefined;
    const ctx = await connectRead(values);
    const d = ctx.registry();
    await marketOf(ctx, d, marketId);
    const feed = feedArg ?? peripheryOf(d)?.riskFeeds[String(marketId)];
    if (!feed)
      throw new PeripheryNotFoundError(
        `no risk-price feed is recorded for market ${marketId}: pass --feed <addr> (\`backstop dev\` deploys one per market)`,
      );
    const r = await getRiskPrice(ctx.publicClient, { feed });
    output(values.json, r, () =>
      [
        `${r.description} (${r.feed})`,
        `answer ${r.answer} (${r.decimals} decimals) = ${formatUnits(r.answer * 100n, r.decimals)}% a year (${r.rateBps} bps)`,
        `round ${r.roundId}, updated ${formatTime(r.updatedAt)}`,
      ].join("\n"),
    );
    return 0;
  },
};

export default riskFeed;
