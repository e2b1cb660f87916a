import { assessedClaimsAbi, marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ClaimStatusError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareChallengeParameters = { assessedClaims: Address; claimId: bigint };
export type PrepareChallengeReturnType = PreparedRequest<typeof assessedClaimsAbi, "challenge">;

/** Builds `AssessedClaims.challenge`; pure. The caller must have approved AssessedClaims for the bond (prepareApprove). */
export function prepareChallenge(params: PrepareChallengeParameters): PrepareChallengeReturnType {
  return {
    address: params.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "challenge",
    args: [params.claimId],
  };
}

export type ChallengeParameters = {
  assessedClaims: Address;
  /** The Markets registry (to find the cover asset for the bond). */
  markets: Address;
  claimId: bigint;
};
export type ChallengeReturnType = Sent & { bond: bigint };
export type ChallengeErrorType =
  | ClaimStatusError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/**
 * Challenges a fast-track claim within its window, sending it to the market's assessors. Approves the bond
 * (claim amount x bondBps) first when the allowance is short.
 */
export async function challenge(
  client: WriteClient,
  params: ChallengeParameters,
): Promise<ChallengeReturnType> {
  const { asset, bond } = await guarded(async () => {
    const claims = { address: params.assessedClaims, abi: assessedClaimsAbi } as const;
    const [bondBps, c] = await Promise.all([
      readContract(client, { ...claims, functionName: "bondBps" }),
      readContract(client, { ...claims, functionName: "claimOf", args: [params.claimId] }),
    ]);
    const m = await readContract(client, {
      address: params.markets,
      abi: marketsAbi,
      functionName: "market",
      args: [BigInt(c.marketId)],
    });
    return { asset: m.asset, bond: (c.amount * BigInt(bondBps)) / 10_000n };
  });
  await approveIfNeeded(client, asset, params.assessedClaims, bond);
  const sent = await send(client, prepareChallenge(params));
  const log = expectEvent(sent, {
    abi: assessedClaimsAbi,
    eventName: "ClaimChallenged",
    action: "challenge",
  });
  return { ...sent, bond: log.args.bond };
}
