import { marketStateOf } from "@backstop/devnet";
import { formatAmount, formatBps, getMarkets } from "@backstop/sdk";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectRead } from "../context.ts";
import { table } from "../format/table.ts";
import { output } from "../options.ts";
import { formatDuration } from "../parse.ts";

const USAGE =
  "usage: backstop markets [--json]\nLists markets: claim and payout mode, deductible, periods, base rate, state (ACTIVE, FROZEN, TRIGGERED,\nPAUSED, RETIRED: registry status combined with the trigger's), trigger state, pools, TVC.";

const markets: Command = {
  summary: "list markets",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, {}, USAGE);
    if (help) return printHelp(help);
    const ctx = await connectRead(values);
    const d = ctx.registry();
    const list = await getMarkets(ctx.publicClient, { markets: d.markets });
    const rows = await Promise.all(
      list.map(async (m) => {
        const { state, triggerState } = await marketStateOf(ctx.publicClient, m);
        return {
          ...m,
          name: m.termsURI.split("/").pop() ?? "",
          state,
          claims: m.claimMode === 1 ? "assessed" : "parametric",
          payout: m.payoutMode === 1 ? "proportional" : "binary",
          triggerState,
        };
      }),
    );
    output(values.json, rows, () =>
      rows.length === 0
        ? "no markets yet (governance creates them with `backstop market create`)"
        : table(
            [
              "id",
              "name",
              "claims",
              "payout",
              "deductible",
              "period",
              "matures",
              "base rate",
              "state",
              "trigger",
              "pools",
              "TVC",
            ],
            rows.map((m) => [
              String(m.id),
              m.name,
              m.claims,
              m.payout,
              formatBps(BigInt(m.deductibleBps)),
              `${formatDuration(m.minPeriod)}-${formatDuration(m.maxPeriod)}`,
              m.maturationDelay === 0 ? "now" : formatDuration(m.maturationDelay),
              formatBps(BigInt(m.baseRateBps)),
              m.state,
              m.triggerState ?? "-",
              m.pools.join(",") || "-",
              formatAmount(m.tvc),
            ]),
          ),
    );
    return 0;
  },
};

export default markets;
