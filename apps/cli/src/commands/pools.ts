import { formatAmount, formatBps, getPools } from "@backstop/sdk";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectRead } from "../context.ts";
import { table } from "../format/table.ts";
import { output } from "../options.ts";
import { formatDuration } from "../parse.ts";

const USAGE =
  "usage: backstop pools [--json]\nLists pools: curator, capital, claim hold, reserves receivable, exposure, locked and free capital,\nfees, leverage, cooldown, timelock, whether exits are open, markets backed.";

const pools: Command = {
  summary: "list pools",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, {}, USAGE);
    if (help) return printHelp(help);
    const ctx = await connectRead(values);
    const d = ctx.registry();
    const list = await getPools(ctx.publicClient, { markets: d.markets, poolLens: d.poolLens });
    output(values.json, list, () =>
      table(
        [
          "id",
          "name",
          "curator",
          "TVL",
          "claim hold",
          "receivable",
          "unearned",
          "exposure",
          "locked",
          "free",
          "fee",
          "leverage",
          "cooldown",
          "timelock",
          "exits",
          "markets",
        ],
        list.map((p) => [
          p.id,
          p.name,
          `${p.curator.slice(0, 10)}…`,
          formatAmount(p.capital),
          formatAmount(p.claimHold),
          formatAmount(p.reserveReceivable),
          formatAmount(p.unearnedPremium),
          formatAmount(p.totalExposure),
          formatAmount(p.lockedCapital),
          formatAmount(p.freeCapital),
          formatBps(BigInt(p.curatorFeeBps)),
          `${(p.leverageBps / 10_000).toFixed(1)}x`,
          formatDuration(p.cooldown),
          formatDuration(p.timelock),
          p.exitsOpen ? "open" : "closed",
          p.backedMarkets.join(","),
        ]),
      ),
    );
    return 0;
  },
};

export default pools;
