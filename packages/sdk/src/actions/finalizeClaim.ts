import { assessedClaimsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvents } from "../internal/events.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";
import { CLAIM_STATUSES, type ClaimStatus } from "./getClaim.ts";

export type PrepareFinalizeClaimParameters = { assessedClaims: Address; claimId: bigint };
export type PrepareFinalizeClaimReturnType = PreparedRequest<typeof assessedClaimsAbi, "finalize">;

/** Builds `AssessedClaims.finalize(claimId)`; pure. */
export function prepareFinalizeClaim(params: PrepareFinalizeClaimParameters): PrepareFinalizeClaimReturnType {
  return {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "finalize",
    args: [params.claimId],
  };
}

export type FinalizeClaimParameters = PrepareFinalizeClaimParameters & {
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type FinalizeClaimReturnType = Sent & { status: ClaimStatus };
export type FinalizeClaimErrorType =
  | ClaimStatusError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/** Closes a claim whose challenge window or vote has ended: APPROVED or DENIED. Anyone may call. */
export async function finalizeClaim(
  client: WriteClient,
  params: FinalizeClaimParameters,
): Promise<FinalizeClaimReturnType> {
  const sent = await send(client, prepareFinalizeClaim(params), undefined, params.onHash);
  const logs = expectEvents(sent, {
    abi: assessedClaimsAbi,
    eventName: "ClaimStatusChanged",
    action: "finalizeClaim",
  });
  return { ...sent, status: CLAIM_STATUSES[logs.at(-1)?.args.status ?? 0] ?? "NONE" };
}
