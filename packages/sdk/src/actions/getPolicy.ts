import { coverManagerAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetPolicyParameters = { coverManager: Address; policyId: bigint };
export type GetPolicyReturnType =
  | { policyId: bigint; marketId: bigint; amount: bigint; start: bigint; end: bigint; owner: Address }
  | undefined;

/** One policy and its holder; undefined when the id was never minted. */
export async function getPolicy(
  client: ReadClient,
  params: GetPolicyParameters,
): Promise<GetPolicyReturnType> {
  const read = { address: params.coverManager, abi: coverManagerAbi } as const;
  const p = await guarded(() =>
    readContract(client, { ...read, functionName: "policy", args: [params.policyId] }),
  );
  if (p.marketId === 0) return undefined;
  const owner = await guarded(() =>
    readContract(client, { ...read, functionName: "ownerOf", args: [params.policyId] }),
  );
  return {
    policyId: params.policyId,
    marketId: BigInt(p.marketId),
    amount: p.amount,
    start: BigInt(p.start),
    end: BigInt(p.end),
    owner,
  };
}
