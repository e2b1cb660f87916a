import { deployTrigger, readTrigger, type TriggerSpec } from "@backstop/sdk";
import { parseUnits } from "viem";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectRead, connectWrite } from "../context.ts";
import { InvalidArgumentError } from "../errors.ts";
import { output } from "../options.ts";
import { parseAddress, parseAmount, parseDuration, parsePrice } from "../parse.ts";

const USAGE = `usage: backstop trigger deploy --kind committee --member <addr>... --threshold <n> --vetoer <addr> --challenge-period <dur>
       backstop trigger deploy --kind optimistic --bond <USDC> --liveness <dur> --resolver <addr> [--bond-token <addr>]
       backstop trigger deploy --kind peg --feed <addr>... --trigger-price <0.995> --recovery-price <0.999> --window <24h>
                               [--peg 1] [--max-staleness 25h] [--min-fresh-feeds <n>] [--sequencer-feed <addr> --grace-period <dur>]
       backstop trigger deploy --kind drain --source <token> --holder <addr> --max-drop <30%> --window <24h> --buckets <n> --confirm-delay <dur>
       backstop trigger show --trigger <addr>
Deploys a trigger for a parametric market (permissionless), then: \`backstop market create --claims parametric
--trigger <address> ...\`. committee: threshold members attest an incident, which fires after the challenge period
unless the vetoer objects. optimistic: anyone proposes an incident with a bond; it stands after the liveness
unless disputed to the resolver (the AssessedClaims contract puts disputes to the market's assessors). peg: fires
when the feeds stay below the trigger price for the window without recovering. drain: fires when the holder's
balance of the source token drops by more than --max-drop within the window.`;

const OPTIONS = {
  kind: { type: "string" },
  trigger: { type: "string" },
  member: { type: "string", multiple: true },
  threshold: { type: "string" },
  vetoer: { type: "string" },
  "challenge-period": { type: "string" },
  bond: { type: "string" },
  "bond-token": { type: "string" },
  liveness: { type: "string" },
  resolver: { type: "string" },
  feed: { type: "string", multiple: true },
  peg: { type: "string" },
  "trigger-price": { type: "string" },
  "recovery-price": { type: "string" },
  window: { type: "string" },
  "max-staleness": { type: "string" },
  "min-fresh-feeds": { type: "string" },
  "sequencer-feed": { type: "string" },
  "grace-period": { type: "string" },
  source: { type: "string" },
  holder: { type: "string" },
  "max-drop": { type: "string" },
  buckets: { type: "string" },
  "confirm-delay": { type: "string" },
} as const;

function count(option: string, raw: string): bigint {
  if (!/^[1-9]\d*$/.test(raw)) throw new InvalidArgumentError(option, raw, "a positive integer");
  return BigInt(raw);
}

const trigger: Command = {
  summary: "deploy or show a parametric market's trigger",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(argv, OPTIONS, USAGE);
    if (help) return printHelp(help);
    const sub = positionals[0];
    if (sub === "show") {
      const address = parseAddress("--trigger", required(values, "trigger", USAGE));
      const ctx = await connectRead(values);
      const t = await readTrigger(ctx.publicClient, { trigger: address });
      output(values.json, { trigger: address, ...t }, () => `${t.kind} trigger ${address}: ${t.state}`);
      return 0;
    }
    if (sub !== "deploy")
      throw new UsageError("usage: backstop trigger <deploy|show> (see `backstop trigger --help`)");
    const v = (k: keyof typeof OPTIONS) => required(values, k, USAGE);
    const dur = (k: keyof typeof OPTIONS) => parseDuration(`--${k}`, v(k));
    const kind = v("kind");
    const addresses = (k: "member" | "feed") => {
      const list = (values[k] ?? []).map((a) => parseAddress(`--${k}`, a));
      if (list.length === 0) throw new UsageError(`a ${kind} trigger needs --${k} <address> (repeatable)`);
      return list;
    };
    let spec: TriggerSpec;
    let ctx: Awaited<ReturnType<typeof connectWrite>> | undefined;
    switch (kind) {
      case "committee":
        spec = {
          kind,
          members: addresses("member"),
          threshold: count("--threshold", v("threshold")),
          vetoer: parseAddress("--vetoer", v("vetoer")),
          challengePeriod: dur("challenge-period"),
        };
        break;
      case "optimistic": {
        ctx = await connectWrite(values);
        const bondToken = values["bond-token"]
          ? parseAddress("--bond-token", values["bond-token"])
          : ctx.registry().stable;
        if (!bondToken)
          throw new UsageError("pass --bond-token <address>: the deployment records no stablecoin");
        spec = {
          kind,
          bondToken,
          bond: parseAmount("--bond", v("bond"), 6),
          liveness: dur("liveness"),
          resolver: parseAddress("--resolver", v("resolver")),
        };
        break;
      }
      case "peg": {
        const feeds = addresses("feed");
        spec = {
          kind,
          feeds,
          peg: parsePrice("--peg", values.peg ?? "1"),
          triggerPrice: parsePrice("--trigger-price", v("trigger-price")),
          recoveryPrice: parsePrice("--recovery-price", v("recovery-price")),
          window: dur("window"),
          maxStaleness: parseDuration("--max-staleness", values["max-staleness"] ?? "25h"),
          minFreshFeeds: values["min-fresh-feeds"]
            ? count("--min-fresh-feeds", values["min-fresh-feeds"])
            : BigInt(Math.floor(feeds.length / 2) + 1),
          ...(values["sequencer-feed"]
            ? {
                sequencerFeed: parseAddress("--sequencer-feed", values["sequencer-feed"]),
                gracePeriod: dur("grace-period"),
              }
            : {}),
        };
        break;
      }
      case "drain": {
        const drop = /^(\d+(?:\.\d+)?)%$/.exec(v("max-drop"));
        if (!drop || Number(drop[1]) <= 0 || Number(drop[1]) >= 100)
          throw new InvalidArgumentError(
            "--max-drop",
            v("max-drop"),
            "a percentage between 0% and 100%, e.g. 30%",
          );
        spec = {
          kind,
          source: parseAddress("--source", v("source")),
          holder: parseAddress("--holder", v("holder")),
          maxDropWad: parseUnits(drop[1] as string, 16),
          window: dur("window"),
          bucketCount: count("--buckets", v("buckets")),
          confirmDelay: dur("confirm-delay"),
        };
        break;
      }
      default:
        throw new InvalidArgumentError("--kind", kind, "committee, optimistic, peg or drain");
    }
    ctx ??= await connectWrite(values);
    await ctx.confirm(`deploy a ${kind} trigger`);
    const r = await deployTrigger(ctx.wallet, spec);
    output(values.json, { kind, trigger: r.trigger, tx: r.hash }, () =>
      [
        `${kind} trigger at ${r.trigger} (tx ${r.hash})`,
        `next: \`backstop market create --claims parametric --trigger ${r.trigger} --name <name> --groups <g> --base-rate <%>\``,
      ].join("\n"),
    );
    return 0;
  },
};

export default trigger;
