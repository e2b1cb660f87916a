import { assessedClaimsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetClaimParamsParameters = { assessedClaims: Address };
export type GetClaimParamsReturnType = {
  /** Seconds a fast-track claim stays open to a challenge. */
  challengeWindow: number;
  /** The claimant's deposit, bps of the amount claimed (returned when the claim is approved). */
  depositBps: number;
  /** A challenger's bond, bps of the amount claimed (paid to the claimant when the claim is approved). */
  bondBps: number;
};

/** The claim rules every market shares: challenge window, claimant's deposit and challenger's bond. */
export async function getClaimParams(
  client: ReadClient,
  params: GetClaimParamsParameters,
): Promise<GetClaimParamsReturnType> {
  const claims = { address: params.assessedClaims, abi: assessedClaimsAbi } as const;
  const [challengeWindow, depositBps, bondBps] = await guarded(() =>
    Promise.all([
      readContract(client, { ...claims, functionName: "challengeWindow" }),
      readContract(client, { ...claims, functionName: "depositBps" }),
      readContract(client, { ...claims, functionName: "bondBps" }),
    ]),
  );
  return { challengeWindow, depositBps, bondBps };
}
