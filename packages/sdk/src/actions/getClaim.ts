import { assessedClaimsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

/** ClaimStatus names, indexed by the on-chain enum. */
export const CLAIM_STATUSES = [
  "NONE",
  "FAST_TRACK",
  "VOTING",
  "APPROVED",
  "DENIED",
  "VOIDED",
  "PAID",
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type GetClaimParameters = { assessedClaims: Address; claimId: bigint };
export type GetClaimReturnType = {
  claimId: bigint;
  claimant: Address;
  marketId: bigint;
  policyId: bigint;
  status: ClaimStatus;
  /** End of the challenge window (FAST_TRACK) or of the vote (VOTING), unix seconds. */
  deadline: bigint;
  challenger: Address;
  /** When an APPROVED claim becomes redeemable. */
  payableAt: bigint;
  yes: number;
  no: number;
  amount: bigint;
  deposit: bigint;
  bond: bigint;
};

/** Reads one assessed claim; reverts UnknownClaim for an id never used. */
export async function getClaim(client: ReadClient, params: GetClaimParameters): Promise<GetClaimReturnType> {
  const c = await guarded(() =>
    readContract(client, {
      address: params.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "claimOf",
      args: [params.claimId],
    }),
  );
  return {
    claimId: params.claimId,
    claimant: c.claimant,
    marketId: BigInt(c.marketId),
    policyId: c.policyId,
    status: CLAIM_STATUSES[c.status] ?? "NONE",
    deadline: BigInt(c.deadline),
    challenger: c.challenger,
    payableAt: BigInt(c.payableAt),
    yes: c.yes,
    no: c.no,
    amount: c.amount,
    deposit: c.deposit,
    bond: c.bond,
  };
}
