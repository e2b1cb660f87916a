import { marketsAbi } from "@backstop/abi";
import {
  commission,
  type Fill,
  fillCheapest,
  fillGreedy,
  type SaleTerms,
  type SliceQuote,
} from "@backstop/core";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { toBackstopError } from "../errors/decode.ts";
import type { ReadClient } from "../internal/types.ts";
import { readPoolMarketState } from "./readPoolMarketState.ts";

export type QuoteParameters = {
  markets: Address;
  marketId: bigint;
  amount: bigint;
  /** Seconds of cover. */
  period: bigint;
  /** Candidate pool ids; defaults to every pool backing the market, in registry order. */
  pools?: readonly number[];
  /** "cheapest" (default) reorders pools to minimise the premium; "given" keeps the order as passed. */
  ordering?: "cheapest" | "given";
  commissionBps?: number;
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
};
export type QuoteErrorType = ContractRevertError | UnknownRevertError;

/**
 * Quotes cover for a market over its pools, with the same math as the contracts over on-chain state.
 * Exact when no premium stream accrues between the quote and the purchase; otherwise within rounding.
 */
export async function quote(client: ReadClient, params: QuoteParameters): Promise<QuoteReturnType> {
  try {
    const [market, [, protocolFeeBps], listed] = await Promise.all([
      readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "market",
        args: [params.marketId],
      }),
      readContract(client, { address: params.markets, abi: marketsAbi, functionName: "protocolParams" }),
      readContract(client, {
        address: params.markets,
        abi: marketsAbi,
        functionName: "marketPools",
        args: [params.marketId],
      }),
    ]);
    const ids = params.pools ?? listed;
    const states = await Promise.all(
      ids.map((poolId) =>
        readPoolMarketState(client, {
          markets: params.markets,
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
    const fee = commission(fill.premium, BigInt(params.commissionBps ?? 0));
    return {
      pools: params.ordering === "given" ? [...ids] : fill.slices.map((s) => s.poolId),
      filled: fill.filled,
      premium: fill.premium,
      commission: fee,
      total: fill.premium + fee,
      allocation: fill.slices,
      breakdown: {
        curatorFee: fill.curatorFee,
        protocolFee: fill.protocolFee,
        lpShare: fill.lpShare,
        commission: fee,
      },
      averageRateBps:
        fill.filled === 0n || params.period === 0n
          ? 0n
          : (fill.premium * 10_000n * 365n * 86_400n) / (fill.filled * params.period),
    };
  } catch (err) {
    throw toBackstopError(err);
  }
}
