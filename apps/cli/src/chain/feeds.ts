import { mockAggregatorAbi } from "@backstop/abi";
import type { Address, PublicClient } from "viem";
import type { Signer } from "./context.ts";
import { write } from "./write.ts";

/** Posts a new round on each mock feed (8 decimals). Devnet only: real feeds are Chainlink's. */
export async function setFeedPrice(wallet: Signer, feeds: readonly Address[], answer: bigint) {
  for (const feed of feeds)
    await write(wallet, { address: feed, abi: mockAggregatorAbi, functionName: "setAnswer", args: [answer] });
}

/** Re-posts each mock feed's latest answer as a new round now (a Chainlink heartbeat). */
export async function heartbeat(wallet: Signer, client: PublicClient, feeds: readonly Address[]) {
  for (const feed of feeds) {
    const answer = await readFeed(client, feed);
    await write(wallet, { address: feed, abi: mockAggregatorAbi, functionName: "setAnswer", args: [answer] });
  }
}

/** A feed's latest answer. */
export async function readFeed(client: PublicClient, feed: Address): Promise<bigint> {
  const [, answer] = await client.readContract({
    address: feed,
    abi: mockAggregatorAbi,
    functionName: "latestRoundData",
  });
  return answer;
}
