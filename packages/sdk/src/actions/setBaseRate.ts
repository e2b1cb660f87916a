import { marketsAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { ContractRevertError, UnauthorizedError, UnknownRevertError } from "../errors/contract.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareSetBaseRateParameters = { markets: Address; marketId: bigint; rateBps: bigint };
export type PrepareSetBaseRateReturnType = PreparedRequest<typeof marketsAbi, "setBaseRate">;

/** Builds `Markets.setBaseRate(marketId, rateBps)`; pure. */
export function prepareSetBaseRate(params: PrepareSetBaseRateParameters): PrepareSetBaseRateReturnType {
  return {
    address: params.markets,
    abi: marketsAbi,
    functionName: "setBaseRate",
    args: [params.marketId, params.rateBps],
  };
}

export type SetBaseRateParameters = {
  markets: Address;
  marketId: bigint;
  /** The new annual base rate in basis points, within the market's bounds and daily change limit. */
  rateBps: bigint;
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type SetBaseRateReturnType = Sent;
export type SetBaseRateErrorType = UnauthorizedError | ContractRevertError | UnknownRevertError;

/** Moves a market's base rate; the client's account needs the risk-oracle role. */
export async function setBaseRate(
  client: WriteClient,
  params: SetBaseRateParameters,
): Promise<SetBaseRateReturnType> {
  return send(client, prepareSetBaseRate(params), undefined, params.onHash);
}
