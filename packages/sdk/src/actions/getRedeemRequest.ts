import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetRedeemRequestParameters = { pool: Address; controller: Address };
export type GetRedeemRequestReturnType = {
  /** Shares escrowed in the request. */
  shares: bigint;
  /** Their value at the request's exit price: the most a redeem pays for them. */
  assets: bigint;
  claimableAt: bigint;
  /** ERC-7540 views: shares still in their cooldown, and shares claimable now. */
  pending: bigint;
  claimable: bigint;
  /** Shares `redeem` and assets `withdraw` accept now (0 while exits are closed by an incident). */
  maxRedeem: bigint;
  maxWithdraw: bigint;
  /** False while a backed market's trigger is not ACTIVE: no exits until it recovers or is settled. */
  exitsOpen: boolean;
};

/** A controller's ERC-7540 redeem request in `pool` and what it can claim now. */
export async function getRedeemRequest(
  client: ReadClient,
  params: GetRedeemRequestParameters,
): Promise<GetRedeemRequestReturnType> {
  const read = { address: params.pool, abi: poolAbi } as const;
  const c = params.controller;
  const [[shares, assets, claimableAt], pending, claimable, maxRedeem, maxWithdraw, exitsOpen] =
    await guarded(() =>
      Promise.all([
        readContract(client, { ...read, functionName: "redeemRequest", args: [c] }),
        readContract(client, { ...read, functionName: "pendingRedeemRequest", args: [0n, c] }),
        readContract(client, { ...read, functionName: "claimableRedeemRequest", args: [0n, c] }),
        readContract(client, { ...read, functionName: "maxRedeem", args: [c] }),
        readContract(client, { ...read, functionName: "maxWithdraw", args: [c] }),
        readContract(client, { ...read, functionName: "exitsOpen" }),
      ]),
    );
  return { shares, assets, claimableAt, pending, claimable, maxRedeem, maxWithdraw, exitsOpen };
}
