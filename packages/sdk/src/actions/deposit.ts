import { mockStableAbi, poolAbi } from "@backstop/abi";
import { type Address, erc20Abi, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type DepositParameters = {
  pool: Address;
  /** Assets to deposit (the pool asset's units). */
  assets: bigint;
  /** Receives the shares; defaults to the client's account. */
  receiver?: Address;
  /** Approve the pool first when the allowance is short (default true). */
  approve?: boolean;
};
export type DepositReturnType = Sent & { shares: bigint };
export type DepositErrorType = ContractRevertError | UnknownRevertError;

/** Deposits `assets` into an ERC-4626 pool and returns the shares minted. */
export async function deposit(client: WriteClient, params: DepositParameters): Promise<DepositReturnType> {
  const owner = client.account.address;
  if (params.approve ?? true) {
    const asset = await readContract(client, { address: params.pool, abi: poolAbi, functionName: "asset" });
    const allowance = await readContract(client, {
      address: asset,
      abi: erc20Abi,
      functionName: "allowance",
      args: [owner, params.pool],
    });
    if (allowance < params.assets) {
      await send(client, {
        address: asset,
        abi: mockStableAbi,
        functionName: "approve",
        args: [params.pool, params.assets],
      });
    }
  }
  const sent = await send(client, {
    address: params.pool,
    abi: poolAbi,
    functionName: "deposit",
    args: [params.assets, params.receiver ?? owner],
  });
  const [log] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "Deposit" });
  return { ...sent, shares: log?.args.shares ?? 0n };
}
