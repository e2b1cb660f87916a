import { mockAggregatorAbi, pegTriggerAbi } from "@backstop/abi";
import type { Address } from "viem";
import { getBlock, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { readFeed } from "./readFeed.ts";
import { TRIGGER_STATES, type TriggerState } from "./readTrigger.ts";

export type ReadPegTriggerParameters = { trigger: Address };
export type PegFeedReading = {
  feed: Address;
  /** The latest answer in the feeds' decimals, or undefined when the feed's read fails (the trigger ignores it). */
  answer?: bigint;
  updatedAt?: bigint;
};
export type ReadPegTriggerReturnType = {
  state: TriggerState;
  feeds: PegFeedReading[];
  /** Prices in the feeds' decimals. */
  peg: bigint;
  triggerPrice: bigint;
  recoveryPrice: bigint;
  decimals: number;
  /** Seconds the price must stay below the trigger price, without recovering, to fire. */
  window: bigint;
  maxStaleness: bigint;
  minFreshFeeds: bigint;
  /** When the open candidate started (the consensus first went below the trigger price) while FROZEN, else 0. */
  candidateTime: bigint;
  /** The consensus of the fresh feeds now, as the next poke would see it. */
  observation: { freshFeeds: bigint; priceLow: bigint; priceHigh: bigint; time: bigint };
  /** The chain time the figures were read at. */
  timestamp: bigint;
};

/**
 * Everything a peg trigger's rule looks at, read at one block: each feed's latest answer, the trigger and recovery
 * prices, the window, the open candidate and the consensus a poke would observe now.
 */
export async function readPegTrigger(
  client: ReadClient,
  params: ReadPegTriggerParameters,
): Promise<ReadPegTriggerReturnType> {
  const block = await guarded(() => getBlock(client));
  const at = { address: params.trigger, abi: pegTriggerAbi, blockNumber: block.number } as const;
  const [state, feeds, peg, triggerPrice, recoveryPrice, window, maxStaleness, minFreshFeeds, candidate, o] =
    await guarded(() =>
      Promise.all([
        readContract(client, { ...at, functionName: "state" }),
        readContract(client, { ...at, functionName: "feeds" }),
        readContract(client, { ...at, functionName: "peg" }),
        readContract(client, { ...at, functionName: "triggerPrice" }),
        readContract(client, { ...at, functionName: "recoveryPrice" }),
        readContract(client, { ...at, functionName: "window" }),
        readContract(client, { ...at, functionName: "maxStaleness" }),
        readContract(client, { ...at, functionName: "minFreshFeeds" }),
        readContract(client, { ...at, functionName: "candidateTime" }),
        readContract(client, { ...at, functionName: "observe" }),
      ]),
    );
  const readings = await Promise.all(
    feeds.map((feed) =>
      readFeed(client, { feed }).then(
        (r): PegFeedReading => ({ feed, answer: r.answer, updatedAt: r.updatedAt }),
        // A feed that cannot be read is reported as such: the trigger leaves it out too.
        (): PegFeedReading => ({ feed }),
      ),
    ),
  );
  // Every feed of one trigger has the same decimals (its constructor checks).
  const decimals = feeds[0]
    ? await guarded(() =>
        readContract(client, {
          address: feeds[0] as Address,
          abi: mockAggregatorAbi,
          functionName: "decimals",
        }),
      )
    : 8;
  return {
    state: TRIGGER_STATES[state] ?? "ACTIVE",
    feeds: readings,
    peg,
    triggerPrice,
    recoveryPrice,
    decimals,
    window,
    maxStaleness,
    minFreshFeeds,
    candidateTime: candidate,
    observation: { freshFeeds: o.freshFeeds, priceLow: o.priceLow, priceHigh: o.priceHigh, time: o.time },
    timestamp: block.timestamp,
  };
}
