import { protectionSeriesAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareRedeemProtectionParameters = {
  series: Address;
  /** Unlocked tokens to burn. */
  amount: bigint;
};
export type PrepareRedeemProtectionReturnType = PreparedRequest<typeof protectionSeriesAbi, "redeem">;

/** Builds `ProtectionSeries.redeem(amount)`; pure. */
export function prepareRedeemProtection(
  p: PrepareRedeemProtectionParameters,
): PrepareRedeemProtectionReturnType {
  return { address: p.series, abi: protectionSeriesAbi, functionName: "redeem", args: [p.amount] };
}

export type RedeemProtectionParameters = PrepareRedeemProtectionParameters & { onHash?: OnHash };
export type RedeemProtectionReturnType = Sent & { amount: bigint; paid: bigint };
export type RedeemProtectionErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** Burns unlocked tokens for their pro-rata share of the series' payouts; from `Redeemed`. */
export async function redeemProtection(
  client: WriteClient,
  params: RedeemProtectionParameters,
): Promise<RedeemProtectionReturnType> {
  const sent = await send(client, prepareRedeemProtection(params), undefined, params.onHash);
  const log = expectEvent(sent, {
    abi: protectionSeriesAbi,
    eventName: "Redeemed",
    action: "redeemProtection",
  });
  return { ...sent, amount: log.args.amount, paid: log.args.paid };
}
