import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetTvcParameters = {
  markets: Address /** One market; omitted: every market. */;
  marketId?: bigint;
};
export type GetTvcReturnType = bigint;

/** Total value covered: live exposure of one market, or of all markets. */
export async function getTvc(client: ReadClient, params: GetTvcParameters): Promise<GetTvcReturnType> {
  return guarded(async () => {
    if (params.marketId === undefined) {
      return readContract(client, { address: params.markets, abi: marketsAbi, functionName: "totalTvc" });
    }
    return readContract(client, {
      address: params.markets,
      abi: marketsAbi,
      functionName: "tvc",
      args: [params.marketId],
    });
  });
}
