import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareRequestRedeemParameters = {
  pool: Address;
  shares: bigint;
  /** Controls the request (claims it with redeem/withdraw). */
  controller: Address;
  /** Whose shares are escrowed (the caller, else it needs an operator approval or allowance). */
  owner: Address;
};
export type PrepareRequestRedeemReturnType = PreparedRequest<typeof poolAbi, "requestRedeem">;

/** Builds ERC-7540 `requestRedeem(shares, controller, owner)`; pure. */
export function prepareRequestRedeem(params: PrepareRequestRedeemParameters): PrepareRequestRedeemReturnType {
  return {
    address: params.pool,
    abi: poolAbi,
    functionName: "requestRedeem",
    args: [params.shares, params.controller, params.owner],
  };
}

export type RequestRedeemParameters = Omit<PrepareRequestRedeemParameters, "controller" | "owner"> & {
  /** Controls the request (claims it with redeem/withdraw); defaults to the client's account. */
  controller?: Address;
  /** Whose shares are escrowed; defaults to the client's account (else an operator approval or allowance). */
  owner?: Address;
};
export type RequestRedeemReturnType = Sent & {
  /** The ERC-7540 request id: always 0 (requests aggregate per controller). */
  requestId: bigint;
  /** Value added to the request at the exit price (capital - claim hold): the most the redeem can pay for it. */
  assets: bigint;
  /** When the whole request becomes claimable (unix seconds); a new request restarts the cooldown. */
  claimableAt: bigint;
};
export type RequestRedeemErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** ERC-7540 `requestRedeem`: escrows `shares` of `owner` in a request of `controller`, claimable after the cooldown. */
export async function requestRedeem(
  client: WriteClient,
  params: RequestRedeemParameters,
): Promise<RequestRedeemReturnType> {
  const me = client.account.address;
  const sent = await send(
    client,
    prepareRequestRedeem({ ...params, controller: params.controller ?? me, owner: params.owner ?? me }),
  );
  const log = expectEvent(sent, { abi: poolAbi, eventName: "RedeemRequested", action: "requestRedeem" });
  return { ...sent, requestId: 0n, assets: log.args.assets, claimableAt: log.args.claimableAt };
}
