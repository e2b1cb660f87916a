import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type ConvertToSharesParameters = { pool: Address; assets: bigint };
export type ConvertToSharesReturnType = bigint;

/** The shares `assets` are worth in `pool` at the deposit price (ERC-4626 convertToShares). */
export async function convertToShares(
  client: ReadClient,
  params: ConvertToSharesParameters,
): Promise<ConvertToSharesReturnType> {
  return guarded(() =>
    readContract(client, {
      address: params.pool,
      abi: poolAbi,
      functionName: "convertToShares",
      args: [params.assets],
    }),
  );
}
