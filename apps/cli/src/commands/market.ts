import { createMarket, pauseMarket, retireMarket, unpauseMarket } from "@backstop/sdk";
import { type Address, zeroAddress } from "viem";
import { marketOf, parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { type ChainValues, connectWrite, type Registry } from "../context.ts";
import { InvalidArgumentError } from "../errors.ts";
import { describeGoverned, governedJson } from "../format/governed.ts";
import { output } from "../options.ts";
import { parseAddress, parseAmount, parseBps, parseDuration, parseId } from "../parse.ts";

const USAGE = `usage: backstop market create --name <name> --claims <parametric|assessed> [--trigger <addr>] --groups <g1,g2>
                             --base-rate <bps|%> [options]
       backstop market pause|unpause|retire --market <id>
Governance (pause: the guardian). With a governance delay the call is scheduled on the AccessManager; the
output says when it may run; repeat the same command then to execute it.
create options:
  --name <name>               terms name (terms URI ipfs://backstop-terms/<name> unless --terms)
  --terms <uri>               the terms document
  --claims <mode>             parametric (a trigger decides) or assessed (claims and assessors)
  --trigger <addr>            the ITrigger of a parametric market
  --payout <mode>             binary (default) or proportional (to the trigger's payout ratio)
  --asset <addr>              cover asset (default: the deployment's stablecoin)
  --groups <list>             correlation groups, by name or id (see the deployment's groups)
  --base-rate <bps|%>         annual base rate; --min-rate / --max-rate bound the risk oracle (default /4, x4)
  --max-rate-change <bps|%>   the oracle's largest daily move (default 50 bps)
  --deductible <bps|%>        share of each payout the holder bears (default 0)
  --maturation <duration>     delay between purchase and cover start (default 0)
  --min-period <duration>     shortest cover (default 7d); --max-period longest (default 365d)
  --claim-window <duration>   claims accepted this long after settlement (default 30d)
  --fast-track-limit <USDC>   assessed: claims up to this take the fast track (default 0)`;

const OPTIONS = {
  market: { type: "string" },
  name: { type: "string" },
  terms: { type: "string" },
  claims: { type: "string" },
  trigger: { type: "string" },
  payout: { type: "string" },
  asset: { type: "string" },
  groups: { type: "string" },
  "base-rate": { type: "string" },
  "min-rate": { type: "string" },
  "max-rate": { type: "string" },
  "max-rate-change": { type: "string" },
  deductible: { type: "string" },
  maturation: { type: "string" },
  "min-period": { type: "string" },
  "max-period": { type: "string" },
  "claim-window": { type: "string" },
  "fast-track-limit": { type: "string" },
} as const;

/** A group mask from names or ids. */
export function groupMask(d: Registry, raw: string): bigint {
  const groups = d.groups ?? {};
  let mask = 0n;
  for (const g of raw
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)) {
    const id = /^\d+$/.test(g) ? Number(g) : groups[g];
    if (id === undefined || id > 63)
      throw new InvalidArgumentError(
        "--groups",
        g,
        `a group name or id (known: ${
          Object.entries(groups)
            .map(([n, i]) => `${n}=${i}`)
            .join(", ") || "none recorded"
        })`,
      );
    mask |= 1n << BigInt(id);
  }
  if (mask === 0n) throw new InvalidArgumentError("--groups", raw, "at least one group");
  return mask;
}

const market: Command = {
  summary: "governance: create, pause, unpause or retire a market",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(argv, OPTIONS, USAGE);
    if (help) return printHelp(help);
    const sub = positionals[0];
    if (sub === "create") return create(values);
    if (sub === "pause" || sub === "unpause" || sub === "retire") {
      const marketId = parseId("--market", required(values, "market", USAGE));
      const ctx = await connectWrite(values);
      const d = ctx.registry();
      await marketOf(ctx, d, marketId);
      await ctx.confirm(`${sub} market ${marketId}`);
      const action = { pause: pauseMarket, unpause: unpauseMarket, retire: retireMarket }[sub];
      const r = await action(ctx.wallet, { markets: d.markets, accessManager: d.accessManager, marketId });
      const now = (await ctx.publicClient.getBlock()).timestamp;
      const after = r.status === "executed" ? (await marketOf(ctx, d, marketId)).state : undefined;
      output(
        values.json,
        { action: sub, marketId, ...governedJson(r), ...(after ? { state: after } : {}) },
        () =>
          describeGoverned(`${sub} market ${marketId}`, r, now) +
          (after ? `; market ${marketId} is ${after}` : ""),
      );
      return 0;
    }
    throw new UsageError(
      "usage: backstop market <create|pause|unpause|retire> (see `backstop market --help`)",
    );
  },
};

