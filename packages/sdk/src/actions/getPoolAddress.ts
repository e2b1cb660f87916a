import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetPoolAddressParameters = { markets: Address; poolId: number | bigint };
export type GetPoolAddressReturnType = {
  /** Pools registered: ids run 0..poolCount-1. */
  poolCount: bigint;
  /** Undefined when `poolId` is not below poolCount. */
  pool?: Address;
};

/** A pool's address by registry id. */
export async function getPoolAddress(
  client: ReadClient,
  params: GetPoolAddressParameters,
): Promise<GetPoolAddressReturnType> {
  const read = { address: params.markets, abi: marketsAbi } as const;
  const poolCount = await guarded(() => readContract(client, { ...read, functionName: "poolCount" }));
  const id = BigInt(params.poolId);
  if (id < 0n || id >= poolCount) return { poolCount };
  const pool = await guarded(() => readContract(client, { ...read, functionName: "pool", args: [id] }));
  return { poolCount, pool };
}
