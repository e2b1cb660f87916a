import { assessedClaimsAbi } from "@backstop/abi";
import { type Address, getAddress, parseEventLogs } from "viem";
import type { WriteClient } from "../internal/types.ts";
import { type AssessorGroup, getAssessors } from "./getAssessors.ts";
import { type GovernedCallErrorType, type GovernedCallReturnType, governedCall } from "./governedCall.ts";

export type AssessorRules = Pick<AssessorGroup, "votingPeriod" | "lateVoteWindow" | "cooldown" | "quorum">;
export type SetAssessorsParameters = {
  assessedClaims: Address;
  accessManager: Address;
  marketId: bigint;
  /** The market's assessors after the call. */
  members: readonly Address[];
  rules: AssessorRules;
};
export type SetAssessorsReturnType = {
  /** The group with exactly these members and rules (reused when one exists), once it exists. */
  groupId?: bigint;
  /** Each governance call made, in order (a delayed governance schedules, then executes on a later run). */
  steps: { call: "createAssessorGroup" | "setMarketAssessors"; result: GovernedCallReturnType }[];
  /** True once the market uses the group. */
  done: boolean;
};
export type SetAssessorsErrorType = GovernedCallErrorType;

/**
 * Gives a market exactly `members` as assessors. Groups are immutable on-chain, so this finds a group with
 * these members and rules or creates one, then assigns it to the market (both governance). Idempotent: with a
 * governance delay, repeat the call after each delay until `done`.
 */
export async function setAssessors(
  client: WriteClient,
  params: SetAssessorsParameters,
): Promise<SetAssessorsReturnType> {
  const want = new Set(params.members.map((m) => getAddress(m)));
  const same = (g: AssessorGroup) =>
    g.members.length === want.size &&
    g.members.every((m) => want.has(m)) &&
    g.votingPeriod === params.rules.votingPeriod &&
    g.lateVoteWindow === params.rules.lateVoteWindow &&
    g.cooldown === params.rules.cooldown &&
    g.quorum === params.rules.quorum;
  const { groups, marketGroupId } = await getAssessors(client, {
    assessedClaims: params.assessedClaims,
    marketId: params.marketId,
  });
  const steps: SetAssessorsReturnType["steps"] = [];
  let groupId = groups.find(same)?.groupId;
  if (groupId === undefined) {
    const result = await governedCall(client, {
      accessManager: params.accessManager,
      call: {
        address: params.assessedClaims,
        abi: assessedClaimsAbi,
        functionName: "createAssessorGroup",
        args: [[...want], { ...params.rules, members: want.size }],
      },
    });
    steps.push({ call: "createAssessorGroup", result });
    if (result.status !== "executed") return { steps, done: false };
    const [log] = parseEventLogs({
      abi: assessedClaimsAbi,
      logs: result.sent.receipt.logs,
      eventName: "AssessorGroupCreated",
    });
    groupId = log?.args.groupId;
    if (groupId === undefined) return { steps, done: false };
  }
  if (marketGroupId === groupId) return { groupId, steps, done: true };
  const result = await governedCall(client, {
    accessManager: params.accessManager,
    call: {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "setMarketAssessors",
      args: [params.marketId, groupId],
    },
  });
  steps.push({ call: "setMarketAssessors", result });
  return { groupId, steps, done: result.status === "executed" };
}
