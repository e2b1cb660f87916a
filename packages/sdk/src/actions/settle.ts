import { settlementAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { AlreadySettledError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type SettleParameters = {
  settlement: Address;
  marketId: bigint;
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type SettleReturnType = Sent & {
  incidentTime: bigint;
  payoutPerUnitWad: bigint;
  required: bigint;
  funded: bigint;
};
export type SettleErrorType = AlreadySettledError | ContractRevertError | UnknownRevertError;

/**
 * Settles a PARAMETRIC market whose trigger has fired: each backing pool (or each one left, after
 * `settlePools` batches) reserves the payouts owed. Anyone may call; a second settle reverts AlreadySettled.
 */
export async function settle(client: WriteClient, params: SettleParameters): Promise<SettleReturnType> {
  const sent = await send(
    client,
    {
      address: params.settlement,
      abi: settlementAbi,
      functionName: "settle",
      args: [params.marketId],
    },
    undefined,
    params.onHash,
  );
  const [log] = parseEventLogs({ abi: settlementAbi, logs: sent.receipt.logs, eventName: "MarketSettled" });
  return {
    ...sent,
    incidentTime: log?.args.incidentTime ?? 0n,
    payoutPerUnitWad: log?.args.payoutPerUnitWad ?? 0n,
    required: log?.args.required ?? 0n,
    funded: log?.args.funded ?? 0n,
  };
}
