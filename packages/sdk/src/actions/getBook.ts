import { marketsAbi, poolAbi } from "@backstop/abi";
import { type Address, erc20Abi, hexToString, zeroAddress } from "viem";
import { getBlock, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { getMarkets, type MarketInfo } from "./getMarkets.ts";
import { getPools, type PoolInfo } from "./getPools.ts";
import { readTrigger, type TriggerKind } from "./readTrigger.ts";

export type GetBookParameters = { markets: Address; poolLens: Address };
export type GetBookReturnType = {
  markets: MarketInfo[];
  pools: PoolInfo[];
  /** Live cover each pool writes for each market it backs, in asset units. */
  exposures: { poolId: number; marketId: bigint; exposure: bigint }[];
  /** Correlation-group index by name (the bytes32 names of `Markets.groupName`). */
  groupNames: Record<string, number>;
  /** Trigger kind by market id; markets without a trigger (assessed) are absent. */
  triggerKinds: Record<string, TriggerKind>;
  /** Decimals of the cover asset (of the first pool's asset; 6 when there is no pool). */
  assetDecimals: number;
  /** Date of the block read (YYYY-MM-DD). */
  asOf: string;
};

/** The whole book in one read: markets, pools, every pool's live cover per market, group names, trigger kinds. */
export async function getBook(client: ReadClient, params: GetBookParameters): Promise<GetBookReturnType> {
  return guarded(async () => {
    const [markets, pools, groupCount, block] = await Promise.all([
      getMarkets(client, params),
      getPools(client, params),
      readContract(client, { address: params.markets, abi: marketsAbi, functionName: "groupCount" }),
      getBlock(client),
    ]);
    const groupNames: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: Number(groupCount) }, async (_, id) => {
        const raw = await readContract(client, {
          address: params.markets,
          abi: marketsAbi,
          functionName: "groupName",
          args: [id],
        });
        groupNames[hexToString(raw, { size: 32 }).replace(/\0+$/, "")] = id;
      }),
    );
    const exposures = (
      await Promise.all(
        pools.flatMap((p) =>
          p.backedMarkets.map(async (marketId) => ({
            poolId: p.id,
            marketId,
            exposure: await readContract(client, {
              address: p.address,
              abi: poolAbi,
              functionName: "exposure",
              args: [marketId],
            }),
          })),
        ),
      )
    ).sort((a, b) => a.poolId - b.poolId || Number(a.marketId - b.marketId));
    const triggerKinds: Record<string, TriggerKind> = {};
    await Promise.all(
      markets
        .filter((m) => m.trigger !== zeroAddress)
        .map(async (m) => {
          triggerKinds[String(m.id)] = (await readTrigger(client, { trigger: m.trigger })).kind;
        }),
    );
    const first = pools[0];
    const assetDecimals = first
      ? await readContract(client, { address: first.asset, abi: erc20Abi, functionName: "decimals" })
      : 6;
    return {
      markets,
      pools,
      exposures,
      groupNames,
      triggerKinds,
      assetDecimals,
      asOf: new Date(Number(block.timestamp) * 1000).toISOString().slice(0, 10),
    };
  });
}
