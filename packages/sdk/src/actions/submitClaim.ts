import { assessedClaimsAbi, coverManagerAbi, marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimRejectedError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareSubmitClaimParameters = {
  assessedClaims: Address;
  policyId: bigint;
  amount: bigint;
  evidenceURI: string;
};
export type PrepareSubmitClaimReturnType = PreparedRequest<typeof assessedClaimsAbi, "submitClaim">;

/** Builds `AssessedClaims.submitClaim`; pure. The caller must have approved AssessedClaims for the deposit (prepareApprove). */
export function prepareSubmitClaim(params: PrepareSubmitClaimParameters): PrepareSubmitClaimReturnType {
  return {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "submitClaim",
    args: [params.policyId, params.amount, params.evidenceURI],
  };
}

export type SubmitClaimParameters = {
  assessedClaims: Address;
  /** The CoverManager that issued the policy (to find the cover asset for the deposit). */
  coverManager: Address;
  policyId: bigint;
  /** Amount claimed, in the cover asset. */
  amount: bigint;
  evidenceURI: string;
  /** Cover asset decimals, for error messages (default 6). */
  decimals?: number;
};
export type SubmitClaimReturnType = Sent & { claimId: bigint; deposit: bigint };
export type SubmitClaimErrorType =
  | ClaimRejectedError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/**
 * Files an assessed claim on a policy the client's account owns. Approves the claim deposit
 * (amount x depositBps) first when the allowance is short.
 */
export async function submitClaim(
  client: WriteClient,
  params: SubmitClaimParameters,
): Promise<SubmitClaimReturnType> {
  const { asset, deposit } = await guarded(async () => {
    const claims = { address: params.assessedClaims, abi: assessedClaimsAbi } as const;
    const [depositBps, policy, markets] = await Promise.all([
      readContract(client, { ...claims, functionName: "depositBps" }),
      readContract(client, {
        address: params.coverManager,
        abi: coverManagerAbi,
        functionName: "policy",
        args: [params.policyId],
      }),
      readContract(client, { address: params.coverManager, abi: coverManagerAbi, functionName: "markets" }),
    ]);
    const m = await readContract(client, {
      address: markets,
      abi: marketsAbi,
      functionName: "market",
      args: [BigInt(policy.marketId)],
    });
    return { asset: m.asset, deposit: (params.amount * BigInt(depositBps)) / 10_000n };
  });
  await approveIfNeeded(client, asset, params.assessedClaims, deposit);
  const sent = await send(client, prepareSubmitClaim(params), params.decimals);
  const log = expectEvent(sent, {
    abi: assessedClaimsAbi,
    eventName: "ClaimSubmitted",
    action: "submitClaim",
  });
  return { ...sent, claimId: log.args.claimId, deposit };
}
