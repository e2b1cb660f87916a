import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { AlreadySettledError, ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareSettlePoolsParameters = { settlement: Address; marketId: bigint; maxPools: bigint };
export type PrepareSettlePoolsReturnType = PreparedRequest<typeof settlementAbi, "settlePools">;

/** Builds `Settlement.settlePools(marketId, maxPools)`; pure. */
export function prepareSettlePools(params: PrepareSettlePoolsParameters): PrepareSettlePoolsReturnType {
  return {
    address: params.settlement,
    abi: settlementAbi,
    functionName: "settlePools",
    args: [params.marketId, params.maxPools],
  };
}

export type SettlePoolsParameters = {
  settlement: Address;
  marketId: bigint;
  /** The most backing pools to settle in this transaction. */
  maxPools: bigint;
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type SettlePoolsReturnType = Sent & {
  /** Whether every backing pool has now reserved its share (claims are open). */
  settled: boolean;
  /** Backing pools that have reserved so far. */
  poolsSettled: number;
  incidentTime: bigint;
  payoutPerUnitWad: bigint;
  /** Totals over the pools settled so far. */
  required: bigint;
  funded: bigint;
};
export type SettlePoolsErrorType = AlreadySettledError | ContractRevertError | UnknownRevertError;

/**
 * Settles up to `maxPools` more backing pools of a fired PARAMETRIC market, for markets whose pools do not fit
 * in one transaction. The first call fixes the incident (no more sales); call again until `settled`.
 */
export async function settlePools(
  client: WriteClient,
  params: SettlePoolsParameters,
): Promise<SettlePoolsReturnType> {
  const sent = await send(client, prepareSettlePools(params), undefined, params.onHash);
  const inc = await guarded(() =>
    readContract(client, {
      address: params.settlement,
      abi: settlementAbi,
      functionName: "incident",
      args: [params.marketId],
      blockNumber: sent.receipt.blockNumber,
    }),
  );
  return {
    ...sent,
    settled: inc.settledAt !== 0,
    poolsSettled: inc.poolsSettled,
    incidentTime: BigInt(inc.time),
    payoutPerUnitWad: inc.payoutPerUnitWad,
    required: inc.required,
    funded: inc.funded,
  };
}
