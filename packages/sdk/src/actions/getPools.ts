import { marketsAbi, poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ReadClient } from "../internal/types.ts";

export type GetPoolsParameters = { markets: Address };
export type PoolInfo = {
  id: number;
  address: Address;
  asset: Address;
  name: string;
  curator: Address;
  /** Capital (ERC-4626 totalAssets): the pool's TVL, unearned premium and fees excluded. */
  capital: bigint;
  totalSupply: bigint;
  unearnedPremium: bigint;
  totalExposure: bigint;
  lockedCapital: bigint;
  freeCapital: bigint;
  /** Highest group exposure / group limit, WAD. */
  worstGroupExposureRatio: bigint;
  curatorFeeBps: number;
  leverageBps: number;
  cooldown: number;
  backedMarkets: readonly bigint[];
};
export type GetPoolsReturnType = PoolInfo[];

/** Every registered pool with its capital, exposure and locks. */
export async function getPools(client: ReadClient, params: GetPoolsParameters): Promise<GetPoolsReturnType> {
  const count = await readContract(client, {
    address: params.markets,
    abi: marketsAbi,
    functionName: "poolCount",
  });
  return Promise.all(
    Array.from({ length: Number(count) }, async (_, id): Promise<PoolInfo> => {
      const address = await readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "pool",
        args: [BigInt(id)],
      });
      const read = { address, abi: poolAbi } as const;
      const [
        asset,
        name,
        curator,
        capital,
        totalSupply,
        unearned,
        exposure,
        locked,
        free,
        worst,
        params_,
        backed,
      ] = await Promise.all([
        readContract(client, { ...read, functionName: "asset" }),
        readContract(client, { ...read, functionName: "name" }),
        readContract(client, { ...read, functionName: "curator" }),
        readContract(client, { ...read, functionName: "capital" }),
        readContract(client, { ...read, functionName: "totalSupply" }),
        readContract(client, { ...read, functionName: "unearnedPremium" }),
        readContract(client, { ...read, functionName: "totalExposure" }),
        readContract(client, { ...read, functionName: "lockedCapital" }),
        readContract(client, { ...read, functionName: "freeCapital" }),
        readContract(client, { ...read, functionName: "worstGroupExposureRatio" }),
        readContract(client, { ...read, functionName: "poolParams" }),
        readContract(client, { ...read, functionName: "backedMarkets" }),
      ]);
      return {
        id,
        address,
        asset,
        name,
        curator,
        capital,
        totalSupply,
        unearnedPremium: unearned,
        totalExposure: exposure,
        lockedCapital: locked,
        freeCapital: free,
        worstGroupExposureRatio: worst,
        curatorFeeBps: params_[0],
        leverageBps: params_[1],
        cooldown: params_[2],
        backedMarkets: backed,
      };
    }),
  );
}
