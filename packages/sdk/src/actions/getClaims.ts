import { assessedClaimsAbi } from "@backstop/abi";
import { type Address, getAddress } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { type GetClaimReturnType, getClaim } from "./getClaim.ts";

export type GetClaimsParameters = {
  assessedClaims: Address;
  marketId?: bigint;
  policyId?: bigint;
  claimant?: Address;
};
export type GetClaimsReturnType = GetClaimReturnType[];

/** Every assessed claim (ids 1..claimCount), optionally only a market's, a policy's or a claimant's. */
export async function getClaims(
  client: ReadClient,
  params: GetClaimsParameters,
): Promise<GetClaimsReturnType> {
  const count = await guarded(() =>
    readContract(client, {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "claimCount",
    }),
  );
  const all = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      getClaim(client, { assessedClaims: params.assessedClaims, claimId: BigInt(i + 1) }),
    ),
  );
  const claimant = params.claimant ? getAddress(params.claimant) : undefined;
  return all.filter(
    (c) =>
      (params.marketId === undefined || c.marketId === params.marketId) &&
      (params.policyId === undefined || c.policyId === params.policyId) &&
      (claimant === undefined || getAddress(c.claimant) === claimant),
  );
}
