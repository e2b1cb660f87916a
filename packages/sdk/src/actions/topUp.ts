import { settlementAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ClaimRejectedError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type TopUpParameters = {
  settlement: Address;
  policyId: bigint;
  /** Cover asset decimals, for error messages (default 6). */
  decimals?: number;
};
export type TopUpReturnType = Sent & { amount: bigint; to: Address | undefined };
export type TopUpErrorType = ClaimRejectedError | ContractRevertError | UnknownRevertError;

/**
 * After a haircut market is swept, pays a policy that claimed the rest of its share (the haircut recomputed
 * over the policies that claimed). Anyone may call; the owner is paid. Once per policy.
 */
export async function topUp(client: WriteClient, params: TopUpParameters): Promise<TopUpReturnType> {
  const sent = await send(
    client,
    { address: params.settlement, abi: settlementAbi, functionName: "topUp", args: [params.policyId] },
    params.decimals,
  );
  const [log] = parseEventLogs({ abi: settlementAbi, logs: sent.receipt.logs, eventName: "PolicyPaid" });
  return { ...sent, amount: log?.args.amount ?? 0n, to: log?.args.to };
}
