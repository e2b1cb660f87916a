// Devnet-only controls (mock feeds, the clock), so the CLI's `feed` and `time` commands need neither a mock's
// ABI nor raw node methods.
import { mockAggregatorAbi } from "@backstop/abi";
import type { Address, PublicClient } from "viem";
import { type Signer, write } from "./chain.ts";

/** Posts a new round on each mock feed (8 decimals). Devnet only: real feeds are Chainlink's. */
export async function setFeedPrice(wallet: Signer, feeds: readonly Address[], answer: bigint): Promise<void> {
  for (const feed of feeds)
    await write(wallet, { address: feed, abi: mockAggregatorAbi, functionName: "setAnswer", args: [answer] });
}

/** A mock feed's latest answer (8 decimals). */
export async function readFeed(client: PublicClient, feed: Address): Promise<bigint> {
  const [, answer] = await client.readContract({
    address: feed,
    abi: mockAggregatorAbi,
    functionName: "latestRoundData",
  });
  return answer;
}

/** Re-posts each mock feed's latest answer as a new round now (a Chainlink heartbeat). */
export async function heartbeat(
  wallet: Signer,
  client: PublicClient,
  feeds: readonly Address[],
): Promise<void> {
  for (const feed of feeds) await setFeedPrice(wallet, [feed], await readFeed(client, feed));
}

/** Moves the devnet's clock forward by `seconds` and mines a block; returns the new block time. */
export async function advanceTime(client: PublicClient, seconds: bigint): Promise<bigint> {
  const request = client.request as unknown as (args: {
    method: string;
    params: unknown[];
  }) => Promise<unknown>;
  await request({ method: "evm_increaseTime", params: [Number(seconds)] });
  await request({ method: "evm_mine", params: [] });
  return (await client.getBlock()).timestamp;
}
