import type { PublicClient } from "viem";

/** Moves a development chain's clock forward and mines a block; returns the new block time. */
export async function advanceTime(client: PublicClient, seconds: bigint): Promise<bigint> {
  // biome-ignore lint/suspicious/noExplicitAny: development-node methods are outside viem's public schema
  const request = client.request as (args: { method: string; params: unknown[] }) => Promise<any>;
  await request({ method: "evm_increaseTime", params: [Number(seconds)] });
  await request({ method: "evm_mine", params: [] });
  return (await client.getBlock()).timestamp;
}
