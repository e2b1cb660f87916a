import { assessedClaimsAbi, coverManagerAbi, marketsAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import type { ClaimRejectedError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

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
export type SubmitClaimErrorType = ClaimRejectedError | ContractRevertError | UnknownRevertError;

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
  const sent = await send(
    client,
    {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "submitClaim",
      args: [params.policyId, params.amount, params.evidenceURI],
    },
    params.decimals,
  );
  const [log] = parseEventLogs({
    abi: assessedClaimsAbi,
    logs: sent.receipt.logs,
    eventName: "ClaimSubmitted",
  });
  return { ...sent, claimId: log?.args.claimId ?? 0n, deposit };
}
