import { marketsAbi } from "@backstop/abi";
import {
  commission,
  type Fill,
  fillCheapest,
  fillGreedy,
  type SaleTerms,
  type SliceQuote,
  YEAR,
} from "@backstop/core";
import type { Address } from "viem";
import { getBlockNumber, readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { toBackstopError } from "../errors/decode.ts";
import type { ReadClient } from "../internal/types.ts";
import { quoteOnchain } from "./quoteOnchain.ts";
import { readPoolMarketState } from "./readPoolMarketState.ts";

export type QuoteParameters = {
  markets: Address;
  poolLens: Address;
  marketId: bigint;
  amount: bigint;
  /** Seconds of cover. */
  period: bigint;
  /** Candidate pool ids; defaults to every pool backing the market, in registry order. */
  pools?: readonly number[];
  /** "cheapest" (default) reorders pools to minimise the premium; "given" keeps the order as passed. */
  ordering?: "cheapest" | "given";
  commissionBps?: number;
  /**
   * Re-quote the chosen pool order with the on-chain PoolLens.quote and take its filled and premium (default
   * true). The core math matches it; this pins the figures to what the contracts compute at the same block.
   */
  onchain?: boolean;
};
export type QuoteReturnType = {
  /** The pool order to pass to `buyCover`. */
  pools: number[];
  /** Cover the pools can fill (less than `amount` means buyCover would revert InsufficientCapacity). */
  filled: bigint;
  premium: bigint;
  commission: bigint;
  /** premium + commission: the least `maxPremium` that succeeds if nothing changes on-chain. */
  total: bigint;
  allocation: SliceQuote[];
  breakdown: { curatorFee: bigint; protocolFee: bigint; lpShare: bigint; commission: bigint };
  /** Annualised average rate of the whole order, bps (rounded down). */
  averageRateBps: bigint;
  /** The block the quote was read at. */
  blockNumber: bigint;
};
export type QuoteErrorType = ContractRevertError | UnknownRevertError;

/**
 * Quotes cover for a market over its pools: chooses the cheapest pool order with the core math (a mirror of
 * the contracts) over on-chain state read at one block, then prices that order with PoolLens.quote at the
 * same block. Exact when no premium stream accrues between the quote and the purchase (a purchase a block
 * later sees slightly more capital, so it never pays more than quoted for the same fill).
 */
export async function quote(client: ReadClient, params: QuoteParameters): Promise<QuoteReturnType> {
  try {
    const blockNumber = await getBlockNumber(client, { cacheTime: 0 });
    const at = { blockNumber } as const;
    const [market, [, protocolFeeBps], listed] = await Promise.all([
      readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "market",
        args: [params.marketId],
        ...at,
      }),
      readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "protocolParams",
        ...at,
      }),
      readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "marketPools",
        args: [params.marketId],
        ...at,
      }),
    ]);
    const ids = params.pools ?? listed;
    const states = await Promise.all(
      ids.map((poolId) =>
        readPoolMarketState(client, {
          markets: params.markets,
          poolLens: params.poolLens,
          blockNumber,
          poolId,
          marketId: params.marketId,
          groups: market.groups,
        }),
      ),
    );
    const terms: SaleTerms = {
      period: params.period,
      oracleBaseRateBps: BigInt(market.baseRateBps),
      protocolFeeBps: BigInt(protocolFeeBps),
    };
    const fill: Fill =
      params.ordering === "given"
        ? fillGreedy(states, params.amount, terms)
        : fillCheapest(states, params.amount, terms);
    const pools = params.ordering === "given" ? [...ids] : fill.slices.map((s) => s.poolId);
    let { filled, premium } = fill;
    if ((params.onchain ?? true) && pools.length > 0) {
      ({ filled, premium } = await quoteOnchain(client, {
        poolLens: params.poolLens,
        marketId: params.marketId,
        amount: params.amount,
        period: params.period,
        pools,
        blockNumber,
      }));
    }
    const fee = commission(premium, BigInt(params.commissionBps ?? 0));
    return {
      pools,
      filled,
      premium,
      commission: fee,
      total: premium + fee,
      allocation: fill.slices,
      breakdown: {
        curatorFee: fill.curatorFee,
        protocolFee: fill.protocolFee,
        lpShare: fill.lpShare,
        commission: fee,
      },
      averageRateBps:
        filled === 0n || params.period === 0n ? 0n : (premium * 10_000n * YEAR) / (filled * params.period),
      blockNumber,
    };
  } catch (err) {
    throw toBackstopError(err);
  }
}
