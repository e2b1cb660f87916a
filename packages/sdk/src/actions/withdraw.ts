import { poolAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ContractRevertError, UnknownRevertError, WithdrawalError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type WithdrawParameters = {
  pool: Address;
  /** Assets to take out of the claimable request. */
  assets: bigint;
  /** Receives the assets; defaults to the client's account. */
  receiver?: Address;
  /** Whose request is claimed; defaults to the client's account (the caller must be it or its operator). */
  controller?: Address;
};
export type WithdrawReturnType = Sent & { shares: bigint; assets: bigint };
export type WithdrawErrorType = WithdrawalError | ContractRevertError | UnknownRevertError;

/**
 * ERC-7540 claim by assets: burns enough of `controller`'s claimable request to be worth `assets` at both the
 * request price and the exit price now.
 */
export async function withdraw(client: WriteClient, params: WithdrawParameters): Promise<WithdrawReturnType> {
  const sent = await send(client, {
    address: params.pool,
    abi: poolAbi,
    functionName: "withdraw",
    args: [
      params.assets,
      params.receiver ?? client.account.address,
      params.controller ?? client.account.address,
    ],
  });
  const [log] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "Withdraw" });
  return { ...sent, shares: log?.args.shares ?? 0n, assets: log?.args.assets ?? params.assets };
}
