import { increaseTime, readFeed, setMockFeedAnswer } from "@backstop/sdk";
import { parseCommand, printHelp } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectWrite, LOCAL_CHAIN_ID } from "../context.ts";
import { DevnetError } from "../errors.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { formatDuration, parseDuration } from "../parse.ts";

const USAGE = `usage: backstop time advance <25h|30d|seconds> [--no-heartbeat]
Devnet only: moves the chain clock forward and mines a block, then re-posts every mock feed's price as a new
round (a Chainlink heartbeat) so the peg triggers see fresh prices; --no-heartbeat leaves the feeds stale.`;

const time: Command = {
  summary: "devnet: advance the chain clock",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      { "no-heartbeat": { type: "boolean", default: false } },
      USAGE,
    );
    if (help) return printHelp(help);
    if (positionals[0] !== "advance" || !positionals[1])
      throw new UsageError("usage: backstop time advance <duration>");
    const seconds = parseDuration("duration", positionals[1]);
    const ctx = await connectWrite(values);
    if (ctx.chainId !== LOCAL_CHAIN_ID)
      throw new DevnetError("time advance works only on a local development chain (`backstop dev`)");
    const now = await increaseTime(ctx.publicClient, { seconds });
    let feeds: `0x${string}`[] = [];
    try {
      feeds = Object.values(ctx.registry().seed?.feeds ?? {}).flat();
    } catch {
      // No deployment recorded: nothing to re-post.
    }
    if (!values["no-heartbeat"])
      for (const feed of feeds) {
        const { answer } = await readFeed(ctx.publicClient, { feed });
        await setMockFeedAnswer(ctx.wallet, { feeds: [feed], answer });
      }
    output(
      values.json,
      { advanced: seconds, now, heartbeats: values["no-heartbeat"] ? 0 : feeds.length },
      () =>
        `advanced ${formatDuration(seconds)}: chain time ${formatTime(now)}${values["no-heartbeat"] ? "" : `; ${feeds.length} feeds re-posted their price`}`,
    );
    return 0;
  },
};

export default time;
