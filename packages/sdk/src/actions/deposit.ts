import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareDepositParameters = {
  pool: Address;
  /** Assets to deposit (the pool asset's units). */
  assets: bigint;
  /** Receives the shares. */
  receiver: Address;
};
export type PrepareDepositReturnType = PreparedRequest<typeof poolAbi, "deposit">;

/** Builds the ERC-4626 `deposit(assets, receiver)`; pure. The caller must have approved the pool (prepareApprove). */
export function prepareDeposit(params: PrepareDepositParameters): PrepareDepositReturnType {
  return {
    address: params.pool,
    abi: poolAbi,
    functionName: "deposit",
    args: [params.assets, params.receiver],
  };
}

export type DepositParameters = Omit<PrepareDepositParameters, "receiver"> & {
  /** Receives the shares; defaults to the client's account. */
  receiver?: Address;
  /** Approve the pool first when the allowance is short (default true). */
  approve?: boolean;
};
export type DepositReturnType = Sent & { shares: bigint };
export type DepositErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** Deposits `assets` into an ERC-4626 pool (approving it first when short) and returns the shares minted. */
export async function deposit(client: WriteClient, params: DepositParameters): Promise<DepositReturnType> {
  const owner = client.account.address;
  if (params.approve ?? true) {
    const asset = await guarded(() =>
      readContract(client, { address: params.pool, abi: poolAbi, functionName: "asset" }),
    );
    await approveIfNeeded(client, asset, params.pool, params.assets);
  }
  const sent = await send(client, prepareDeposit({ ...params, receiver: params.receiver ?? owner }));
  const log = expectEvent(sent, { abi: poolAbi, eventName: "Deposit", action: "deposit" });
  return { ...sent, shares: log.args.shares };
}
