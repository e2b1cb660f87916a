import { insuredVaultAbi } from "@backstop/abi";
import { type Address, maxUint256 } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetInsuredVaultParameters = {
  vault: Address;
  /** Also read this holder's shares and their asset value. */
  holder?: Address;
};
export type InsuredVaultPolicy = { policyId: bigint; amount: bigint; start: bigint; end: bigint };
export type GetInsuredVaultReturnType = {
  address: Address;
  name: string;
  symbol: string;
  /** Share decimals (the asset's plus the vault's 6-decimal offset). */
  decimals: number;
  asset: Address;
  /** The underlying yield vault. */
  source: Address;
  owner: Address;
  totalAssets: bigint;
  totalSupply: bigint;
  principal: bigint;
  yieldAvailable: bigint;
  /** Assets per whole share (10^decimals shares), in the asset's units. */
  sharePrice: bigint;
  /** Cover counted towards the target, bps of assets; undefined when the vault holds no assets. */
  coverageRatioBps: bigint | undefined;
  /** Cover in force now. */
  activeCoverage: bigint;
  config: { marketId: bigint; targetBps: number; period: number; renewBefore: number; pools: number[] };
  policies: InsuredVaultPolicy[];
  holder?: { address: Address; shares: bigint; assets: bigint };
};

/** An insured vault's assets, share price, coverage and the policies it holds. */
export async function getInsuredVault(
  client: ReadClient,
  params: GetInsuredVaultParameters,
): Promise<GetInsuredVaultReturnType> {
  const c = { address: params.vault, abi: insuredVaultAbi } as const;
  return guarded(async () => {
    const [
      name,
      symbol,
      decimals,
      asset,
      source,
      owner,
      totalAssets,
      totalSupply,
      principal,
      yieldAvailable,
    ] = await Promise.all([
      readContract(client, { ...c, functionName: "name" }),
      readContract(client, { ...c, functionName: "symbol" }),
      readContract(client, { ...c, functionName: "decimals" }),
      readContract(client, { ...c, functionName: "asset" }),
      readContract(client, { ...c, functionName: "SOURCE" }),
      readContract(client, { ...c, functionName: "owner" }),
      readContract(client, { ...c, functionName: "totalAssets" }),
      readContract(client, { ...c, functionName: "totalSupply" }),
      readContract(client, { ...c, functionName: "principal" }),
      readContract(client, { ...c, functionName: "yieldAvailable" }),
    ]);
    const [sharePrice, ratio, activeCoverage, config, held] = await Promise.all([
      readContract(client, { ...c, functionName: "convertToAssets", args: [10n ** BigInt(decimals)] }),
      readContract(client, { ...c, functionName: "coverageRatio" }),
      readContract(client, { ...c, functionName: "activeCoverage" }),
      readContract(client, { ...c, functionName: "coverConfig" }),
      readContract(client, { ...c, functionName: "policies" }),
    ]);
    const out: GetInsuredVaultReturnType = {
      address: params.vault,
      name,
      symbol,
      decimals,
      asset,
      source,
      owner,
      totalAssets,
      totalSupply,
      principal,
      yieldAvailable,
      sharePrice,
      coverageRatioBps: ratio === maxUint256 ? undefined : ratio,
      activeCoverage,
      config: {
        marketId: config[0],
        targetBps: config[1],
        period: config[2],
        renewBefore: config[3],
        pools: [...config[4]],
      },
      policies: held.map((p) => ({
        policyId: p.policyId,
        amount: p.amount,
        start: BigInt(p.start),
        end: BigInt(p.end),
      })),
    };
    if (params.holder) {
      const shares = await readContract(client, { ...c, functionName: "balanceOf", args: [params.holder] });
      const assets = await readContract(client, { ...c, functionName: "convertToAssets", args: [shares] });
      out.holder = { address: params.holder, shares, assets };
    }
    return out;
  });
}
