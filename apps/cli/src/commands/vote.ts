import { vote as castVote, getClaim } from "@backstop/sdk";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectWrite } from "../context.ts";
import { formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseId } from "../parse.ts";

const USAGE =
  "usage: backstop vote --claim <id> (--approve | --reject)\nCasts an assessor's vote on a challenged or large assessed claim.";

const vote: Command = {
  summary: "vote on an assessed claim (assessors)",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      {
        claim: { type: "string" },
        approve: { type: "boolean", default: false },
        reject: { type: "boolean", default: false },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    const claimId = parseId("--claim", required(values, "claim", USAGE));
    if (values.approve === values.reject) throw new UsageError("pass exactly one of --approve or --reject");
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    await ctx.confirm(`vote ${values.approve ? "approve" : "reject"} on claim #${claimId}`);
    const r = await castVote(ctx.wallet, {
      assessedClaims: d.assessedClaims,
      claimId,
      approve: values.approve === true,
    });
    const c = await getClaim(ctx.publicClient, { assessedClaims: d.assessedClaims, claimId });
    const now = (await ctx.publicClient.getBlock()).timestamp;
    output(
      values.json,
      { claimId, approve: values.approve, yes: c.yes, no: c.no, deadline: c.deadline, tx: r.hash },
      () =>
        `voted ${values.approve ? "approve" : "reject"} on claim #${claimId}: yes ${c.yes}, no ${c.no}, voting ends ${formatWhen(c.deadline, now)}`,
    );
    return 0;
  },
};

export default vote;
