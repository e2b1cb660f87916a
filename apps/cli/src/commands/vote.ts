import { readClaim, voteOnClaim } from "../chain/assessed.ts";
import { connectWrite, registryOf } from "../chain/context.ts";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
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
    const ctx = await connectWrite(values["rpc-url"], values["private-key"]);
    const d = registryOf(ctx.chainId);
    const r = await voteOnClaim(ctx.wallet, d.assessedClaims, claimId, values.approve === true);
    const c = await readClaim(ctx.publicClient, d.assessedClaims, claimId);
    output(
      values.json,
      { claimId, approve: values.approve, yes: c.yes, no: c.no, deadline: c.deadline, tx: r.hash },
      () =>
        `voted ${values.approve ? "approve" : "reject"} on claim #${claimId}: yes ${c.yes}, no ${c.no}, voting ends ${new Date(Number(c.deadline) * 1000).toISOString()}`,
    );
    return 0;
  },
};

export default vote;
