import { assessedClaimsAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type VoteParameters = { assessedClaims: Address; claimId: bigint; approve: boolean };
export type VoteReturnType = Sent & { deadline: bigint };
export type VoteErrorType = ClaimStatusError | ContractRevertError | UnknownRevertError;

/** Casts an assessor's vote on a claim under vote; a late vote moves the deadline, returned here. */
export async function vote(client: WriteClient, params: VoteParameters): Promise<VoteReturnType> {
  const sent = await send(client, {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "vote",
    args: [params.claimId, params.approve],
  });
  const [log] = parseEventLogs({ abi: assessedClaimsAbi, logs: sent.receipt.logs, eventName: "Voted" });
  return { ...sent, deadline: log?.args.deadline ?? 0n };
}
