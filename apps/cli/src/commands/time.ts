import { connectWrite, DEVNET_CHAIN_ID, registryOf } from "../chain/context.ts";
import { heartbeat } from "../chain/feeds.ts";
import { advanceTime } from "../chain/time.ts";
import { parseCommand, printHelp } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { DevnetError } from "../errors.ts";
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
    const ctx = await connectWrite(values["rpc-url"], values["private-key"]);
    if (ctx.chainId !== DEVNET_CHAIN_ID)
      throw new DevnetError("time advance works only on the devnet (`backstop dev`)");
    const now = await advanceTime(ctx.publicClient, seconds);
    const feeds = Object.values(registryOf(ctx.chainId).seed?.feeds ?? {}).flat();
    if (!values["no-heartbeat"]) await heartbeat(ctx.wallet, ctx.publicClient, feeds);
    output(
      values.json,
      { advanced: seconds, now, heartbeats: values["no-heartbeat"] ? 0 : feeds.length },
      () =>
        `advanced ${formatDuration(seconds)}: chain time ${new Date(Number(now) * 1000).toISOString()}${values["no-heartbeat"] ? "" : `; ${feeds.length} feeds re-posted their price`}`,
    );
    return 0;
  },
};

export default time;
