import {
  configurePool,
  createPool,
  formatBps,
  getPoolConfig,
  type PoolChange,
  type PoolChangeResult,
} from "@backstop/sdk";
import { type Address, zeroAddress } from "viem";
import { marketOf, parseCommand, poolAddressOf, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectRead, connectWrite, type Registry } from "../context.ts";
import { InvalidArgumentError } from "../errors.ts";
import { table } from "../format/table.ts";
import { formatSpan, formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseBps, parseDuration, parseId, parseLeverage } from "../parse.ts";

const USAGE = `usage: backstop pool create --name <name> --symbol <SYM> [--fee <bps|%>] [--leverage <3x>] [--cooldown <7d>]
                           [--asset <addr>] [--curator <addr>]
       backstop pool configure --pool <id> [--market <id>:weight=<%>,base=<%>,slope1=<%>,slope2=<%>,kink=<%>[,oracle]]...
                           [--cap <group>=<%>]... [--fee <bps|%>] [--leverage <3x>] [--cooldown <dur>]
                           [--gate <addr|none>] [--timelock <dur>]
       backstop pool show --pool <id>
Curators. create deploys a pool through the factory (permissionless) and registers it. configure sets what the
pool backs and on what terms: per-market weight (capacity = capital x weight) and rate curve, group caps,
fee, leverage, cooldown, deposit gate and timelock. Risk-increasing changes on a pool with shares wait the
pool's timelock (max(timelock, cooldown)): the output says when each takes effect; run the same command again
then to apply it. Changes already in effect are re-sent harmlessly.`;

const OPTIONS = {
  pool: { type: "string" },
  name: { type: "string" },
  symbol: { type: "string" },
  asset: { type: "string" },
  curator: { type: "string" },
  fee: { type: "string" },
  leverage: { type: "string" },
  cooldown: { type: "string" },
  gate: { type: "string" },
  timelock: { type: "string" },
  market: { type: "string", multiple: true },
  cap: { type: "string", multiple: true },
} as const;

type Values = Record<string, unknown> & { json?: boolean };
const str = (values: Values, k: string) =>
  typeof values[k] === "string" ? (values[k] as string) : undefined;

const pool: Command = {
  summary: "curators: create, configure or show a pool",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(argv, OPTIONS, USAGE);
    if (help) return printHelp(help);
    const sub = positionals[0];
    if (sub === "create") return create(values);
    if (sub === "configure") return configure(values);
    if (sub === "show") return show(values);
    throw new UsageError("usage: backstop pool <create|configure|show> (see `backstop pool --help`)");
  },
};

async function create(values: Values & Parameters<typeof connectWrite>[0]) {
  const name = required(values, "name", USAGE);
  const symbol = required(values, "symbol", USAGE);
  const curatorFeeBps = str(values, "fee") ? parseBps("--fee", str(values, "fee") as string, 3_000) : 1_000;
  const leverageBps = str(values, "leverage")
    ? parseLeverage("--leverage", str(values, "leverage") as string)
    : 30_000;
  const cooldown = Number(parseDuration("--cooldown", str(values, "cooldown") ?? "7d"));
  const curator = str(values, "curator")
    ? parseAddress("--curator", str(values, "curator") as string)
    : undefined;
  const ctx = await connectWrite(values);
  const d = ctx.registry();
  const asset: Address | undefined = str(values, "asset")
    ? parseAddress("--asset", str(values, "asset") as string)
    : d.stable;
  if (!asset) throw new UsageError("pass --asset <address>: the deployment records no stablecoin");
  await ctx.confirm(`create pool "${name}" (${symbol})`);
  const r = await createPool(ctx.wallet, {
    poolFactory: d.poolFactory,
    asset,
    name,
    symbol,
    ...(curator ? { curator } : {}),
    curatorFeeBps,
    leverageBps,
    cooldown,
  });
  output(
    values.json,
    {
      action: "create",
      poolId: r.poolId,
      pool: r.pool,
      name,
      symbol,
      curatorFeeBps,
      leverageBps,
      cooldown,
      tx: r.hash,
    },
    () =>
      [
        `pool ${r.poolId} "${name}" (${symbol}) at ${r.pool}: fee ${formatBps(BigInt(curatorFeeBps))}, leverage ${leverageBps / 10_000}x, cooldown ${formatSpan(cooldown)} (tx ${r.hash})`,
        `next: \`backstop pool configure --pool ${r.poolId} --market <id>:weight=50%,base=2%,slope1=3%,slope2=20%,kink=80%\``,
      ].join("\n"),
  );
  return 0;
}

