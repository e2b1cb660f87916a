import { poolAbi } from "@backstop/abi";
import { type Address, type BlockNumber, type BlockTag, getAddress } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { type GetRedeemRequestReturnType, getRedeemRequest } from "./getRedeemRequest.ts";

export type GetPositionParameters = {
  pool: Address;
  owner: Address;
  /** Where to start scanning Deposit/Withdraw logs (the deployment's start block); default the earliest. */
  fromBlock?: BlockNumber | BlockTag;
};
export type GetPositionReturnType = {
  /** Shares held in the wallet (not requested). */
  shares: bigint;
  /** Their value at the deposit price (convertToAssets). */
  value: bigint;
  /** The open ERC-7540 request: shares escrowed, their value at request, when claimable, what pays now. */
  request: GetRedeemRequestReturnType;
  /** Assets deposited and withdrawn over the position's history (Deposit/Withdraw logs of `owner`). */
  deposited: bigint;
  withdrawn: bigint;
  /**
   * Earned so far, net of losses: value + requested value + withdrawn - deposited (premium earned by the
   * capital, less any claims paid from it). Shares moved by transfer are not tracked.
   */
  earned: bigint;
  /** Status of the open request: none, pending (cooldown), claimable (pays now), or blocked (exits closed or no free capital). */
  requestStatus: "none" | "pending" | "claimable" | "blocked";
};

/** An LP's position in one pool: shares and their value, earnings, and any redemption request. */
export async function getPosition(
  client: ReadClient,
  params: GetPositionParameters,
): Promise<GetPositionReturnType> {
  const owner = getAddress(params.owner);
  const read = { address: params.pool, abi: poolAbi } as const;
  const logs = { ...read, fromBlock: params.fromBlock ?? "earliest", args: { owner } } as const;
  const [shares, request, deposits, withdrawals] = await guarded(() =>
    Promise.all([
      readContract(client, { ...read, functionName: "balanceOf", args: [owner] }),
      getRedeemRequest(client, { pool: params.pool, controller: owner }),
      getContractEvents(client, { ...logs, eventName: "Deposit" }),
      getContractEvents(client, { ...logs, eventName: "Withdraw" }),
    ]),
  );
  const value =
    shares === 0n
      ? 0n
      : await guarded(() =>
          readContract(client, { ...read, functionName: "convertToAssets", args: [shares] }),
        );
  const deposited = deposits.reduce((s, l) => s + (l.args.assets ?? 0n), 0n);
  const withdrawn = withdrawals.reduce((s, l) => s + (l.args.assets ?? 0n), 0n);
  const requestStatus =
    request.shares === 0n
      ? "none"
      : request.pending > 0n
        ? "pending"
        : request.maxRedeem > 0n
          ? "claimable"
          : "blocked";
  return {
    shares,
    value,
    request,
    deposited,
    withdrawn,
    earned: value + request.assets + withdrawn - deposited,
    requestStatus,
  };
}
