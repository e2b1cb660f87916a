import { riskPriceFeedAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetRiskPriceParameters = { feed: Address };
export type GetRiskPriceReturnType = {
  feed: Address;
  marketId: bigint;
  description: string;
  /** The feed's decimals (8: an answer of 1e8 is a 100% annual rate). */
  decimals: number;
  /** AggregatorV3 `latestRoundData().answer`: the annual cover rate scaled by 10^decimals. */
  answer: bigint;
  /** The same rate in basis points (answer / 1e4 for 8 decimals). */
  rateBps: bigint;
  roundId: bigint;
  updatedAt: bigint;
};

/**
 * Reads a market's RiskPriceFeed through the AggregatorV3 interface: the annual cover rate the pools charge now
 * (`PoolLens.currentRateBps` x 1e4, 8 decimals), computed at read time.
 */
export async function getRiskPrice(
  client: ReadClient,
  params: GetRiskPriceParameters,
): Promise<GetRiskPriceReturnType> {
  const c = { address: params.feed, abi: riskPriceFeedAbi } as const;
  return guarded(async () => {
    const [decimals, description, marketId, round] = await Promise.all([
      readContract(client, { ...c, functionName: "decimals" }),
      readContract(client, { ...c, functionName: "description" }),
      readContract(client, { ...c, functionName: "marketId" }),
      readContract(client, { ...c, functionName: "latestRoundData" }),
    ]);
    const [roundId, answer, , updatedAt] = round;
    // 10_000 bps = 100% = 10^decimals.
    const rateBps = (answer * 10_000n) / 10n ** BigInt(decimals);
    return { feed: params.feed, marketId, description, decimals, answer, rateBps, roundId, updatedAt };
  });
}