/** "1:weight=50%,base=2%,slope1=3%,slope2=20%,kink=80%,oracle" -> a market change. */
export function parseMarketSpec(raw: string): Extract<PoolChange, { type: "market" }> {
  const expected = "<id>:weight=<%>,base=<%>,slope1=<%>,slope2=<%>,kink=<%>[,oracle]";
  const m = /^(\d+):(.+)$/.exec(raw);
  if (!m) throw new InvalidArgumentError("--market", raw, expected);
  const fields: Record<string, string> = {};
  let followOracle = false;
  for (const part of (m[2] as string).split(",")) {
    if (part === "oracle") {
      followOracle = true;
      continue;
    }
    const [k, v] = part.split("=");
    if (!k || v === undefined) throw new InvalidArgumentError("--market", raw, expected);
    fields[k] = v;
  }
  const need = (k: string, max = 10_000) => {
    const v = fields[k];
    if (v === undefined) throw new InvalidArgumentError("--market", raw, `${expected} (missing ${k})`);
    return parseBps(`--market ${k}`, v, max);
  };
  const unknown = Object.keys(fields).filter(
    (k) => !["weight", "base", "slope1", "slope2", "kink"].includes(k),
  );
  if (unknown.length)
    throw new InvalidArgumentError("--market", raw, `${expected} (unknown ${unknown.join(", ")})`);
  const kinkBps = need("kink");
  if (kinkBps === 0 || kinkBps >= 10_000)
    throw new InvalidArgumentError("--market kink", fields.kink ?? "", "between 0% and 100%, exclusive");
  return {
    type: "market",
    marketId: BigInt(m[1] as string),
    weightBps: need("weight"),
    curve: {
      baseRateBps: need("base", 100_000),
      slope1Bps: need("slope1", 100_000),
      slope2Bps: need("slope2", 100_000),
      kinkBps,
    },
    followOracle,
  };
}

function groupIdOf(d: Registry, raw: string): number {
  const id = /^\d+$/.test(raw) ? Number(raw) : d.groups?.[raw];
  if (id === undefined)
    throw new InvalidArgumentError(
      "--cap",
      raw,
      `a group name or id (known: ${
        Object.entries(d.groups ?? {})
          .map(([n, i]) => `${n}=${i}`)
          .join(", ") || "none recorded"
      })`,
    );
  return id;
}

function describeChange(c: PoolChange): string {
  switch (c.type) {
    case "market":
      return `market ${c.marketId}: weight ${formatBps(BigInt(c.weightBps))}, curve ${formatBps(BigInt(c.curve.baseRateBps))} + ${formatBps(BigInt(c.curve.slope1Bps))} to kink ${formatBps(BigInt(c.curve.kinkBps))}, + ${formatBps(BigInt(c.curve.slope2Bps))} above${c.followOracle ? ", base from the risk oracle" : ""}`;
    case "groupCap":
      return `group ${c.groupId} cap ${formatBps(BigInt(c.capBps))}`;
    case "params":
      return `fee ${formatBps(BigInt(c.curatorFeeBps))}, leverage ${c.leverageBps / 10_000}x, cooldown ${formatSpan(c.cooldown)}, gate ${c.gate === zeroAddress ? "none" : c.gate}`;
    case "timelock":
      return `timelock ${formatSpan(c.timelock)}`;
  }
}

function describeResult(r: PoolChangeResult, now: bigint): string {
  const what = describeChange(r.change);
  switch (r.status) {
    case "applied":
      return `applied  ${what}`;
    case "queued":
      return `queued   ${what}: takes effect when you run this command again after ${formatWhen(r.executableAt ?? 0n, now)}`;
    case "pending":
      return `pending  ${what}: queued earlier; run this command again after ${formatWhen(r.executableAt ?? 0n, now)}`;
  }
}

