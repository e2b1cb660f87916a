import type { ReadClient } from "../internal/types.ts";

export type IncreaseTimeParameters = { seconds: bigint };
/** The new block time, unix seconds. */
export type IncreaseTimeReturnType = bigint;

/**
 * Development chains only (Hardhat, Anvil): moves the clock forward by `seconds` and mines a block. Uses the
 * `evm_increaseTime` and `evm_mine` methods, which production nodes do not serve.
 */
export async function increaseTime(
  client: ReadClient,
  params: IncreaseTimeParameters,
): Promise<IncreaseTimeReturnType> {
  // biome-ignore lint/suspicious/noExplicitAny: development-node methods are outside viem's public schema
  const request = client.request as (args: { method: string; params: unknown[] }) => Promise<any>;
  await request({ method: "evm_increaseTime", params: [Number(params.seconds)] });
  await request({ method: "evm_mine", params: [] });
  const block = (await request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as {
    timestamp: `0x${string}`;
  };
  return BigInt(block.timestamp);
}
