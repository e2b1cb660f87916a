import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { WriteClient } from "../internal/types.ts";
import { type GovernedCallErrorType, type GovernedCallReturnType, governedCall } from "./governedCall.ts";

export type RetireMarketParameters = { markets: Address; accessManager: Address; marketId: bigint };
export type RetireMarketReturnType = GovernedCallReturnType;
export type RetireMarketErrorType = GovernedCallErrorType;

/** Retires a market for good: no new cover; policies in force keep their terms (governance; scheduled first when governance has a delay). Leaves the market RETIRED. */
export async function retireMarket(
  client: WriteClient,
  params: RetireMarketParameters,
): Promise<RetireMarketReturnType> {
  return governedCall(client, {
    accessManager: params.accessManager,
    call: { address: params.markets, abi: marketsAbi, functionName: "retireMarket", args: [params.marketId] },
  });
}
