import { assessedClaimsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareVoteParameters = { assessedClaims: Address; claimId: bigint; approve: boolean };
export type PrepareVoteReturnType = PreparedRequest<typeof assessedClaimsAbi, "vote">;

/** Builds `AssessedClaims.vote(claimId, approve)`; pure. */
export function prepareVote(params: PrepareVoteParameters): PrepareVoteReturnType {
  return {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "vote",
    args: [params.claimId, params.approve],
  };
}

export type VoteParameters = PrepareVoteParameters;
export type VoteReturnType = Sent & { deadline: bigint };
export type VoteErrorType = ClaimStatusError | MissingEventError | ContractRevertError | UnknownRevertError;

/** Casts an assessor's vote on a claim under vote; a late vote moves the deadline, returned here. */
export async function vote(client: WriteClient, params: VoteParameters): Promise<VoteReturnType> {
  const sent = await send(client, prepareVote(params));
  const log = expectEvent(sent, { abi: assessedClaimsAbi, eventName: "Voted", action: "vote" });
  return { ...sent, deadline: log.args.deadline };
}
