import { assessedClaimsAbi } from "@backstop/abi";
import { type Address, type BlockNumber, type BlockTag, getAddress } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type AssessorGroup = {
  groupId: bigint;
  members: Address[];
  votingPeriod: number;
  lateVoteWindow: number;
  cooldown: number;
  quorum: number;
};
export type GetAssessorsParameters = {
  assessedClaims: Address;
  /** Also return which group this market uses. */
  marketId?: bigint;
  /** Where to start scanning logs (the deployment's start block); defaults to the earliest block. */
  fromBlock?: BlockNumber | BlockTag;
};
export type GetAssessorsReturnType = {
  /** Every assessor group ever created (groups are immutable: a change of members is a new group). */
  groups: AssessorGroup[];
  /** The market's group id (0 = none), when `marketId` was given. */
  marketGroupId?: bigint;
};

/** Assessor groups with their members and rules (from AssessorGroupCreated), and a market's group. */
export async function getAssessors(
  client: ReadClient,
  params: GetAssessorsParameters,
): Promise<GetAssessorsReturnType> {
  const logs = await guarded(() =>
    getContractEvents(client, {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      eventName: "AssessorGroupCreated",
      fromBlock: params.fromBlock ?? "earliest",
    }),
  );
  const groups = logs.map((l) => ({
    groupId: l.args.groupId ?? 0n,
    members: (l.args.members ?? []).map((m) => getAddress(m)),
    votingPeriod: l.args.rules?.votingPeriod ?? 0,
    lateVoteWindow: l.args.rules?.lateVoteWindow ?? 0,
    cooldown: l.args.rules?.cooldown ?? 0,
    quorum: l.args.rules?.quorum ?? 0,
  }));
  if (params.marketId === undefined) return { groups };
  const marketGroupId = await guarded(() =>
    readContract(client, {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "assessorsOf",
      args: [params.marketId as bigint],
    }),
  );
  return { groups, marketGroupId };
}
