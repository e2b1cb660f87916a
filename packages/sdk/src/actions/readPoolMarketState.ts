import { marketsAbi, poolAbi } from "@backstop/abi";
import { type GroupExposure, groupIds, type PoolMarketState } from "@backstop/core";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ReadClient } from "../internal/types.ts";

export type ReadPoolMarketStateParameters = {
  markets: Address;
  poolId: number;
  marketId: bigint;
  groups: bigint;
};
export type ReadPoolMarketStateReturnType = PoolMarketState & { address: Address };

/** Reads what a sale of `marketId` in pool `poolId` depends on, with plain reads (no multicall). */
export async function readPoolMarketState(
  client: ReadClient,
  params: ReadPoolMarketStateParameters,
): Promise<ReadPoolMarketStateReturnType> {
  const address = await readContract(client, {
    address: params.markets,
    abi: marketsAbi,
    functionName: "pool",
    args: [BigInt(params.poolId)],
  });
  const read = { address, abi: poolAbi } as const;
  const ids = groupIds(params.groups);
  const [capital, exposure, totalExposure, [curatorFeeBps, leverageBps], config, groups] = await Promise.all([
    readContract(client, { ...read, functionName: "capital" }),
    readContract(client, { ...read, functionName: "exposure", args: [params.marketId] }),
    readContract(client, { ...read, functionName: "totalExposure" }),
    readContract(client, { ...read, functionName: "poolParams" }),
    readContract(client, { ...read, functionName: "marketConfig", args: [params.marketId] }),
    Promise.all(
      ids.map(async (groupId): Promise<GroupExposure> => {
        const [booked, capBps] = await readContract(client, {
          ...read,
          functionName: "groupExposure",
          args: [groupId],
        });
        return { groupId, booked, capBps: BigInt(capBps) };
      }),
    ),
  ]);
  return {
    address,
    poolId: params.poolId,
    capital,
    exposure,
    totalExposure,
    leverageBps: BigInt(leverageBps),
    curatorFeeBps: BigInt(curatorFeeBps),
    config: {
      weightBps: BigInt(config.weightBps),
      followOracle: config.followOracle,
      groups: config.groups,
      curve: {
        baseRateBps: BigInt(config.curve.baseRateBps),
        slope1Bps: BigInt(config.curve.slope1Bps),
        slope2Bps: BigInt(config.curve.slope2Bps),
        kinkBps: BigInt(config.curve.kinkBps),
      },
    },
    groups,
  };
}
