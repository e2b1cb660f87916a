import { insuredVaultAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareInsuredVaultRedeemParameters = {
  vault: Address;
  shares: bigint;
  /** Receives the assets. */
  receiver: Address;
  /** Whose shares are burned (the sender, or one that approved it). */
  owner: Address;
};
export type PrepareInsuredVaultRedeemReturnType = PreparedRequest<typeof insuredVaultAbi, "redeem">;

/** Builds the insured vault's ERC-4626 `redeem(shares, receiver, owner)`; pure. */
export function prepareInsuredVaultRedeem(
  p: PrepareInsuredVaultRedeemParameters,
): PrepareInsuredVaultRedeemReturnType {
  return {
    address: p.vault,
    abi: insuredVaultAbi,
    functionName: "redeem",
    args: [p.shares, p.receiver, p.owner],
  };
}

export type InsuredVaultRedeemParameters = Omit<PrepareInsuredVaultRedeemParameters, "receiver" | "owner"> & {
  /** Default: the client's account. */
  receiver?: Address;
  /** Default: the client's account. */
  owner?: Address;
  onHash?: OnHash;
};
export type InsuredVaultRedeemReturnType = Sent & { assets: bigint; shares: bigint };
export type InsuredVaultRedeemErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** Redeems insured-vault shares for the stablecoin (synchronous ERC-4626); from `Withdraw`. */
export async function insuredVaultRedeem(
  client: WriteClient,
  params: InsuredVaultRedeemParameters,
): Promise<InsuredVaultRedeemReturnType> {
  const me = client.account.address;
  const sent = await send(
    client,
    prepareInsuredVaultRedeem({ ...params, receiver: params.receiver ?? me, owner: params.owner ?? me }),
    undefined,
    params.onHash,
  );
  const log = expectEvent(sent, {
    abi: insuredVaultAbi,
    eventName: "Withdraw",
    address: params.vault,
    action: "insuredVaultRedeem",
  });
  return { ...sent, assets: log.args.assets, shares: log.args.shares };
}
