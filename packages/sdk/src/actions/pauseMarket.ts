import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { WriteClient } from "../internal/types.ts";
import { type GovernedCallErrorType, type GovernedCallReturnType, governedCall } from "./governedCall.ts";

export type PauseMarketParameters = { markets: Address; accessManager: Address; marketId: bigint };
export type PauseMarketReturnType = GovernedCallReturnType;
export type PauseMarketErrorType = GovernedCallErrorType;

/** Pauses a market (guardian, no delay): it sells no cover until unpaused. Leaves the market PAUSED. */
export async function pauseMarket(
  client: WriteClient,
  params: PauseMarketParameters,
): Promise<PauseMarketReturnType> {
  return governedCall(client, {
    accessManager: params.accessManager,
    call: { address: params.markets, abi: marketsAbi, functionName: "pauseMarket", args: [params.marketId] },
  });
}
