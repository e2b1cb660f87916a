import { coverManagerAbi } from "@backstop/abi";
import { type Address, type BlockNumber, type BlockTag, getAddress } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetPoliciesOfParameters = {
  coverManager: Address;
  owner: Address;
  /** Where to start scanning logs (the deployment's start block); defaults to the earliest block. */
  fromBlock?: BlockNumber | BlockTag;
};
export type PolicyInfo = {
  policyId: bigint;
  marketId: bigint;
  amount: bigint;
  start: bigint;
  end: bigint;
  premium: bigint;
  slices: readonly { poolId: number; amount: bigint }[];
};
export type GetPoliciesOfReturnType = PolicyInfo[];

/**
 * The policies `owner` holds now: candidates from CoverBought logs and NFT transfers to the owner,
 * kept when `ownerOf` still returns the owner.
 */
export async function getPoliciesOf(
  client: ReadClient,
  params: GetPoliciesOfParameters,
): Promise<GetPoliciesOfReturnType> {
  return guarded(async () => {
    const owner = getAddress(params.owner);
    const base = {
      address: params.coverManager,
      abi: coverManagerAbi,
      fromBlock: params.fromBlock ?? "earliest",
    } as const;
    const [bought, received] = await Promise.all([
      getContractEvents(client, { ...base, eventName: "CoverBought" }),
      getContractEvents(client, { ...base, eventName: "Transfer", args: { to: owner } }),
    ]);
    const premiums = new Map(bought.map((l) => [l.args.policyId ?? 0n, l.args.premium ?? 0n] as const));
    const candidates = new Set<bigint>();
    for (const l of bought)
      if (l.args.owner && getAddress(l.args.owner) === owner) candidates.add(l.args.policyId ?? 0n);
    for (const l of received) candidates.add(l.args.tokenId ?? 0n);
    const read = { address: params.coverManager, abi: coverManagerAbi } as const;
    const policies = await Promise.all(
      [...candidates].map(async (policyId): Promise<PolicyInfo | undefined> => {
        const holder = await readContract(client, {
          ...read,
          functionName: "ownerOf",
          args: [policyId],
        }).catch(() => undefined);
        if (!holder || getAddress(holder) !== owner) return undefined;
        const [p, slices] = await Promise.all([
          readContract(client, { ...read, functionName: "policy", args: [policyId] }),
          readContract(client, { ...read, functionName: "slices", args: [policyId] }),
        ]);
        return {
          policyId,
          marketId: BigInt(p.marketId),
          amount: p.amount,
          start: BigInt(p.start),
          end: BigInt(p.end),
          premium: premiums.get(policyId) ?? 0n,
          slices: slices.map((s) => ({ poolId: s.poolId, amount: s.amount })),
        };
      }),
    );
    return policies
      .filter((p): p is PolicyInfo => p !== undefined)
      .sort((a, b) => (a.policyId < b.policyId ? -1 : 1));
  });
}
