import { marketsAbi, poolAbi, poolLensAbi } from "@backstop/abi";
import { type GroupExposure, groupIds, type PoolMarketState } from "@backstop/core";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type ReadPoolMarketStateParameters = {
  markets: Address;
  poolLens: Address;
  poolId: number;
  marketId: bigint;
  groups: bigint;
  /** Read at this block (default: latest), so several pools are read at one state. */
  blockNumber?: bigint;
};
export type ReadPoolMarketStateReturnType = PoolMarketState & { address: Address };

/**
 * Reads what a sale of `marketId` in pool `poolId` depends on, with plain reads (no multicall): underwriting
 * capital from PoolLens, exposure, limits and the market's configuration from the pool.
 */
export async function readPoolMarketState(
  client: ReadClient,
  params: ReadPoolMarketStateParameters,
): Promise<ReadPoolMarketStateReturnType> {
  return guarded(async () => {
    const at = params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber };
    const address = await readContract(client, {
      address: params.markets,
      abi: marketsAbi,
      functionName: "pool",
      args: [BigInt(params.poolId)],
      ...at,
    });
    const read = { address, abi: poolAbi, ...at } as const;
    const ids = groupIds(params.groups);
    const [capital, exposure, ledger, totalExposure, [curatorFeeBps, leverageBps], config, groups] =
      await Promise.all([
        readContract(client, {
          address: params.poolLens,
          abi: poolLensAbi,
          functionName: "underwritingCapital",
          args: [address],
          ...at,
        }),
        readContract(client, { ...read, functionName: "exposure", args: [params.marketId] }),
        readContract(client, { ...read, functionName: "exposureLedger", args: [params.marketId] }),
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
      closed: ledger.closed,
      totalExposure,
      leverageBps: BigInt(leverageBps),
      curatorFeeBps: BigInt(curatorFeeBps),
      config: {
        weightBps: BigInt(config.weightBps),
        followOracle: config.followOracle,
        listed: config.listed,
        releaseDelayDays: BigInt(config.releaseDelayDays),
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
  });
}
