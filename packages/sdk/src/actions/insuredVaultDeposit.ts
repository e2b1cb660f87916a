import { insuredVaultAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareInsuredVaultDepositParameters = {
  vault: Address;
  /** Of the vault's asset (the stablecoin). */
  assets: bigint;
  /** Receives the insured-vault shares. */
  receiver: Address;
};
export type PrepareInsuredVaultDepositReturnType = PreparedRequest<typeof insuredVaultAbi, "deposit">;

/** Builds the insured vault's ERC-4626 `deposit(assets, receiver)`; pure. The sender must have approved it. */
export function prepareInsuredVaultDeposit(
  p: PrepareInsuredVaultDepositParameters,
): PrepareInsuredVaultDepositReturnType {
  return { address: p.vault, abi: insuredVaultAbi, functionName: "deposit", args: [p.assets, p.receiver] };
}

export type InsuredVaultDepositParameters = Omit<PrepareInsuredVaultDepositParameters, "receiver"> & {
  /** Default: the client's account. */
  receiver?: Address;
  /** Approve the vault first when short (default true). */
  approve?: boolean;
  onHash?: OnHash;
};
export type InsuredVaultDepositReturnType = Sent & { shares: bigint };
export type InsuredVaultDepositErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** Deposits into an insured vault (the gate permitting); returns the shares minted, from `Deposit`. */
export async function insuredVaultDeposit(
  client: WriteClient,
  params: InsuredVaultDepositParameters,
): Promise<InsuredVaultDepositReturnType> {
  if (params.approve ?? true) {
    const asset = await guarded(() =>
      readContract(client, { address: params.vault, abi: insuredVaultAbi, functionName: "asset" }),
    );
    await approveIfNeeded(client, asset, params.vault, params.assets);
  }
  const sent = await send(
    client,
    prepareInsuredVaultDeposit({ ...params, receiver: params.receiver ?? client.account.address }),
    undefined,
    params.onHash,
  );
  const log = expectEvent(sent, {
    abi: insuredVaultAbi,
    eventName: "Deposit",
    address: params.vault,
    action: "insuredVaultDeposit",
  });
  return { ...sent, shares: log.args.shares };
}
