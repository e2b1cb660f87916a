import { marketsAbi, poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetTvlParameters = { markets: Address };
export type GetTvlReturnType = { total: bigint; byPool: bigint[] };

/** Total value locked: the capital of every pool (unearned premium and fees excluded). */
export async function getTvl(client: ReadClient, params: GetTvlParameters): Promise<GetTvlReturnType> {
  return guarded(async () => {
    const count = await readContract(client, {
      address: params.markets,
      abi: marketsAbi,
      functionName: "poolCount",
    });
    const byPool = await Promise.all(
      Array.from({ length: Number(count) }, async (_, id) => {
        const address = await readContract(client, {
          address: params.markets,
          abi: marketsAbi,
          functionName: "pool",
          args: [BigInt(id)],
        });
        return readContract(client, { address, abi: poolAbi, functionName: "capital" });
      }),
    );
    return { total: byPool.reduce((a, b) => a + b, 0n), byPool };
  });
}
