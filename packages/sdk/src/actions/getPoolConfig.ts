import { marketsAbi, poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type PoolMarketConfig = {
  marketId: bigint;
  weightBps: number;
  followOracle: boolean;
  listed: boolean;
  curve: { baseRateBps: number; slope1Bps: number; slope2Bps: number; kinkBps: number };
};
export type GetPoolConfigParameters = { pool: Address; markets: Address };
export type GetPoolConfigReturnType = {
  curator: Address;
  asset: Address;
  curatorFeeBps: number;
  leverageBps: number;
  /** Redemption cooldown, seconds. */
  cooldown: number;
  /** Deposit and transfer gate (zero for none). */
  gate: Address;
  /** Curator timelock, seconds: risk-increasing changes wait max(timelock, cooldown). */
  timelock: number;
  /** Whether the pool has shares (a pool without shares applies every change at once). */
  hasShares: boolean;
  markets: PoolMarketConfig[];
  /** Cap per correlation group id, in bps of capital. */
  groupCaps: { groupId: number; capBps: number; booked: bigint }[];
};

/** A pool's curator settings: parameters, timelock, per-market weights and curves, group caps. */
export async function getPoolConfig(
  client: ReadClient,
  params: GetPoolConfigParameters,
): Promise<GetPoolConfigReturnType> {
  const read = { address: params.pool, abi: poolAbi } as const;
  const [curator, asset, [curatorFeeBps, leverageBps, cooldown, gate, timelock], supply, backed, groupCount] =
    await guarded(() =>
      Promise.all([
        readContract(client, { ...read, functionName: "curator" }),
        readContract(client, { ...read, functionName: "asset" }),
        readContract(client, { ...read, functionName: "poolParams" }),
        readContract(client, { ...read, functionName: "totalSupply" }),
        readContract(client, { ...read, functionName: "backedMarkets" }),
        readContract(client, { address: params.markets, abi: marketsAbi, functionName: "groupCount" }),
      ]),
    );
  const markets = await guarded(() =>
    Promise.all(
      backed.map(async (marketId): Promise<PoolMarketConfig> => {
        const c = await readContract(client, { ...read, functionName: "marketConfig", args: [marketId] });
        return {
          marketId,
          weightBps: c.weightBps,
          followOracle: c.followOracle,
          listed: c.listed,
          curve: { ...c.curve },
        };
      }),
    ),
  );
  const groupCaps = await guarded(() =>
    Promise.all(
      Array.from({ length: groupCount }, async (_, groupId) => {
        const [booked, capBps] = await readContract(client, {
          ...read,
          functionName: "groupExposure",
          args: [groupId],
        });
        return { groupId, capBps, booked };
      }),
    ),
  );
  return {
    curator,
    asset,
    curatorFeeBps,
    leverageBps,
    cooldown,
    gate,
    timelock,
    hasShares: supply > 0n,
    markets,
    groupCaps,
  };
}
