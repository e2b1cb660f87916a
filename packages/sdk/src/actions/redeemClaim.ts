import { assessedClaimsAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type RedeemClaimParameters = { assessedClaims: Address; claimId: bigint };
export type RedeemClaimReturnType = Sent & { paid: bigint; to: Address | undefined };
export type RedeemClaimErrorType = ClaimStatusError | ContractRevertError | UnknownRevertError;

/** Pays an APPROVED claim once its cooldown is over, from the policy's pools to the policy owner. */
export async function redeemClaim(
  client: WriteClient,
  params: RedeemClaimParameters,
): Promise<RedeemClaimReturnType> {
  const sent = await send(client, {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "redeemClaim",
    args: [params.claimId],
  });
  const [log] = parseEventLogs({
    abi: assessedClaimsAbi,
    logs: sent.receipt.logs,
    eventName: "ClaimRedeemed",
  });
  return { ...sent, paid: log?.args.amount ?? 0n, to: log?.args.to };
}