async function configure(values: Values & Parameters<typeof connectWrite>[0]) {
  const poolId = parseId("--pool", required(values, "pool", USAGE));
  const markets = ((values.market as string[] | undefined) ?? []).map(parseMarketSpec);
  const caps = (values.cap as string[] | undefined) ?? [];
  const paramsGiven = ["fee", "leverage", "cooldown", "gate"].some((k) => str(values, k) !== undefined);
  if (!markets.length && !caps.length && !paramsGiven && !str(values, "timelock"))
    throw new UsageError(
      "nothing to configure: pass --market, --cap, --fee, --leverage, --cooldown, --gate or --timelock",
    );
  const ctx = await connectWrite(values);
  const d = ctx.registry();
  const address = await poolAddressOf(ctx, d, poolId);
  for (const m of markets) await marketOf(ctx, d, m.marketId);
  const current = await getPoolConfig(ctx.publicClient, { pool: address, markets: d.markets });
  const changes: PoolChange[] = [...markets];
  for (const raw of caps) {
    const m = /^([^=]+)=(.+)$/.exec(raw);
    if (!m) throw new InvalidArgumentError("--cap", raw, "<group>=<%>, e.g. stablecoins=40%");
    changes.push({
      type: "groupCap",
      groupId: groupIdOf(d, m[1] as string),
      capBps: parseBps("--cap", m[2] as string),
    });
  }
  if (paramsGiven) {
    const gate = str(values, "gate");
    changes.push({
      type: "params",
      curatorFeeBps: str(values, "fee")
        ? parseBps("--fee", str(values, "fee") as string, 3_000)
        : current.curatorFeeBps,
      leverageBps: str(values, "leverage")
        ? parseLeverage("--leverage", str(values, "leverage") as string)
        : current.leverageBps,
      cooldown: str(values, "cooldown")
        ? Number(parseDuration("--cooldown", str(values, "cooldown") as string))
        : current.cooldown,
      gate: gate === undefined ? current.gate : gate === "none" ? zeroAddress : parseAddress("--gate", gate),
    });
  }
  if (str(values, "timelock"))
    changes.push({
      type: "timelock",
      timelock: Number(parseDuration("--timelock", str(values, "timelock") as string)),
    });
  await ctx.confirm(`configure pool ${poolId} (${changes.length} change${changes.length > 1 ? "s" : ""})`);
  const results = await configurePool(ctx.wallet, { pool: address, changes });
  const now = (await ctx.publicClient.getBlock()).timestamp;
  output(
    values.json,
    {
      poolId,
      changes: results.map((r) => ({
        ...r.change,
        status: r.status,
        changeId: r.changeId,
        ...(r.executableAt !== undefined ? { executableAt: r.executableAt } : {}),
        ...(r.sent ? { tx: r.sent.hash } : {}),
      })),
    },
    () => [`pool ${poolId}:`, ...results.map((r) => `  ${describeResult(r, now)}`)].join("\n"),
  );
  return 0;
}

async function show(values: Values & Parameters<typeof connectRead>[0]) {
  const poolId = parseId("--pool", required(values, "pool", USAGE));
  const ctx = await connectRead(values);
  const d = ctx.registry();
  const address = await poolAddressOf(ctx, d, poolId);
  const c = await getPoolConfig(ctx.publicClient, { pool: address, markets: d.markets });
  const names = Object.fromEntries(Object.entries(d.groups ?? {}).map(([n, i]) => [i, n]));
  output(values.json, { poolId, pool: address, ...c }, () =>
    [
      `pool ${poolId} at ${address}: curator ${c.curator}`,
      `fee ${formatBps(BigInt(c.curatorFeeBps))}, leverage ${c.leverageBps / 10_000}x, cooldown ${formatSpan(c.cooldown)}, timelock ${formatSpan(c.timelock)}, gate ${c.gate === zeroAddress ? "none" : c.gate}${c.hasShares ? "" : " (no shares yet: every change applies at once)"}`,
      c.markets.length
        ? table(
            ["market", "weight", "base", "slope1", "kink", "slope2", "oracle", "listed"],
            c.markets.map((m) => [
              String(m.marketId),
              formatBps(BigInt(m.weightBps)),
              formatBps(BigInt(m.curve.baseRateBps)),
              formatBps(BigInt(m.curve.slope1Bps)),
              formatBps(BigInt(m.curve.kinkBps)),
              formatBps(BigInt(m.curve.slope2Bps)),
              m.followOracle ? "yes" : "no",
              m.listed ? "yes" : "no",
            ]),
          )
        : "backs no market yet",
      `group caps: ${c.groupCaps.map((g) => `${names[g.groupId] ?? g.groupId}=${formatBps(BigInt(g.capBps))}`).join(", ") || "-"}`,
    ].join("\n"),
  );
  return 0;
}

export default pool;
