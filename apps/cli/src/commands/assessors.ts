import { type AssessorGroup, getAssessors, setAssessors } from "@backstop/sdk";
import { type Address, getAddress } from "viem";
import { marketOf, parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectRead, connectWrite } from "../context.ts";
import { InvalidArgumentError, NotReadyError } from "../errors.ts";
import { describeGoverned, governedJson } from "../format/governed.ts";
import { table } from "../format/table.ts";
import { formatSpan } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseDuration, parseId } from "../parse.ts";

const USAGE = `usage: backstop assessors list [--market <id>]
       backstop assessors add --market <id> --assessor <addr> [--assessor <addr>]... [rules]
       backstop assessors remove --market <id> --assessor <addr> [--assessor <addr>]... [rules]
Governance. Assessors vote on challenged or large claims of an assessed market (which sells no cover without
them). Groups are immutable on-chain: add/remove gives the market a group with the new members (reusing one
that matches, else creating it). With a governance delay each step is scheduled; repeat the command after it.
rules (default: the market's current group, else quorum = a majority, 3d vote, 1h late-vote window, 1d cooldown):
  --quorum <n>  --voting-period <dur>  --late-vote-window <dur>  --cooldown <dur>`;

const OPTIONS = {
  market: { type: "string" },
  assessor: { type: "string", multiple: true },
  quorum: { type: "string" },
  "voting-period": { type: "string" },
  "late-vote-window": { type: "string" },
  cooldown: { type: "string" },
} as const;

const assessors: Command = {
  summary: "governance: list, add or remove a market's assessors",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(argv, OPTIONS, USAGE);
    if (help) return printHelp(help);
    const sub = positionals[0] ?? "list";
    if (sub === "list") {
      const ctx = await connectRead(values);
      const d = ctx.registry();
      const marketId = values.market ? parseId("--market", values.market) : undefined;
      if (marketId !== undefined) await marketOf(ctx, d, marketId);
      const r = await getAssessors(ctx.publicClient, {
        assessedClaims: d.assessedClaims,
        fromBlock: BigInt(d.startBlock ?? 0),
        ...(marketId !== undefined ? { marketId } : {}),
      });
      const groups =
        marketId === undefined ? r.groups : r.groups.filter((g) => g.groupId === r.marketGroupId);
      output(
        values.json,
        { ...(marketId !== undefined ? { marketId, groupId: r.marketGroupId } : {}), groups },
        () =>
          groups.length === 0
            ? marketId !== undefined
              ? `market ${marketId} has no assessors: \`backstop assessors add --market ${marketId} --assessor <address>\``
              : "no assessor groups yet"
            : table(
                ["group", "quorum", "vote", "late window", "cooldown", "members"],
                groups.map((g) => [
                  String(g.groupId),
                  `${g.quorum}/${g.members.length}`,
                  formatSpan(g.votingPeriod),
                  formatSpan(g.lateVoteWindow),
                  formatSpan(g.cooldown),
                  g.members.join(" "),
                ]),
              ),
      );
      return 0;
    }
    if (sub !== "add" && sub !== "remove")
      throw new UsageError("usage: backstop assessors <list|add|remove> (see `backstop assessors --help`)");
    const marketId = parseId("--market", required(values, "market", USAGE));
    const given = (values.assessor ?? []).map((a) => parseAddress("--assessor", a));
    if (given.length === 0) throw new UsageError(`assessors ${sub} needs --assessor <address>`);
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const market = await marketOf(ctx, d, marketId);
    if (market.claimMode !== "assessed")
      throw new NotReadyError(`market ${marketId} is parametric: only assessed markets have assessors`);
    const { groups, marketGroupId } = await getAssessors(ctx.publicClient, {
      assessedClaims: d.assessedClaims,
      marketId,
      fromBlock: BigInt(d.startBlock ?? 0),
    });
    const current: AssessorGroup | undefined = groups.find((g) => g.groupId === marketGroupId);
    const members = new Set<Address>(current?.members ?? []);
    for (const a of given) {
      if (sub === "add") members.add(getAddress(a));
      else if (!members.delete(getAddress(a)))
        throw new NotReadyError(`${a} is not an assessor of market ${marketId}`);
    }
    if (members.size === 0)
      throw new NotReadyError(
        `removing every assessor of market ${marketId} would leave its claims undecidable`,
      );
    const num = (k: "quorum", fallback: number) => {
      const v = values[k];
      if (v === undefined) return fallback;
      if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError(`--${k}`, v, "a positive integer");
      return Number(v);
    };
    const dur = (k: "voting-period" | "late-vote-window" | "cooldown", fallback: number) =>
      values[k] === undefined ? fallback : Number(parseDuration(`--${k}`, values[k] as string));
    const majority = Math.floor(members.size / 2) + 1;
    const rules = {
      quorum: num("quorum", Math.min(current?.quorum ?? majority, members.size)),
      votingPeriod: dur("voting-period", current?.votingPeriod ?? 3 * 86_400),
      lateVoteWindow: dur("late-vote-window", current?.lateVoteWindow ?? 3_600),
      cooldown: dur("cooldown", current?.cooldown ?? 86_400),
    };
    if (rules.quorum > members.size)
      throw new InvalidArgumentError("--quorum", String(rules.quorum), `at most the ${members.size} members`);
    await ctx.confirm(
      `${sub} ${given.length} assessor(s) for market ${marketId} (${members.size} members, quorum ${rules.quorum})`,
    );
    const r = await setAssessors(ctx.wallet, {
      assessedClaims: d.assessedClaims,
      accessManager: d.accessManager,
      marketId,
      members: [...members],
      rules,
    });
    const now = (await ctx.publicClient.getBlock()).timestamp;
    output(
      values.json,
      {
        action: sub,
        marketId,
        members: [...members],
        ...rules,
        ...(r.groupId !== undefined ? { groupId: r.groupId } : {}),
        done: r.done,
        steps: r.steps.map((s) => ({ call: s.call, ...governedJson(s.result) })),
      },
      () =>
        [
          ...r.steps.map((s) => describeGoverned(s.call, s.result, now)),
          r.done
            ? `market ${marketId} assessors: group ${r.groupId} (${members.size} members, quorum ${rules.quorum})`
            : `not done yet: run the same command again after the delay`,
        ].join("\n"),
    );
    return 0;
  },
};

export default assessors;
