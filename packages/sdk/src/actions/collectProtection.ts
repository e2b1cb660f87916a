import { protectionSeriesAbi } from "@backstop/abi";
import { type Address, erc20Abi } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareCollectProtectionParameters = {
  series: Address;
  /** At most this many policies claimed in this call (newest first). */
  maxPolicies: bigint;
};
export type PrepareCollectProtectionReturnType = PreparedRequest<typeof protectionSeriesAbi, "collect">;

/** Builds `ProtectionSeries.collect(maxPolicies)`; pure. Anyone may call it once the market is settled. */
export function prepareCollectProtection(
  p: PrepareCollectProtectionParameters,
): PrepareCollectProtectionReturnType {
  return { address: p.series, abi: protectionSeriesAbi, functionName: "collect", args: [p.maxPolicies] };
}

export type CollectProtectionParameters = Omit<PrepareCollectProtectionParameters, "maxPolicies"> & {
  /** Default 100. */
  maxPolicies?: bigint;
  onHash?: OnHash;
};
export type CollectProtectionReturnType = Sent & {
  /** Every policy collected: redemptions are open. */
  done: boolean;
  /** Eligible tokens counted so far. */
  eligibleOutstanding: bigint;
  /** The cover asset the series holds for redemptions. */
  balance: bigint;
};
export type CollectProtectionErrorType = ContractRevertError | UnknownRevertError;

/**
 * Claims the series' policies after settlement and counts the eligible supply. `Collected` is emitted only by the
 * call that finishes, so the result is read from the series at the receipt's block.
 */
export async function collectProtection(
  client: WriteClient,
  params: CollectProtectionParameters,
): Promise<CollectProtectionReturnType> {
  const sent = await send(
    client,
    prepareCollectProtection({ series: params.series, maxPolicies: params.maxPolicies ?? 100n }),
    undefined,
    params.onHash,
  );
  const at = {
    address: params.series,
    abi: protectionSeriesAbi,
    blockNumber: sent.receipt.blockNumber,
  } as const;
  const [done, eligibleOutstanding, asset] = await guarded(() =>
    Promise.all([
      readContract(client, { ...at, functionName: "collected" }),
      readContract(client, { ...at, functionName: "eligibleOutstanding" }),
      readContract(client, { ...at, functionName: "ASSET" }),
    ]),
  );
  const balance = await guarded(() =>
    readContract(client, {
      address: asset,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [params.series],
      blockNumber: sent.receipt.blockNumber,
    }),
  );
  return { ...sent, done, eligibleOutstanding, balance };
}
