import { poolAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError, WithdrawalError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type RedeemParameters = {
  pool: Address;
  /** Shares of the claimable request to redeem; defaults to the whole request. */
  shares?: bigint;
  /** Receives the assets; defaults to the client's account. */
  receiver?: Address;
  /** Whose request is claimed; defaults to the client's account (the caller must be it or its operator). */
  controller?: Address;
};
export type RedeemReturnType = Sent & { shares: bigint; assets: bigint };
export type RedeemErrorType = WithdrawalError | ContractRevertError | UnknownRevertError;

/**
 * ERC-7540 claim by shares: redeems shares of `controller`'s request once its cooldown is over, paying
 * min(value at request, value at the exit price now).
 */
export async function redeem(client: WriteClient, params: RedeemParameters): Promise<RedeemReturnType> {
  const controller = params.controller ?? client.account.address;
  let shares = params.shares;
  if (shares === undefined) {
    [shares] = await readContract(client, {
      address: params.pool,
      abi: poolAbi,
      functionName: "redeemRequest",
      args: [controller],
    });
  }
  const sent = await send(client, {
    address: params.pool,
    abi: poolAbi,
    functionName: "redeem",
    args: [shares, params.receiver ?? client.account.address, controller],
  });
  const [log] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "Withdraw" });
  return { ...sent, shares, assets: log?.args.assets ?? 0n };
}