async function create(values: Record<string, unknown> & ChainValues & { json?: boolean }) {
  const str = (k: keyof typeof OPTIONS) =>
    typeof values[k] === "string" ? (values[k] as string) : undefined;
  const name = str("name");
  const terms = str("terms") ?? (name ? `ipfs://backstop-terms/${name}` : undefined);
  if (!terms) throw new UsageError("market create needs --name <name> or --terms <uri>");
  const claims = required(values, "claims", USAGE);
  if (claims !== "parametric" && claims !== "assessed")
    throw new InvalidArgumentError("--claims", claims, "parametric or assessed");
  const payout = str("payout") ?? "binary";
  if (payout !== "binary" && payout !== "proportional")
    throw new InvalidArgumentError("--payout", payout, "binary or proportional");
  const trigger = str("trigger") ? parseAddress("--trigger", str("trigger") as string) : undefined;
  if (claims === "parametric" && (!trigger || trigger === zeroAddress))
    throw new UsageError("a parametric market needs --trigger <address> (an ITrigger contract)");
  if (claims === "assessed" && trigger) throw new UsageError("an assessed market takes no --trigger");
  const baseRateBps = parseBps("--base-rate", required(values, "base-rate", USAGE), 100_000);
  const groupsRaw = required(values, "groups", USAGE);
  const dur = (k: "maturation" | "min-period" | "max-period" | "claim-window", dflt: number) =>
    str(k) === undefined ? dflt : str(k) === "0" ? 0 : Number(parseDuration(`--${k}`, str(k) as string));
  const params = {
    claimMode: claims,
    payoutMode: payout,
    trigger,
    baseRateBps,
    minBaseRateBps: str("min-rate") ? parseBps("--min-rate", str("min-rate") as string, 100_000) : undefined,
    maxBaseRateBps: str("max-rate") ? parseBps("--max-rate", str("max-rate") as string, 100_000) : undefined,
    maxRateChangePerDayBps: str("max-rate-change")
      ? parseBps("--max-rate-change", str("max-rate-change") as string)
      : undefined,
    deductibleBps: str("deductible") ? parseBps("--deductible", str("deductible") as string) : 0,
    maturationDelay: dur("maturation", 0),
    minPeriod: dur("min-period", 7 * 86_400),
    maxPeriod: dur("max-period", 365 * 86_400),
    claimWindow: dur("claim-window", 30 * 86_400),
    fastTrackLimit: str("fast-track-limit")
      ? parseAmount("--fast-track-limit", str("fast-track-limit") as string, 6, true)
      : 0n,
  } as const;
  const ctx = await connectWrite(values);
  const d = ctx.registry();
  const asset: Address | undefined = str("asset")
    ? parseAddress("--asset", str("asset") as string)
    : d.stable;
  if (!asset) throw new UsageError("pass --asset <address>: the deployment records no stablecoin");
  const groups = groupMask(d, groupsRaw);
  await ctx.confirm(`create the ${claims} market "${terms}"`);
  const r = await createMarket(ctx.wallet, {
    markets: d.markets,
    accessManager: d.accessManager,
    asset,
    termsURI: terms,
    groups,
    ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
  } as Parameters<typeof createMarket>[1]);
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const what =
    r.marketId !== undefined ? `market #${r.marketId} created ("${terms}")` : `create market "${terms}"`;
  output(
    values.json,
    {
      action: "create",
      ...(r.marketId !== undefined ? { marketId: r.marketId } : {}),
      termsURI: terms,
      ...governedJson(r),
    },
    () =>
      [
        describeGoverned(what, r, now),
        r.marketId !== undefined && claims === "assessed"
          ? `an assessed market sells no cover until it has assessors: \`backstop assessors add --market ${r.marketId} --assessor <address>\``
          : "",
      ]
        .filter(Boolean)
        .join("\n"),
  );
  return 0;
}

export default market;
