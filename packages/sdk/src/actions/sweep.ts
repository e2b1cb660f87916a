import { settlementAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type SweepParameters = { settlement: Address; marketId: bigint };
export type SweepReturnType = Sent & { returned: bigint };
export type SweepErrorType = ContractRevertError | UnknownRevertError;

/**
 * After the claim window, returns a settled market's unclaimed reserve to its pools; with a haircut, what
 * claimants may still be topped up with (`topUp`) stays. Anyone may call; a second sweep reverts AlreadySwept.
 */
export async function sweep(client: WriteClient, params: SweepParameters): Promise<SweepReturnType> {
  const sent = await send(client, {
    address: params.settlement,
    abi: settlementAbi,
    functionName: "sweep",
    args: [params.marketId],
  });
  const logs = parseEventLogs({ abi: settlementAbi, logs: sent.receipt.logs, eventName: "ReserveReturned" });
  return { ...sent, returned: logs.reduce((sum, l) => sum + l.args.amount, 0n) };
}
