import { formatAmount, getPools, getPosition } from "@backstop/sdk";
import { parseCommand, poolAddressOf, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectRead, signerAddress } from "../context.ts";
import { MissingArgumentError } from "../errors.ts";
import { table } from "../format/table.ts";
import { formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseId } from "../parse.ts";

const USAGE = `usage: backstop position [--pool <id>] [--owner <address>]
An LP's positions (default: the signer's, in every pool): shares and their value in USDC, earned so far
(value + requested + withdrawn - deposited: premium earned less claims paid), and any redemption request
with its state: pending (in cooldown, with when it becomes claimable), claimable (what it pays now), or
blocked (exits closed by an incident, or no free capital).`;

const position: Command = {
  summary: "an LP's shares, value, earnings and redemption requests",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { pool: { type: "string" }, owner: { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const ctx = await connectRead(values);
    const d = ctx.registry();
    const owner = values.owner ? parseAddress("--owner", values.owner) : await signerAddress(ctx, values);
    if (!owner) throw new MissingArgumentError("pass --owner <address> (or --account)");
    const pools = values.pool
      ? [
          {
            id: Number(parseId("--pool", values.pool)),
            address: await poolAddressOf(ctx, d, parseId("--pool", values.pool)),
            name: "",
          },
        ]
      : (await getPools(ctx.publicClient, { markets: d.markets, poolLens: d.poolLens })).map((p) => ({
          id: p.id,
          address: p.address,
          name: p.name,
        }));
    const now = (await ctx.publicClient.getBlock()).timestamp;
    const rows = (
      await Promise.all(
        pools.map(async (p) => {
          const pos = await getPosition(ctx.publicClient, {
            pool: p.address,
            owner,
            fromBlock: BigInt(d.startBlock ?? 0),
          });
          return { poolId: p.id, name: p.name, pool: p.address, ...pos };
        }),
      )
    ).filter((r) => values.pool || r.shares > 0n || r.request.shares > 0n || r.deposited > 0n);
    const requestText = (r: (typeof rows)[number]) =>
      r.requestStatus === "none"
        ? "-"
        : r.requestStatus === "pending"
          ? `${formatAmount(r.request.assets)} pending, claimable ${formatWhen(r.request.claimableAt, now)}`
          : r.requestStatus === "claimable"
            ? `${formatAmount(r.request.maxWithdraw)} claimable now`
            : `${formatAmount(r.request.assets)} blocked (${r.request.exitsOpen ? "no free capital" : "exits closed"})`;
    output(
      values.json,
      {
        owner,
        positions: rows.map((r) => ({
          poolId: r.poolId,
          pool: r.pool,
          shares: r.shares,
          value: r.value,
          deposited: r.deposited,
          withdrawn: r.withdrawn,
          earned: r.earned,
          request: { status: r.requestStatus, ...r.request },
        })),
      },
      () =>
        rows.length === 0
          ? `${owner} has no position in any pool`
          : table(
              ["pool", "name", "shares", "value", "deposited", "withdrawn", "earned", "request"],
              rows.map((r) => [
                String(r.poolId),
                r.name || "-",
                String(r.shares),
                formatAmount(r.value),
                formatAmount(r.deposited),
                formatAmount(r.withdrawn),
                formatAmount(r.earned),
                requestText(r),
              ]),
            ),
    );
    return 0;
  },
};

export default position;
