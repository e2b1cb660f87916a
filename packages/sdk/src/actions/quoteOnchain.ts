import { poolLensAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type QuoteOnchainParameters = {
  poolLens: Address;
  marketId: bigint;
  amount: bigint;
  /** Seconds of cover. */
  period: bigint;
  /** Candidate pool ids, filled greedily in this order as `buyCover` does. */
  pools: readonly number[];
  /** Read at this block (default: latest). */
  blockNumber?: bigint;
};
export type QuoteOnchainReturnType = {
  /** Cover the candidate pools can take now (less than `amount`: buyCover would revert InsufficientCapacity). */
  filled: bigint;
  /** Premium for `filled`, commission excluded, as buyCover would charge in the same block. */
  premium: bigint;
  /** Premium per year of cover in bps of `filled`, rounded down. */
  annualRateBps: bigint;
  /** The greedy fill, in candidate order. */
  slices: { poolId: number; amount: bigint }[];
};
export type QuoteOnchainErrorType = ContractRevertError | UnknownRevertError;

/**
 * The exact on-chain quote (`PoolLens.quote`): what buyCover over `pools` in this order would fill and charge
 * now. A view, so it does not release other markets' expired cover: it may fill less than a purchase, never more.
 */
export async function quoteOnchain(
  client: ReadClient,
  params: QuoteOnchainParameters,
): Promise<QuoteOnchainReturnType> {
  const q = await guarded(() =>
    readContract(client, {
      address: params.poolLens,
      abi: poolLensAbi,
      functionName: "quote",
      args: [params.marketId, params.amount, params.period, [...params.pools]],
      ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }),
    }),
  );
  return {
    filled: q.filled,
    premium: q.premium,
    annualRateBps: q.annualRateBps,
    slices: q.slices.map((s) => ({ poolId: s.poolId, amount: s.amount })),
  };
}
