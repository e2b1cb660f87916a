import { assessedClaimsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareRedeemClaimParameters = { assessedClaims: Address; claimId: bigint };
export type PrepareRedeemClaimReturnType = PreparedRequest<typeof assessedClaimsAbi, "redeemClaim">;

/** Builds `AssessedClaims.redeemClaim(claimId)`; pure. */
export function prepareRedeemClaim(params: PrepareRedeemClaimParameters): PrepareRedeemClaimReturnType {
  return {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "redeemClaim",
    args: [params.claimId],
  };
}

export type RedeemClaimParameters = PrepareRedeemClaimParameters;
export type RedeemClaimReturnType = Sent & { paid: bigint; to: Address | undefined };
export type RedeemClaimErrorType =
  | ClaimStatusError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/** Pays an APPROVED claim once its cooldown is over, from the policy's pools to the policy owner. */
export async function redeemClaim(
  client: WriteClient,
  params: RedeemClaimParameters,
): Promise<RedeemClaimReturnType> {
  const sent = await send(client, prepareRedeemClaim(params));
  const log = expectEvent(sent, {
    abi: assessedClaimsAbi,
    eventName: "ClaimRedeemed",
    action: "redeemClaim",
  });
  return { ...sent, paid: log.args.amount, to: log.args.to };
}
