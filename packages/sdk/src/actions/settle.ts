import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { AlreadySettledError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareSettleParameters = { settlement: Address; marketId: bigint };
export type PrepareSettleReturnType = PreparedRequest<typeof settlementAbi, "settle">;

/** Builds `Settlement.settle(marketId)`; pure. */
export function prepareSettle(params: PrepareSettleParameters): PrepareSettleReturnType {
  return { address: params.settlement, abi: settlementAbi, functionName: "settle", args: [params.marketId] };
}

export type SettleParameters = PrepareSettleParameters & {
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type SettleReturnType = Sent & {
  incidentTime: bigint;
  payoutPerUnitWad: bigint;
  required: bigint;
  funded: bigint;
};
export type SettleErrorType =
  | AlreadySettledError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/**
 * Settles a PARAMETRIC market whose trigger has fired: each backing pool (or each one left, after
 * `settlePools` batches) reserves the payouts owed. Anyone may call; a second settle reverts AlreadySettled.
 */
export async function settle(client: WriteClient, params: SettleParameters): Promise<SettleReturnType> {
  const sent = await send(client, prepareSettle(params), undefined, params.onHash);
  const log = expectEvent(sent, { abi: settlementAbi, eventName: "MarketSettled", action: "settle" });
  return {
    ...sent,
    incidentTime: log.args.incidentTime,
    payoutPerUnitWad: log.args.payoutPerUnitWad,
    required: log.args.required,
    funded: log.args.funded,
  };
}
