import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError, WithdrawalError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareRedeemParameters = {
  pool: Address;
  /** Shares of the claimable request to redeem. */
  shares: bigint;
  /** Receives the assets. */
  receiver: Address;
  /** Whose request is claimed (the caller must be it or its operator). */
  controller: Address;
};
export type PrepareRedeemReturnType = PreparedRequest<typeof poolAbi, "redeem">;

/** Builds ERC-7540 `redeem(shares, receiver, controller)`; pure. */
export function prepareRedeem(params: PrepareRedeemParameters): PrepareRedeemReturnType {
  return {
    address: params.pool,
    abi: poolAbi,
    functionName: "redeem",
    args: [params.shares, params.receiver, params.controller],
  };
}

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
export type RedeemErrorType = WithdrawalError | MissingEventError | ContractRevertError | UnknownRevertError;

/**
 * ERC-7540 claim by shares: redeems shares of `controller`'s request once its cooldown is over, paying
 * min(value at request, value at the exit price now). Without `shares`, reads the whole request first.
 */
export async function redeem(client: WriteClient, params: RedeemParameters): Promise<RedeemReturnType> {
  const controller = params.controller ?? client.account.address;
  let shares = params.shares;
  if (shares === undefined) {
    [shares] = await guarded(() =>
      readContract(client, {
        address: params.pool,
        abi: poolAbi,
        functionName: "redeemRequest",
        args: [controller],
      }),
    );
  }
  const sent = await send(
    client,
    prepareRedeem({
      pool: params.pool,
      shares,
      receiver: params.receiver ?? client.account.address,
      controller,
    }),
  );
  const log = expectEvent(sent, { abi: poolAbi, eventName: "Withdraw", action: "redeem" });
  return { ...sent, shares, assets: log.args.assets };
}
