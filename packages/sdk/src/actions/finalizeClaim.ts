import { assessedClaimsAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";
import { CLAIM_STATUSES, type ClaimStatus } from "./getClaim.ts";

export type FinalizeClaimParameters = {
  assessedClaims: Address;
  claimId: bigint;
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type FinalizeClaimReturnType = Sent & { status: ClaimStatus };
export type FinalizeClaimErrorType = ClaimStatusError | ContractRevertError | UnknownRevertError;

/** Closes a claim whose challenge window or vote has ended: APPROVED or DENIED. Anyone may call. */
export async function finalizeClaim(
  client: WriteClient,
  params: FinalizeClaimParameters,
): Promise<FinalizeClaimReturnType> {
  const sent = await send(
    client,
    {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "finalize",
      args: [params.claimId],
    },
    undefined,
    params.onHash,
  );
  const logs = parseEventLogs({
    abi: assessedClaimsAbi,
    logs: sent.receipt.logs,
    eventName: "ClaimStatusChanged",
  });
  const last = logs.at(-1);
  return { ...sent, status: CLAIM_STATUSES[last?.args.status ?? 0] ?? "NONE" };
}
