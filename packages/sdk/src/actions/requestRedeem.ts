import { poolAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type RequestRedeemParameters = {
  pool: Address;
  shares: bigint;
  /** Whose shares are escrowed; defaults to the client's account (else an allowance is spent). */
  owner?: Address;
};
export type RequestRedeemReturnType = Sent & {
  /** Value of the escrowed shares at the request price: the most the redeem can pay. */
  assets: bigint;
  /** When `redeem` becomes possible (unix seconds). */
  claimableAt: bigint;
};
export type RequestRedeemErrorType = ContractRevertError | UnknownRevertError;

/** Escrows `shares` for redemption after the pool's cooldown. */
export async function requestRedeem(
  client: WriteClient,
  params: RequestRedeemParameters,
): Promise<RequestRedeemReturnType> {
  const sent = await send(client, {
    address: params.pool,
    abi: poolAbi,
    functionName: "requestRedeem",
    args: [params.shares, params.owner ?? client.account.address],
  });
  const [log] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "RedeemRequested" });
  return { ...sent, assets: log?.args.assets ?? 0n, claimableAt: log?.args.claimableAt ?? 0n };
}
