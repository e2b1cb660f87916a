import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { WriteClient } from "../internal/types.ts";
import { type GovernedCallErrorType, type GovernedCallReturnType, governedCall } from "./governedCall.ts";

export type UnpauseMarketParameters = { markets: Address; accessManager: Address; marketId: bigint };
export type UnpauseMarketReturnType = GovernedCallReturnType;
export type UnpauseMarketErrorType = GovernedCallErrorType;

/** Unpauses a paused market (governance; scheduled first when governance has a delay). Leaves the market ACTIVE. */
export async function unpauseMarket(
  client: WriteClient,
  params: UnpauseMarketParameters,
): Promise<UnpauseMarketReturnType> {
  return governedCall(client, {
    accessManager: params.accessManager,
    call: {
      address: params.markets,
      abi: marketsAbi,
      functionName: "unpauseMarket",
      args: [params.marketId],
    },
  });
}
