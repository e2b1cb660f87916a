import { mockAggregatorAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type ReadFeedParameters = { feed: Address };
export type ReadFeedReturnType = { answer: bigint; updatedAt: bigint; roundId: bigint };

/** A Chainlink-style feed's latest round (AggregatorV3 `latestRoundData`). */
export async function readFeed(client: ReadClient, params: ReadFeedParameters): Promise<ReadFeedReturnType> {
  const [roundId, answer, , updatedAt] = await guarded(() =>
    readContract(client, { address: params.feed, abi: mockAggregatorAbi, functionName: "latestRoundData" }),
  );
  return { answer, updatedAt, roundId };
}
