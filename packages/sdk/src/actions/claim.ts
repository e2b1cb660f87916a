import { settlementAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ClaimRejectedError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type ClaimParameters = {
  settlement: Address;
  policyId: bigint;
  /** Cover asset decimals, for error messages (default 6). */
  decimals?: number;
};
export type ClaimReturnType = Sent & { payout: bigint; to: Address | undefined };
export type ClaimErrorType = ClaimRejectedError | ContractRevertError | UnknownRevertError;

/** Pays a policy of a settled parametric market to its current owner. Anyone may call. */
export async function claim(client: WriteClient, params: ClaimParameters): Promise<ClaimReturnType> {
  const sent = await send(
    client,
    { address: params.settlement, abi: settlementAbi, functionName: "claim", args: [params.policyId] },
    params.decimals,
  );
  const [log] = parseEventLogs({ abi: settlementAbi, logs: sent.receipt.logs, eventName: "PolicyPaid" });
  return { ...sent, payout: log?.args.amount ?? 0n, to: log?.args.to };
}
