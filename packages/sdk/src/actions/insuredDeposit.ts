import { insuredRouterAbi } from "@backstop/abi";
import { type Address, erc4626Abi, isAddressEqual, zeroAddress, zeroHash } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";
import type { PermitSignature } from "./buyCover.ts";
import { signPermit } from "./signPermit.ts";

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
  /**
   * EIP-2612 permits to the router: `asset` for the vault's asset, `premium` for the cover asset (when both are
   * the same token, one permit for assets + maxPremium as `asset`). With either, the builder targets
   * `insuredDepositWithPermit`.
   */
  permits?: { asset?: PermitSignature; premium?: PermitSignature };
};
export type PrepareInsuredDepositReturnType =
  | PreparedRequest<typeof insuredRouterAbi, "insuredDeposit">
  | PreparedRequest<typeof insuredRouterAbi, "insuredDepositWithPermit">;

const NO_PERMIT = { value: 0n, deadline: 0n, v: 0, r: zeroHash, s: zeroHash } as const;
const permitArg = (p: PermitSignature | undefined) =>
  p ? { value: p.value, deadline: p.deadline, v: p.v, r: p.r, s: p.s } : NO_PERMIT;

/**
 * Builds `InsuredRouter.insuredDeposit`: deposit into an ERC-4626 vault and cover the position, in one call; pure.
 * The sender must have approved the router for `assets` (vault asset) and `maxPremium` (cover asset).
 */
export function prepareInsuredDeposit(p: PrepareInsuredDepositParameters): PrepareInsuredDepositReturnType {
  const params = {
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
  };
  if (p.permits?.asset || p.permits?.premium)
    return {
      address: p.router,
      abi: insuredRouterAbi,
      functionName: "insuredDepositWithPermit",
      args: [params, permitArg(p.permits.asset), permitArg(p.permits.premium)],
    };
  return { address: p.router, abi: insuredRouterAbi, functionName: "insuredDeposit", args: [params] };
}

export type InsuredDepositParameters = Omit<PrepareInsuredDepositParameters, "minShares" | "coverAmount"> & {
  /** Default 0 (no bound). */
  minShares?: bigint;
  /** Default 0 (the shares' asset value). */
  coverAmount?: bigint;
  /** The market's cover asset; read from the vault when omitted (then it must be the vault's asset). */
  coverAsset?: Address;
  /** Approve the router first when the allowance is short (default true; ignored with `permit`). */
  approve?: boolean;
  /**
   * Sign EIP-2612 permits instead of approving (deadline from chain time): `true`, or the deadline to use. A
   * failing permit is ignored by the router (front-running), so the call then needs allowance.
   */
  permit?: boolean | { deadline: bigint };
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
  let permits: PrepareInsuredDepositParameters["permits"];
  if (params.permit || (params.approve ?? true)) {
    const asset = await guarded(() =>
      readContract(client, { address: params.vault, abi: erc4626Abi, functionName: "asset" }),
    );
    const coverAsset = params.coverAsset ?? asset;
    const same = isAddressEqual(asset, coverAsset);
    if (params.permit) {
      const deadline = typeof params.permit === "object" ? { deadline: params.permit.deadline } : {};
      const sign = (token: Address, value: bigint) =>
        signPermit(client, { token, spender: params.router, value, ...deadline });
      permits = same
        ? { asset: await sign(asset, params.assets + params.maxPremium) }
        : { asset: await sign(asset, params.assets), premium: await sign(coverAsset, params.maxPremium) };
    } else if (same) await approveIfNeeded(client, asset, params.router, params.assets + params.maxPremium);
    else {
      await approveIfNeeded(client, asset, params.router, params.assets);
      await approveIfNeeded(client, coverAsset, params.router, params.maxPremium);
    }
  }
  const request = prepareInsuredDeposit({
    ...params,
    minShares: params.minShares ?? 0n,
    coverAmount: params.coverAmount ?? 0n,
    ...(permits ? { permits } : {}),
  });
  const sent = await send(
    client,
    // One of the two router functions; `send` is typed per function name.
    request as PreparedRequest<typeof insuredRouterAbi, "insuredDeposit">,
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
