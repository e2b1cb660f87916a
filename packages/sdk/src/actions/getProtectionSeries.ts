import { protectionSeriesAbi } from "@backstop/abi";
import { type Address, erc20Abi } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetProtectionSeriesParameters = {
  series: Address;
  /** Also read this holder's balance and locked tokens. */
  holder?: Address;
};
export type GetProtectionSeriesReturnType = {
  address: Address;
  name: string;
  symbol: string;
  decimals: number;
  marketId: bigint;
  /** A UTC day boundary: every policy of the series ends then. */
  expiry: bigint;
  asset: Address;
  /** Tokens outstanding (locked and unlocked). */
  supply: bigint;
  /** Every policy collected after settlement: redemptions open. */
  collected: boolean;
  /** Eligible tokens not yet redeemed (set by collect). */
  eligible: bigint;
  /** The cover asset the series holds (the payouts collected, less redemptions). */
  balance: bigint;
  holder?: { address: Address; balance: bigint; locked: bigint; unlocked: bigint };
};

/** A protection series' terms and state (and a holder's position). */
export async function getProtectionSeries(
  client: ReadClient,
  params: GetProtectionSeriesParameters,
): Promise<GetProtectionSeriesReturnType> {
  const c = { address: params.series, abi: protectionSeriesAbi } as const;
  return guarded(async () => {
    const [name, symbol, decimals, marketId, expiry, asset, supply, collected, eligible] = await Promise.all([
      readContract(client, { ...c, functionName: "name" }),
      readContract(client, { ...c, functionName: "symbol" }),
      readContract(client, { ...c, functionName: "decimals" }),
      readContract(client, { ...c, functionName: "marketId" }),
      readContract(client, { ...c, functionName: "expiry" }),
      readContract(client, { ...c, functionName: "ASSET" }),
      readContract(client, { ...c, functionName: "totalSupply" }),
      readContract(client, { ...c, functionName: "collected" }),
      readContract(client, { ...c, functionName: "eligibleOutstanding" }),
    ]);
    const balance = await readContract(client, {
      address: asset,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [params.series],
    });
    const out: GetProtectionSeriesReturnType = {
      address: params.series,
      name,
      symbol,
      decimals,
      marketId,
      expiry,
      asset,
      supply,
      collected,
      eligible,
      balance,
    };
    if (params.holder) {
      const [b, locked] = await Promise.all([
        readContract(client, { ...c, functionName: "balanceOf", args: [params.holder] }),
        readContract(client, { ...c, functionName: "locked", args: [params.holder] }),
      ]);
      out.holder = { address: params.holder, balance: b, locked, unlocked: b - locked };
    }
    return out;
  });
}
