import { poolAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type RequestRedeemParameters = {
  pool: Address;
  shares: bigint;
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
export type RequestRedeemErrorType = ContractRevertError | UnknownRevertError;

/** ERC-7540 `requestRedeem`: escrows `shares` of `owner` in a request of `controller`, claimable after the cooldown. */
export async function requestRedeem(
  client: WriteClient,
  params: RequestRedeemParameters,
): Promise<RequestRedeemReturnType> {
  const me = client.account.address;
  const sent = await send(client, {
    address: params.pool,
    abi: poolAbi,
    functionName: "requestRedeem",
    args: [params.shares, params.controller ?? me, params.owner ?? me],
  });
  const [log] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "RedeemRequested" });
  return { ...sent, requestId: 0n, assets: log?.args.assets ?? 0n, claimableAt: log?.args.claimableAt ?? 0n };
}
