import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimRejectedError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareTopUpParameters = { settlement: Address; policyId: bigint };
export type PrepareTopUpReturnType = PreparedRequest<typeof settlementAbi, "topUp">;

/** Builds `Settlement.topUp(policyId)`; pure. */
export function prepareTopUp(params: PrepareTopUpParameters): PrepareTopUpReturnType {
  return { address: params.settlement, abi: settlementAbi, functionName: "topUp", args: [params.policyId] };
}

export type TopUpParameters = PrepareTopUpParameters & {
  /** Cover asset decimals, for error messages (default 6). */
  decimals?: number;
};
export type TopUpReturnType = Sent & { amount: bigint; to: Address | undefined };
export type TopUpErrorType =
  | ClaimRejectedError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/**
 * After a haircut market is swept, pays a policy that claimed the rest of its share (the haircut recomputed
 * over the policies that claimed). Anyone may call; the owner is paid. Once per policy.
 */
export async function topUp(client: WriteClient, params: TopUpParameters): Promise<TopUpReturnType> {
  const sent = await send(client, prepareTopUp(params), params.decimals);
  const log = expectEvent(sent, { abi: settlementAbi, eventName: "PolicyPaid", action: "topUp" });
  return { ...sent, amount: log.args.amount, to: log.args.to };
}
