import { formatAmount, getClaim, getClaims } from "@backstop/sdk";
import { zeroAddress } from "viem";
import { parseCommand, printHelp } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectRead } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { table } from "../format/table.ts";
import { formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress, parseId } from "../parse.ts";

const USAGE = `usage: backstop claims [list] [--market <id>] [--policy <id>] [--claimant <address>]
       backstop claims show <id>
Assessed claims with their status (FAST_TRACK, VOTING, APPROVED, DENIED, VOIDED, PAID), amount, votes and
deadlines. Challenge a fast-track claim with \`backstop challenge --claim <id>\`; assessors vote with
\`backstop vote\`.`;

const claims: Command = {
  summary: "list or show assessed claims",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      {
        market: { type: "string" },
        policy: { type: "string" },
        claimant: { type: "string" },
        claim: { type: "string" },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    const sub = positionals[0] ?? "list";
    if (sub !== "list" && sub !== "show")
      throw new UsageError("usage: backstop claims [list|show <id>] (see --help)");
    const ctx = await connectRead(values);
    const d = ctx.registry();
    const now = (await ctx.publicClient.getBlock()).timestamp;
    if (sub === "show") {
      const claimId = parseId("claim id", positionals[1] ?? values.claim);
      const c = await getClaim(ctx.publicClient, { assessedClaims: d.assessedClaims, claimId }).catch(
        () => undefined,
      );
      if (!c || c.status === "NONE")
        throw new NotReadyError(`claim #${claimId} does not exist (see \`backstop claims\`)`);
      output(values.json, c, () =>
        [
          `claim #${c.claimId} on policy #${c.policyId} (market ${c.marketId}): ${c.status}`,
          `amount ${formatAmount(c.amount)} USDC, deposit ${formatAmount(c.deposit)}, claimant ${c.claimant}`,
          c.status === "FAST_TRACK"
            ? `challenge window ends ${formatWhen(c.deadline, now)} (approved unless challenged)`
            : c.status === "VOTING"
              ? `vote ends ${formatWhen(c.deadline, now)}: yes ${c.yes}, no ${c.no}`
              : c.status === "APPROVED"
                ? `payable ${formatWhen(c.payableAt, now)} (votes yes ${c.yes}, no ${c.no})`
                : `votes yes ${c.yes}, no ${c.no}`,
          c.challenger !== zeroAddress ? `challenged by ${c.challenger} (bond ${formatAmount(c.bond)})` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
      return 0;
    }
    const list = await getClaims(ctx.publicClient, {
      assessedClaims: d.assessedClaims,
      ...(values.market ? { marketId: parseId("--market", values.market) } : {}),
      ...(values.policy ? { policyId: parseId("--policy", values.policy) } : {}),
      ...(values.claimant ? { claimant: parseAddress("--claimant", values.claimant) } : {}),
    });
    output(values.json, list, () =>
      list.length === 0
        ? "no assessed claims"
        : table(
            ["claim", "policy", "market", "status", "amount", "votes", "deadline", "payable"],
            list.map((c) => [
              `#${c.claimId}`,
              `#${c.policyId}`,
              String(c.marketId),
              c.status,
              formatAmount(c.amount),
              `${c.yes}/${c.no}`,
              c.status === "FAST_TRACK" || c.status === "VOTING" ? formatWhen(c.deadline, now) : "-",
              c.status === "APPROVED" ? formatWhen(c.payableAt, now) : "-",
            ]),
          ),
    );
    return 0;
  },
};

export default claims;
