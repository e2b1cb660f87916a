import { assessedClaimsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetClaimOfPolicyParameters = { assessedClaims: Address; policyId: bigint };
/** The latest claim id filed on the policy; 0 when none. */
export type GetClaimOfPolicyReturnType = bigint;

/** The latest assessed claim filed on a policy (0 = none). */
export async function getClaimOfPolicy(
  client: ReadClient,
  params: GetClaimOfPolicyParameters,
): Promise<GetClaimOfPolicyReturnType> {
  return guarded(() =>
    readContract(client, {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "claimOfPolicy",
      args: [params.policyId],
    }),
  );
}
