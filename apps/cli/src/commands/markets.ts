import { formatAmount, formatBps, getMarkets } from "@backstop/sdk";
import { zeroAddress } from "viem";
import { connectRead, registryOf } from "../chain/context.ts";
import { readTrigger } from "../chain/trigger.ts";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { table } from "../format/table.ts";
import { output } from "../options.ts";
import { formatDuration } from "../parse.ts";

const USAGE =
  "usage: backstop markets [--json]\nLists markets: claim and payout mode, deductible, periods, base rate, pools, TVC, trigger state.";
const STATUS = ["NONE", "ACTIVE", "PAUSED", "TRIGGERED", "RETIRED"];

const markets: Command = {
  summary: "list markets",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, {}, USAGE);
    if (help) return printHelp(help);
    const ctx = await connectRead(values["rpc-url"]);
    const d = registryOf(ctx.chainId);
    const list = await getMarkets(ctx.publicClient, { markets: d.markets });
    const rows = await Promise.all(
      list.map(async (m) => ({
        ...m,
        name: m.termsURI.split("/").pop() ?? "",
        statusName: STATUS[m.status],
        claims: m.claimMode === 1 ? "assessed" : "parametric",
        payout: m.payoutMode === 1 ? "proportional" : "binary",
        triggerState:
          m.trigger === zeroAddress ? undefined : (await readTrigger(ctx.publicClient, m.trigger)).state,
      })),
    );
    output(values.json, rows, () =>
      table(
        [
          "id",
          "name",
          "claims",
          "payout",
          "deductible",
          "period",
          "matures",
          "base rate",
          "status",
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
          m.statusName ?? "",
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
