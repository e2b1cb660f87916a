import { formatStatus, readStatus } from "@backstop/devnet";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectRead } from "../context.ts";
import { output } from "../options.ts";

const USAGE =
  "usage: backstop status [--json]\nTVL, exposure and utilisation per pool; TVC, state (ACTIVE, FROZEN, TRIGGERED, PAUSED, RETIRED) and trigger per market.";

const status: Command = {
  summary: "TVL, TVC and utilisation per pool and market",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, {}, USAGE);
    if (help) return printHelp(help);
    const ctx = await connectRead(values);
    const s = await readStatus(ctx.publicClient, ctx.registry());
    output(values.json, s, () => formatStatus(s));
    return 0;
  },
};

export default status;
