import { assessedClaimsAbi, mockStableAbi } from "@backstop/abi";
import { type Address, erc20Abi, type PublicClient, parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import type { Signer } from "./context.ts";
import { write } from "./write.ts";

export const CLAIM_STATUS = ["NONE", "FAST_TRACK", "VOTING", "APPROVED", "DENIED", "VOIDED", "PAID"] as const;

/** Files an assessed claim (approving its deposit first); returns the claim id. */
export async function submitAssessedClaim(
  wallet: Signer,
  p: { assessedClaims: Address; asset: Address; policyId: bigint; amount: bigint; evidenceURI: string },
) {
  const depositBps = await readContract(wallet, {
    address: p.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "depositBps",
  });
  const deposit = (p.amount * BigInt(depositBps)) / 10_000n;
  if (deposit > 0n) {
    const allowance = await readContract(wallet, {
      address: p.asset,
      abi: erc20Abi,
      functionName: "allowance",
      args: [wallet.account.address, p.assessedClaims],
    });
    if (allowance < deposit)
      await write(wallet, {
        address: p.asset,
        abi: mockStableAbi,
        functionName: "approve",
        args: [p.assessedClaims, deposit],
      });
  }
  const mined = await write(wallet, {
    address: p.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "submitClaim",
    args: [p.policyId, p.amount, p.evidenceURI],
  });
  const [log] = parseEventLogs({
    abi: assessedClaimsAbi,
    logs: mined.receipt.logs,
    eventName: "ClaimSubmitted",
  });
  return { ...mined, claimId: log?.args.claimId ?? 0n, deposit };
}

/** Casts an assessor's vote. */
export async function voteOnClaim(
  wallet: Signer,
  assessedClaims: Address,
  claimId: bigint,
  approve: boolean,
) {
  return write(wallet, {
    address: assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "vote",
    args: [claimId, approve],
  });
}

/** Closes a claim whose window or vote ended. */
export async function finalizeClaim(wallet: Signer, assessedClaims: Address, claimId: bigint) {
  return write(wallet, {
    address: assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "finalize",
    args: [claimId],
  });
}

/** Pays an approved claim after its cooldown; returns the amount paid. */
export async function redeemAssessedClaim(wallet: Signer, assessedClaims: Address, claimId: bigint) {
  const mined = await write(wallet, {
    address: assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "redeemClaim",
    args: [claimId],
  });
  return { ...mined, paid: mined.result as bigint };
}

/** One claim, with its status named. */
export async function readClaim(client: PublicClient, assessedClaims: Address, claimId: bigint) {
  const c = await client.readContract({
    address: assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "claimOf",
    args: [claimId],
  });
  return { ...c, statusName: CLAIM_STATUS[c.status] ?? "NONE" };
}

/** The latest claim filed on a policy (0 = none). */
export async function claimIdOfPolicy(client: PublicClient, assessedClaims: Address, policyId: bigint) {
  return client.readContract({
    address: assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "claimOfPolicy",
    args: [policyId],
  });
}
