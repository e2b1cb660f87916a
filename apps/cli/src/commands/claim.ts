import {
  claim as claimPayout,
  finalizeClaim,
  formatAmount,
  type GetClaimReturnType,
  getClaim,
  getClaimOfPolicy,
  getIncident,
  getPolicy,
  getPolicyStatus,
  getTokenBalance,
  payoutOf,
  readTrigger,
  redeemClaim,
  settle,
  submitClaim,
  topUp,
} from "@backstop/sdk";
import { marketOf, parseCommand, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectWrite, type Registry, type WriteContext } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { formatTime, formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAmount, parseId } from "../parse.ts";

const USAGE = `usage: backstop claim --policy <id> [--amount <USDC> --evidence <uri>]
Parametric markets: pays the policy once its trigger fired (settling the market first if nobody has).
Assessed markets: files a claim (--evidence required; --amount defaults to the most the policy pays), or, when
one is filed, finalizes it after its window and redeems it once approved.`;

const claim: Command = {
  summary: "claim a payout (parametric) or file / redeem an assessed claim",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { policy: { type: "string" }, amount: { type: "string" }, evidence: { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const policyId = parseId("--policy", required(values, "policy", USAGE));
    const amount = values.amount ? parseAmount("--amount", values.amount, 6) : undefined;
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const pol = await getPolicy(ctx.publicClient, { coverManager: d.coverManager, policyId }).catch(
      () => undefined,
    );
    if (!pol) throw new NotReadyError(`policy #${policyId} does not exist (see \`backstop policies\`)`);
    const market = await marketOf(ctx, d, pol.marketId);
    await ctx.confirm(`claim on policy #${policyId}`);
    const result =
      market.claimMode === "parametric"
        ? await parametric(ctx, d, policyId, pol.marketId, pol.owner, market.trigger)
        : await assessed(
            ctx,
            d,
            policyId,
            (pol.amount * BigInt(10_000 - market.deductibleBps)) / 10_000n,
            amount,
            values.evidence,
          );
    output(values.json, { policyId, ...result }, () => result.message);
    return 0;
  },
};

async function parametric(
  ctx: WriteContext,
  d: Registry,
  policyId: bigint,
  marketId: bigint,
  owner: `0x${string}`,
  trigger: `0x${string}`,
) {
  let inc = await getIncident(ctx.publicClient, { settlement: d.settlement, marketId });
  if (!inc.settled) {
    const t = await readTrigger(ctx.publicClient, { trigger, kind: "unknown" });
    if (t.state !== "TRIGGERED")
      throw new NotReadyError(
        `market ${marketId}'s trigger is ${t.state}: nothing to claim until it fires (the keeper settles it then)`,
      );
    await settle(ctx.wallet, { settlement: d.settlement, marketId });
    inc = await getIncident(ctx.publicClient, { settlement: d.settlement, marketId });
  }
  if (!inc.settled)
    throw new NotReadyError(
      `market ${marketId} is being settled in batches (${inc.poolsSettled} pools so far): claim once every pool has reserved`,
    );
  const [payout, paid] = await Promise.all([
    payoutOf(ctx.publicClient, { settlement: d.settlement, policyId }),
    getPolicyStatus(ctx.publicClient, {
      coverManager: d.coverManager,
      markets: d.markets,
      settlement: d.settlement,
      assessedClaims: d.assessedClaims,
      policyId,
    }).then((s) => s.state === "PAID"),
  ]);
  if (paid) {
    if (!inc.swept || inc.funded >= inc.required)
      throw new NotReadyError(`policy #${policyId} was already paid`);
    // A haircut market, swept: the policy may be owed a top-up.
    const t = await topUp(ctx.wallet, { settlement: d.settlement, policyId });
    return {
      action: "topUp",
      marketId,
      payout: t.amount,
      tx: t.hash,
      message: `policy #${policyId} topped up ${formatAmount(t.amount)} USDC after the haircut market was swept (tx ${t.hash})`,
    };
  }
  if (payout === 0n)
    throw new NotReadyError(
      `policy #${policyId} pays nothing for market ${marketId}'s incident at ${formatTime(inc.time)}: it did not start strictly before it and end after it, the payout ratio is zero, or the claim window closed`,
    );
  const balance = () =>
    d.stable ? getTokenBalance(ctx.publicClient, { token: d.stable, owner }) : Promise.resolve(0n);
  const before = await balance();
  const r = await claimPayout(ctx.wallet, { settlement: d.settlement, policyId });
  const after = await balance();
  const pct = (Number(inc.payoutPerUnitWad) / 1e16).toFixed(2);
  return {
    action: "claim",
    marketId,
    payout: r.payout,
    payoutPerUnitPct: pct,
    owner,
    balanceBefore: before,
    balanceAfter: after,
    tx: r.hash,
    message: `policy #${policyId} paid ${formatAmount(r.payout)} USDC (${pct}% of cover after deductible); holder ${owner.slice(0, 10)}… balance ${formatAmount(before)} -> ${formatAmount(after)} USDC (tx ${r.hash})`,
  };
}

async function assessed(
  ctx: WriteContext,
  d: Registry,
  policyId: bigint,
  maxPayout: bigint,
  amount: bigint | undefined,
  evidence: string | undefined,
) {
  const existing = await getClaimOfPolicy(ctx.publicClient, { assessedClaims: d.assessedClaims, policyId });
  const read = (claimId: bigint) => getClaim(ctx.publicClient, { assessedClaims: d.assessedClaims, claimId });
  let c: GetClaimReturnType | undefined = existing === 0n ? undefined : await read(existing);
  const now = (await ctx.publicClient.getBlock()).timestamp;
  if (!c || c.status === "DENIED" || c.status === "VOIDED") {
    if (!evidence)
      throw new NotReadyError("an assessed claim needs --evidence <uri> (a post-mortem, a tx hash, ...)");
    const r = await submitClaim(ctx.wallet, {
      assessedClaims: d.assessedClaims,
      coverManager: d.coverManager,
      policyId,
      amount: amount ?? maxPayout,
      evidenceURI: evidence,
    });
    const filed = await read(r.claimId);
    return {
      action: "submit",
      claimId: r.claimId,
      status: filed.status,
      deadline: filed.deadline,
      tx: r.hash,
      message: `claim #${r.claimId} filed for ${formatAmount(filed.amount)} USDC (deposit ${formatAmount(r.deposit)}): ${filed.status === "FAST_TRACK" ? "fast track, approved unless challenged" : "assessors vote"} until ${formatWhen(filed.deadline, now)}`,
    };
  }
  if ((c.status === "FAST_TRACK" || c.status === "VOTING") && now > c.deadline) {
    await finalizeClaim(ctx.wallet, { assessedClaims: d.assessedClaims, claimId: existing });
    c = await read(existing);
  }
  if (c.status === "APPROVED" && now >= c.payableAt) {
    const r = await redeemClaim(ctx.wallet, { assessedClaims: d.assessedClaims, claimId: existing });
    return {
      action: "redeem",
      claimId: existing,
      paid: r.paid,
      tx: r.hash,
      message: `claim #${existing} paid ${formatAmount(r.paid)} USDC (tx ${r.hash})`,
    };
  }
  const when =
    c.status === "APPROVED"
      ? `payable at ${formatWhen(c.payableAt, now)}`
      : c.status === "FAST_TRACK" || c.status === "VOTING"
        ? `open until ${formatWhen(c.deadline, now)} (yes ${c.yes}, no ${c.no})`
        : "closed";
  return {
    action: "status",
    claimId: existing,
    status: c.status,
    message: `claim #${existing} is ${c.status}: ${when}`,
  };
}

export default claim;
