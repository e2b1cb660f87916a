import { coverManagerAbi } from "@backstop/abi";
import { formatAmount, topUp } from "@backstop/sdk";
import { type Address, erc20Abi } from "viem";
import {
  claimIdOfPolicy,
  finalizeClaim,
  readClaim,
  redeemAssessedClaim,
  submitAssessedClaim,
} from "../chain/assessed.ts";
import { connectWrite, type Registry, registryOf, type WriteContext } from "../chain/context.ts";
import { claimPolicy, readIncident, readPayout, settleMarket } from "../chain/settlement.ts";
import { readTrigger } from "../chain/trigger.ts";
import { marketOf, parseCommand, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { NotReadyError } from "../errors.ts";
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
    const ctx = await connectWrite(values["rpc-url"], values["private-key"]);
    const d = registryOf(ctx.chainId);
    const pol = await ctx.publicClient
      .readContract({
        address: d.coverManager,
        abi: coverManagerAbi,
        functionName: "policy",
        args: [policyId],
      })
      .catch(() => undefined);
    if (!pol || pol.marketId === 0)
      throw new NotReadyError(`policy #${policyId} does not exist (see \`backstop policies\`)`);
    const market = await marketOf(ctx, d, BigInt(pol.marketId));
    const result =
      market.claimMode === 0
        ? await parametric(ctx, d, policyId, BigInt(pol.marketId), market.trigger)
        : await assessed(
            ctx,
            d,
            policyId,
            market.asset,
            (BigInt(pol.amount) * BigInt(10_000 - market.deductibleBps)) / 10_000n,
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
  trigger: Address,
) {
  let inc = await readIncident(ctx.publicClient, d.settlement, marketId);
  if (inc.settledAt === 0) {
    const t = await readTrigger(ctx.publicClient, trigger);
    if (t.state !== "TRIGGERED")
      throw new NotReadyError(
        `market ${marketId}'s trigger is ${t.state}: nothing to claim until it fires (the keeper settles it then)`,
      );
    await settleMarket(ctx.wallet, d.settlement, marketId);
    inc = await readIncident(ctx.publicClient, d.settlement, marketId);
  }
  if (inc.settledAt === 0)
    throw new NotReadyError(
      `market ${marketId} is being settled in batches (${inc.poolsSettled} pools so far): claim once every pool has reserved`,
    );
  const { payout, paid } = await readPayout(ctx.publicClient, d.settlement, policyId);
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
      `policy #${policyId} pays nothing for market ${marketId}'s incident at ${new Date(inc.time * 1000).toISOString()}: it did not start strictly before it and end after it, the payout ratio is zero, or the claim window closed`,
    );
  const owner = await ctx.publicClient.readContract({
    address: d.coverManager,
    abi: coverManagerAbi,
    functionName: "ownerOf",
    args: [policyId],
  });
  const balance = () =>
    ctx.publicClient.readContract({
      address: d.stable ?? "0x",
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [owner],
    });
  const before = d.stable ? await balance() : 0n;
  const r = await claimPolicy(ctx.wallet, d.settlement, policyId);
  const after = d.stable ? await balance() : 0n;
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
  asset: Address,
  maxPayout: bigint,
  amount: bigint | undefined,
  evidence: string | undefined,
) {
  const existing = await claimIdOfPolicy(ctx.publicClient, d.assessedClaims, policyId);
  let c = existing === 0n ? undefined : await readClaim(ctx.publicClient, d.assessedClaims, existing);
  if (!c || c.statusName === "DENIED" || c.statusName === "VOIDED") {
    if (!evidence)
      throw new NotReadyError("an assessed claim needs --evidence <uri> (a post-mortem, a tx hash, ...)");
    const r = await submitAssessedClaim(ctx.wallet, {
      assessedClaims: d.assessedClaims,
      asset,
      policyId,
      amount: amount ?? maxPayout,
      evidenceURI: evidence,
    });
    const filed = await readClaim(ctx.publicClient, d.assessedClaims, r.claimId);
    return {
      action: "submit",
      claimId: r.claimId,
      status: filed.statusName,
      deadline: filed.deadline,
      tx: r.hash,
      message: `claim #${r.claimId} filed for ${formatAmount(filed.amount)} USDC (deposit ${formatAmount(r.deposit)}): ${filed.statusName === "FAST_TRACK" ? "fast track, approved unless challenged" : "assessors vote"} until ${new Date(Number(filed.deadline) * 1000).toISOString()}`,
    };
  }
  const now = (await ctx.publicClient.getBlock()).timestamp;
  if ((c.statusName === "FAST_TRACK" || c.statusName === "VOTING") && now > BigInt(c.deadline)) {
    await finalizeClaim(ctx.wallet, d.assessedClaims, existing);
    c = await readClaim(ctx.publicClient, d.assessedClaims, existing);
  }
  if (c.statusName === "APPROVED" && now >= BigInt(c.payableAt)) {
    const r = await redeemAssessedClaim(ctx.wallet, d.assessedClaims, existing);
    return {
      action: "redeem",
      claimId: existing,
      paid: r.paid,
      tx: r.hash,
      message: `claim #${existing} paid ${formatAmount(r.paid)} USDC (tx ${r.hash})`,
    };
  }
  const when =
    c.statusName === "APPROVED"
      ? `payable at ${new Date(Number(c.payableAt) * 1000).toISOString()}`
      : c.statusName === "FAST_TRACK" || c.statusName === "VOTING"
        ? `open until ${new Date(Number(c.deadline) * 1000).toISOString()} (yes ${c.yes}, no ${c.no})`
        : "closed";
  return {
    action: "status",
    claimId: existing,
    status: c.statusName,
    message: `claim #${existing} is ${c.statusName}: ${when}`,
  };
}

export default claim;
