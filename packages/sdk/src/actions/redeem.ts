import { poolAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type RedeemParameters = {
  pool: Address;
  /** Escrowed shares to redeem; defaults to the whole request. */
  shares?: bigint;
  receiver?: Address;
  owner?: Address;
};
export type RedeemReturnType = Sent & { shares: bigint; assets: bigint };
export type RedeemErrorType = ContractRevertError | UnknownRevertError;

/** Redeems escrowed shares once the cooldown is over, at min(price at request, price now). */
export async function redeem(client: WriteClient, params: RedeemParameters): Promise<RedeemReturnType> {
  const owner = params.owner ?? client.account.address;
  let shares = params.shares;
  if (shares === undefined) {
    const [request] = await readContract(client, {
      address: params.pool,
      abi: poolAbi,
      functionName: "redeemRequest",
      args: [owner],
    });
    shares = request.shares;
  }
  const sent = await send(client, {
    address: params.pool,
    abi: poolAbi,
    functionName: "redeem",
    args: [shares, params.receiver ?? client.account.address, owner],
  });
  const [log] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "Withdraw" });
  return { ...sent, shares, assets: log?.args.assets ?? 0n };
}
