import { challenge as challengeClaim, formatAmount, getClaim } from "@backstop/sdk";
import { parseCommand, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectWrite } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseId } from "../parse.ts";

const USAGE = `usage: backstop challenge --claim <id>
Challenges a fast-track assessed claim within its window, posting a bond (claim amount x bond rate, approved
first): the claim goes to the market's assessors, who vote. The bond is returned if the claim is denied.`;

const challenge: Command = {
  summary: "challenge a fast-track assessed claim (posts a bond)",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, { claim: { type: "string" } }, USAGE);
    if (help) return printHelp(help);
    const claimId = parseId("--claim", required(values, "claim", USAGE));
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const before = await getClaim(ctx.publicClient, { assessedClaims: d.assessedClaims, claimId }).catch(
      () => undefined,
    );
    if (!before || before.status === "NONE")
      throw new NotReadyError(`claim #${claimId} does not exist (see \`backstop claims\`)`);
    const now = (await ctx.publicClient.getBlock()).timestamp;
    if (before.status !== "FAST_TRACK")
      throw new NotReadyError(
        `claim #${claimId} is ${before.status}: only a FAST_TRACK claim can be challenged`,
      );
    if (now > before.deadline)
      throw new NotReadyError(
        `claim #${claimId}'s challenge window closed at ${formatWhen(before.deadline, now)}`,
      );
    await ctx.confirm(`challenge claim #${claimId} (${formatAmount(before.amount)} USDC), posting a bond`);
    const r = await challengeClaim(ctx.wallet, {
      assessedClaims: d.assessedClaims,
      markets: d.markets,
      claimId,
    });
    const c = await getClaim(ctx.publicClient, { assessedClaims: d.assessedClaims, claimId });
    output(
      values.json,
      { claimId, bond: r.bond, status: c.status, deadline: c.deadline, tx: r.hash },
      () =>
        `challenged claim #${claimId} with a bond of ${formatAmount(r.bond)} USDC: ${c.status}, assessors vote until ${formatWhen(c.deadline, now)} (tx ${r.hash})`,
    );
    return 0;
  },
};

export default challenge;
