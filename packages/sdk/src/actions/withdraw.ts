import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError, WithdrawalError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareWithdrawParameters = {
  pool: Address;
  /** Assets to take out of the claimable request. */
  assets: bigint;
  /** Receives the assets. */
  receiver: Address;
  /** Whose request is claimed (the caller must be it or its operator). */
  controller: Address;
};
export type PrepareWithdrawReturnType = PreparedRequest<typeof poolAbi, "withdraw">;

/** Builds ERC-7540 `withdraw(assets, receiver, controller)`; pure. */
export function prepareWithdraw(params: PrepareWithdrawParameters): PrepareWithdrawReturnType {
  return {
    address: params.pool,
    abi: poolAbi,
    functionName: "withdraw",
    args: [params.assets, params.receiver, params.controller],
  };
}

export type WithdrawParameters = Omit<PrepareWithdrawParameters, "receiver" | "controller"> & {
  /** Receives the assets; defaults to the client's account. */
  receiver?: Address;
  /** Whose request is claimed; defaults to the client's account (the caller must be it or its operator). */
  controller?: Address;
};
export type WithdrawReturnType = Sent & { shares: bigint; assets: bigint };
export type WithdrawErrorType =
  | WithdrawalError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/**
 * ERC-7540 claim by assets: burns enough of `controller`'s claimable request to be worth `assets` at both the
 * request price and the exit price now.
 */
export async function withdraw(client: WriteClient, params: WithdrawParameters): Promise<WithdrawReturnType> {
  const me = client.account.address;
  const sent = await send(
    client,
    prepareWithdraw({ ...params, receiver: params.receiver ?? me, controller: params.controller ?? me }),
  );
  const log = expectEvent(sent, { abi: poolAbi, eventName: "Withdraw", action: "withdraw" });
  return { ...sent, shares: log.args.shares, assets: log.args.assets };
}
