import { settlementAbi } from "@backstop/abi";
import type { Address, PublicClient } from "viem";
import type { Signer } from "./context.ts";
import { write } from "./write.ts";

/** Settles a parametric market whose trigger fired: earmarks every eligible policy's payout. */
export async function settleMarket(wallet: Signer, settlement: Address, marketId: bigint) {
  return write(wallet, { address: settlement, abi: settlementAbi, functionName: "settle", args: [marketId] });
}

/** Pays a parametric policy of a settled market to its owner; returns the payout. */
export async function claimPolicy(wallet: Signer, settlement: Address, policyId: bigint) {
  const mined = await write(wallet, {
    address: settlement,
    abi: settlementAbi,
    functionName: "claim",
    args: [policyId],
  });
  return { ...mined, payout: mined.result as bigint };
}

/** The settlement record of a market (settledAt 0 = not settled). */
export async function readIncident(client: PublicClient, settlement: Address, marketId: bigint) {
  return client.readContract({
    address: settlement,
    abi: settlementAbi,
    functionName: "incident",
    args: [marketId],
  });
}

/** What a policy would be paid now, and whether it was paid. */
export async function readPayout(client: PublicClient, settlement: Address, policyId: bigint) {
  const [payout, paid] = await Promise.all([
    client.readContract({
      address: settlement,
      abi: settlementAbi,
      functionName: "payoutOf",
      args: [policyId],
    }),
    client.readContract({
      address: settlement,
      abi: settlementAbi,
      functionName: "isPaid",
      args: [policyId],
    }),
  ]);
  return { payout, paid };
}
