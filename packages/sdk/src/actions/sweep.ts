import { settlementAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareSweepParameters = { settlement: Address; marketId: bigint };
export type PrepareSweepReturnType = PreparedRequest<typeof settlementAbi, "sweep">;

/** Builds `Settlement.sweep(marketId)`; pure. */
export function prepareSweep(params: PrepareSweepParameters): PrepareSweepReturnType {
  return { address: params.settlement, abi: settlementAbi, functionName: "sweep", args: [params.marketId] };
}

export type SweepParameters = PrepareSweepParameters;
export type SweepReturnType = Sent & { returned: bigint };
export type SweepErrorType = ContractRevertError | UnknownRevertError;

/**
 * After the claim window, returns a settled market's unclaimed reserve to its pools; with a haircut, what
 * claimants may still be topped up with (`topUp`) stays. Anyone may call; a second sweep reverts AlreadySwept.
 * `returned` sums the ReserveReturned events (none when no pool funded a reserve, so no event is required).
 */
export async function sweep(client: WriteClient, params: SweepParameters): Promise<SweepReturnType> {
  const sent = await send(client, prepareSweep(params));
  const logs = parseEventLogs({ abi: settlementAbi, logs: sent.receipt.logs, eventName: "ReserveReturned" });
  return { ...sent, returned: logs.reduce((sum, l) => sum + l.args.amount, 0n) };
}
