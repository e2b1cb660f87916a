import { marketsAbi, poolAbi, poolLensAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetPoolsParameters = { markets: Address; poolLens: Address };
export type PoolInfo = {
  id: number;
  address: Address;
  asset: Address;
  name: string;
  curator: Address;
  /** Capital: assets held minus unearned premium and fees owed (the pool's TVL). */
  capital: bigint;
  /** ERC-4626 totalAssets, the deposit price: capital + reserveReceivable. */
  totalAssets: bigint;
  /** The pool's share of settlement reserves not yet paid or returned. */
  reserveReceivable: bigint;
  /** Capital held for pending assessed claims (locked; excluded from exits and sales). */
  claimHold: bigint;
  /** Capital that backs sales and exits: capital - claim hold (PoolLens). */
  underwritingCapital: bigint;
  totalSupply: bigint;
  /** Premium held but not yet earned by LPs (PoolLens). */
  unearnedPremium: bigint;
  totalExposure: bigint;
  lockedCapital: bigint;
  freeCapital: bigint;
  /** Highest group exposure / group limit, WAD (PoolLens). */
  worstGroupExposureRatio: bigint;
  curatorFeeBps: number;
  leverageBps: number;
  cooldown: number;
  /** Seconds a risk-increasing curator change waits (at least the cooldown too). */
  timelock: number;
  /** False while a backed market's trigger is not ACTIVE: redemptions wait. */
  exitsOpen: boolean;
  backedMarkets: readonly bigint[];
};
export type GetPoolsReturnType = PoolInfo[];

/** Every registered pool with its capital, exposure and locks; views that moved off the pool come from PoolLens. */
export async function getPools(client: ReadClient, params: GetPoolsParameters): Promise<GetPoolsReturnType> {
  const count = await guarded(() =>
    readContract(client, { address: params.markets, abi: marketsAbi, functionName: "poolCount" }),
  );
  return Promise.all(
    Array.from({ length: Number(count) }, async (_, id): Promise<PoolInfo> => {
      const address = await guarded(() =>
        readContract(client, {
          address: params.markets,
          abi: marketsAbi,
          functionName: "pool",
          args: [BigInt(id)],
        }),
      );
      const read = { address, abi: poolAbi } as const;
      const lens = { address: params.poolLens, abi: poolLensAbi } as const;
      const [
        [asset, name, curator, capital, totalAssets, receivable, hold, totalSupply],
        [exposure, locked, free, params_, exitsOpen, backed],
        [underwriting, unearned, worst],
      ] = await guarded(() =>
        Promise.all([
          Promise.all([
            readContract(client, { ...read, functionName: "asset" }),
            readContract(client, { ...read, functionName: "name" }),
            readContract(client, { ...read, functionName: "curator" }),
            readContract(client, { ...read, functionName: "capital" }),
            readContract(client, { ...read, functionName: "totalAssets" }),
            readContract(client, { ...read, functionName: "reserveReceivable" }),
            readContract(client, { ...read, functionName: "claimHold" }),
            readContract(client, { ...read, functionName: "totalSupply" }),
          ]),
          Promise.all([
            readContract(client, { ...read, functionName: "totalExposure" }),
            readContract(client, { ...read, functionName: "lockedCapital" }),
            readContract(client, { ...read, functionName: "freeCapital" }),
            readContract(client, { ...read, functionName: "poolParams" }),
            readContract(client, { ...read, functionName: "exitsOpen" }),
            readContract(client, { ...read, functionName: "backedMarkets" }),
          ]),
          Promise.all([
            readContract(client, { ...lens, functionName: "underwritingCapital", args: [address] }),
            readContract(client, { ...lens, functionName: "unearnedPremium", args: [address] }),
            readContract(client, { ...lens, functionName: "worstGroupExposureRatio", args: [address] }),
          ]),
        ]),
      );
      return {
        id,
        address,
        asset,
        name,
        curator,
        capital,
        totalAssets,
        reserveReceivable: receivable,
        claimHold: hold,
        underwritingCapital: underwriting,
        totalSupply,
        unearnedPremium: unearned,
        totalExposure: exposure,
        lockedCapital: locked,
        freeCapital: free,
        worstGroupExposureRatio: worst,
        curatorFeeBps: params_[0],
        leverageBps: params_[1],
        cooldown: params_[2],
        timelock: params_[4],
        exitsOpen,
        backedMarkets: backed,
      };
    }),
  );
}
