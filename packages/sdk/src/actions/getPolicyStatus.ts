import { assessedClaimsAbi, coverManagerAbi, iTriggerAbi, marketsAbi, settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { CLAIM_STATUSES, type ClaimStatus } from "./getClaim.ts";
import { TRIGGER_STATES } from "./readTrigger.ts";

/**
 * Where a policy stands:
 * - PENDING / ACTIVE / EXPIRED: no incident or claim concerns it (before its start, in force, ended);
 * - TRIGGERED: its market's trigger fired and settlement has not opened claims yet;
 * - CLAIMABLE: a parametric payout is owed now (`payout`); WINDOW_CLOSED: it was, until `closesAt`;
 * - NOT_COVERED: the incident fell outside the policy's cover;
 * - PAID: paid out (`paid`), by settlement or by an assessed claim;
 * - CLAIM_OPEN / CLAIM_APPROVED / CLAIM_DENIED / CLAIM_VOIDED: an assessed claim's state.
 */
export type PolicyState =
  | "PENDING"
  | "ACTIVE"
  | "EXPIRED"
  | "TRIGGERED"
  | "CLAIMABLE"
  | "WINDOW_CLOSED"
  | "NOT_COVERED"
  | "PAID"
  | "CLAIM_OPEN"
  | "CLAIM_APPROVED"
  | "CLAIM_DENIED"
  | "CLAIM_VOIDED";

export type GetPolicyStatusParameters = {
  coverManager: Address;
  markets: Address;
  settlement: Address;
  assessedClaims: Address;
  policyId: bigint;
};
export type GetPolicyStatusReturnType = {
  policyId: bigint;
  marketId: bigint;
  amount: bigint;
  start: bigint;
  end: bigint;
  state: PolicyState;
  /** What a claim pays now (CLAIMABLE), else 0. */
  payout: bigint;
  /** What was paid to the holder so far (PAID; includes top-ups). */
  paid: bigint;
  /** The latest assessed claim on the policy (0 = none) and its status. */
  claimId: bigint;
  claimStatus?: ClaimStatus;
  /** When the parametric claim window closes (or closed), unix seconds, once the market is settled. */
  closesAt?: bigint;
  /** When an approved assessed claim becomes payable. */
  payableAt?: bigint;
};

/** One policy's status: incident, claim window, payout owed or paid, assessed claim. */
export async function getPolicyStatus(
  client: ReadClient,
  params: GetPolicyStatusParameters,
): Promise<GetPolicyStatusReturnType> {
  const { policyId } = params;
  const pol = await guarded(() =>
    readContract(client, {
      address: params.coverManager,
      abi: coverManagerAbi,
      functionName: "policy",
      args: [policyId],
    }),
  );
  const marketId = BigInt(pol.marketId);
  const [m, block] = await guarded(() =>
    Promise.all([
      readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "market",
        args: [marketId],
      }),
      getBlock(client),
    ]),
  );
  const now = block.timestamp;
  const base = {
    policyId,
    marketId,
    amount: pol.amount,
    start: BigInt(pol.start),
    end: BigInt(pol.end),
    payout: 0n,
    paid: 0n,
    claimId: 0n,
  };
  const byTime: PolicyState = now < base.start ? "PENDING" : now < base.end ? "ACTIVE" : "EXPIRED";

  if (m.claimMode === 1) {
    const claimId = await guarded(() =>
      readContract(client, {
        address: params.assessedClaims,
        abi: assessedClaimsAbi,
        functionName: "claimOfPolicy",
        args: [policyId],
      }),
    );
    if (claimId === 0n) return { ...base, state: byTime };
    const c = await guarded(() =>
      readContract(client, {
        address: params.assessedClaims,
        abi: assessedClaimsAbi,
        functionName: "claimOf",
        args: [claimId],
      }),
    );
    const claimStatus = CLAIM_STATUSES[c.status] ?? "NONE";
    const withClaim = { ...base, claimId, claimStatus };
    switch (claimStatus) {
      case "PAID": {
        const logs = await guarded(() =>
          getContractEvents(client, {
            address: params.assessedClaims,
            abi: assessedClaimsAbi,
            eventName: "ClaimRedeemed",
            args: { claimId },
            fromBlock: "earliest",
          }),
        );
        const paid = logs.reduce((s, l) => s + (l.args.amount ?? 0n), 0n);
        return { ...withClaim, state: "PAID", paid: paid || c.amount };
      }
      case "APPROVED":
        return { ...withClaim, state: "CLAIM_APPROVED", payableAt: BigInt(c.payableAt) };
      case "FAST_TRACK":
      case "VOTING":
        return { ...withClaim, state: "CLAIM_OPEN" };
      case "DENIED":
        return { ...withClaim, state: "CLAIM_DENIED" };
      case "VOIDED":
        return { ...withClaim, state: "CLAIM_VOIDED" };
      default:
        return { ...withClaim, state: byTime };
    }
  }

  const settlement = { address: params.settlement, abi: settlementAbi } as const;
  const [inc, isPaid] = await guarded(() =>
    Promise.all([
      readContract(client, { ...settlement, functionName: "incident", args: [marketId] }),
      readContract(client, { ...settlement, functionName: "isPaid", args: [policyId] }),
    ]),
  );
  if (isPaid) {
    const logs = await guarded(() =>
      getContractEvents(client, {
        ...settlement,
        eventName: "PolicyPaid",
        args: { policyId },
        fromBlock: "earliest",
      }),
    );
    return { ...base, state: "PAID", paid: logs.reduce((s, l) => s + (l.args.amount ?? 0n), 0n) };
  }
  if (inc.settledAt === 0) {
    const fired =
      inc.opened ||
      TRIGGER_STATES[
        await guarded(() =>
          readContract(client, { address: m.trigger, abi: iTriggerAbi, functionName: "state" }),
        )
      ] === "TRIGGERED";
    return { ...base, state: fired && byTime !== "PENDING" ? "TRIGGERED" : byTime };
  }
  const covered = base.start < BigInt(inc.time) && BigInt(inc.time) < base.end;
  if (!covered) return { ...base, state: byTime === "ACTIVE" ? "ACTIVE" : "NOT_COVERED" };
  const closesAt = BigInt(inc.settledAt) + BigInt(m.claimWindow);
  if (now > closesAt) return { ...base, state: "WINDOW_CLOSED", closesAt };
  const payout = await guarded(() =>
    readContract(client, { ...settlement, functionName: "payoutOf", args: [policyId] }),
  );
  return { ...base, state: payout > 0n ? "CLAIMABLE" : "NOT_COVERED", payout, closesAt };
}
