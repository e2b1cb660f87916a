import { insuredRouterAbi } from "@backstop/abi";
import { type Address, erc4626Abi, isAddressEqual, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareInsuredDepositParameters = {
  router: Address;
  /** Any ERC-4626 vault; its shares go to the sender. */
  vault: Address;
  /** Of the vault's asset, pulled from the sender. */
  assets: bigint;
  /** Slippage bound on the shares received. */
  minShares: bigint;
  marketId: bigint;
  /** 0: the asset value of the shares received (the vault's asset must be the market's cover asset). */
  coverAmount: bigint;
  /** Seconds of cover. */
  period: bigint;
  /** Candidate pools, filled in order (as `buyCover`). */
  pools: readonly number[];
  /** Pulled from the sender; the unspent part is refunded in the same call. */
  maxPremium: bigint;
  integrator?: Address;
  commissionBps?: number;
};
export type PrepareInsuredDepositReturnType = PreparedRequest<typeof insuredRouterAbi, "insuredDeposit">;

/**
 * Builds `InsuredRouter.insuredDeposit`: deposit into an ERC-4626 vault and cover the position, in one call; pure.
 * The sender must have approved the router for `assets` (vault asset) and `maxPremium` (cover asset).
 */
export function prepareInsuredDeposit(p: PrepareInsuredDepositParameters): PrepareInsuredDepositReturnType {
  return {
    address: p.router,
    abi: insuredRouterAbi,
    functionName: "insuredDeposit",
    args: [
      {
        vault: p.vault,
        assets: p.assets,
        minShares: p.minShares,
        marketId: p.marketId,
        coverAmount: p.coverAmount,
        period: p.period,
        pools: [...p.pools],
        maxPremium: p.maxPremium,
        integrator: p.integrator ?? zeroAddress,
        commissionBps: p.commissionBps ?? 0,
      },
    ],
  };
}

export type InsuredDepositParameters = Omit<PrepareInsuredDepositParameters, "minShares" | "coverAmount"> & {
  /** Default 0 (no bound). */
  minShares?: bigint;
  /** Default 0 (the shares' asset value). */
  coverAmount?: bigint;
  /** The market's cover asset; read from the vault when omitted (then it must be the vault's asset). */
  coverAsset?: Address;
  /** Approve the router first when the allowance is short (default true). */
  approve?: boolean;
  onHash?: OnHash;
};
export type InsuredDepositReturnType = Sent & {
  shares: bigint;
  policyId: bigint;
  coverAmount: bigint;
  premium: bigint;
};
export type InsuredDepositErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/**
 * Deposits into an ERC-4626 vault and buys cover for the position in one transaction (approving the router for
 * the assets and the premium when short); returns the shares, the policy, the cover bought and the premium, from
 * `InsuredDeposit`.
 */
export async function insuredDeposit(
  client: WriteClient,
  params: InsuredDepositParameters,
): Promise<InsuredDepositReturnType> {
  if (params.approve ?? true) {
    const asset = await guarded(() =>
      readContract(client, { address: params.vault, abi: erc4626Abi, functionName: "asset" }),
    );
    const coverAsset = params.coverAsset ?? asset;
    if (isAddressEqual(asset, coverAsset))
      await approveIfNeeded(client, asset, params.router, params.assets + params.maxPremium);
    else {
      await approveIfNeeded(client, asset, params.router, params.assets);
      await approveIfNeeded(client, coverAsset, params.router, params.maxPremium);
    }
  }
  const sent = await send(
    client,
    prepareInsuredDeposit({
      ...params,
      minShares: params.minShares ?? 0n,
      coverAmount: params.coverAmount ?? 0n,
    }),
    undefined,
    params.onHash,
  );
  const log = expectEvent(sent, {
    abi: insuredRouterAbi,
    eventName: "InsuredDeposit",
    action: "insuredDeposit",
  });
  return {
    ...sent,
    shares: log.args.shares,
    policyId: log.args.policyId,
    coverAmount: log.args.coverAmount,
    premium: log.args.premium,
  };
}
