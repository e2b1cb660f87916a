import { readFeed, setMockFeedAnswer } from "@backstop/sdk";
import { formatUnits } from "viem";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectWrite, LOCAL_CHAIN_ID } from "../context.ts";
import { DevnetError } from "../errors.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { parsePrice } from "../parse.ts";

const USAGE = `usage: backstop feed set --asset <USDC|USDT> --price <0.97> [--feeds 2]
       backstop feed show
Devnet only: posts a new round on the mock Chainlink feeds of a pegged asset (all of them, or the first --feeds).
The keeper pokes the peg trigger: below $0.995 opens a de-peg candidate (the market is FROZEN: no cover sold);
it fires if no $0.999 recovery arrives within the window (advance time with \`backstop time advance 25h\`).`;

const feed: Command = {
  summary: "devnet: set or show the mock price feeds",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      { asset: { type: "string" }, price: { type: "string" }, feeds: { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const sub = positionals[0];
    if (sub !== "set" && sub !== "show") throw new UsageError("usage: backstop feed <set|show> (see --help)");
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const all = d.seed?.feeds;
    if (ctx.chainId !== LOCAL_CHAIN_ID || !all)
      throw new DevnetError("feed is a devnet command: its mock feeds exist only on `backstop dev`");
    if (sub === "show") {
      const rows: Record<string, string[]> = {};
      for (const [asset, list] of Object.entries(all))
        rows[asset] = await Promise.all(
          list.map(async (f) => formatUnits((await readFeed(ctx.publicClient, { feed: f })).answer, 8)),
        );
      output(values.json, rows, () =>
        Object.entries(rows)
          .map(([a, p]) => `${a}: ${p.map((x) => `$${x}`).join("  ")}`)
          .join("\n"),
      );
      return 0;
    }
    const asset = required(values, "asset", USAGE).toUpperCase();
    const list = all[asset];
    if (!list) throw new UsageError(`unknown --asset "${asset}": one of ${Object.keys(all).join(", ")}`);
    const price = parsePrice("--price", required(values, "price", USAGE));
    const count = values.feeds ? Number(values.feeds) : list.length;
    if (!Number.isInteger(count) || count < 1 || count > list.length)
      throw new UsageError(`invalid --feeds "${values.feeds}": expected 1..${list.length}`);
    await setMockFeedAnswer(ctx.wallet, { feeds: list.slice(0, count), answer: price });
    const block = await ctx.publicClient.getBlock();
    output(
      values.json,
      { asset, price: formatUnits(price, 8), feeds: list.slice(0, count), at: block.timestamp },
      () =>
        `${asset}: ${count} of ${list.length} feeds at $${formatUnits(price, 8)} (block time ${formatTime(block.timestamp)})`,
    );
    return 0;
  },
};

export default feed;
