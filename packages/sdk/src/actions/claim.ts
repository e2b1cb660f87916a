import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimRejectedError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareClaimParameters = { settlement: Address; policyId: bigint };
export type PrepareClaimReturnType = PreparedRequest<typeof settlementAbi, "claim">;

/** Builds `Settlement.claim(policyId)`; pure. */
export function prepareClaim(params: PrepareClaimParameters): PrepareClaimReturnType {
  return { address: params.settlement, abi: settlementAbi, functionName: "claim", args: [params.policyId] };
}

export type ClaimParameters = PrepareClaimParameters & {
  /** Cover asset decimals, for error messages (default 6). */
  decimals?: number;
};
export type ClaimReturnType = Sent & { payout: bigint; to: Address | undefined };
export type ClaimErrorType =
  | ClaimRejectedError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/** Pays a policy of a settled parametric market to its current owner. Anyone may call. */
export async function claim(client: WriteClient, params: ClaimParameters): Promise<ClaimReturnType> {
  const sent = await send(client, prepareClaim(params), params.decimals);
  const log = expectEvent(sent, { abi: settlementAbi, eventName: "PolicyPaid", action: "claim" });
  return { ...sent, payout: log.args.amount, to: log.args.to };
}
