import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetMarketsParameters = { markets: Address };
export type MarketInfo = {
  id: bigint;
  asset: Address;
  status: number;
  claimMode: number;
  payoutMode: number;
  deductibleBps: number;
  maturationDelay: number;
  trigger: Address;
  minPeriod: number;
  maxPeriod: number;
  groups: bigint;
  baseRateBps: number;
  termsURI: string;
  /** Pool ids backing the market. */
  pools: readonly number[];
  /** Total value covered: live exposure across its pools. */
  tvc: bigint;
};
export type GetMarketsReturnType = MarketInfo[];

/** Every market in the registry with its pools and TVC. */
export async function getMarkets(
  client: ReadClient,
  params: GetMarketsParameters,
): Promise<GetMarketsReturnType> {
  return guarded(async () => {
    const read = { address: params.markets, abi: marketsAbi } as const;
    const count = await readContract(client, { ...read, functionName: "marketCount" });
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    return Promise.all(
      ids.map(async (id): Promise<MarketInfo> => {
        const [m, termsURI, pools, tvc] = await Promise.all([
          readContract(client, { ...read, functionName: "market", args: [id] }),
          readContract(client, { ...read, functionName: "termsURI", args: [id] }),
          readContract(client, { ...read, functionName: "marketPools", args: [id] }),
          readContract(client, { ...read, functionName: "tvc", args: [id] }),
        ]);
        return {
          id,
          asset: m.asset,
          status: m.status,
          claimMode: m.claimMode,
          payoutMode: m.payoutMode,
          deductibleBps: m.deductibleBps,
          maturationDelay: m.maturationDelay,
          trigger: m.trigger,
          minPeriod: m.minPeriod,
          maxPeriod: m.maxPeriod,
          groups: m.groups,
          baseRateBps: m.baseRateBps,
          termsURI,
          pools,
          tvc,
        };
      }),
    );
  });
}
