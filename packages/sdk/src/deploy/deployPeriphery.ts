import {
  type Deployment,
  insuredRouterAbi,
  insuredRouterBytecode,
  insuredVaultAbi,
  insuredVaultBytecode,
  protectionFactoryAbi,
  protectionFactoryBytecode,
  riskPriceFeedAbi,
  riskPriceFeedBytecode,
} from "@backstop/abi";
import type { Abi, Address, Hex } from "viem";
import { deployContract, readContract, waitForTransactionReceipt } from "viem/actions";
import { guarded } from "../internal/read.ts";
import { send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";
import { DeploymentError } from "./deployBackstop.ts";

/** An insured vault to deploy over `source` (an ERC-4626 over the cover asset) and configure. */
export type InsuredVaultSpec = {
  source: Address;
  name: string;
  symbol: string;
  /** Default: the deployer (it must then be the deployer for `cover` and `keepers` to be applied). */
  owner?: Address;
  cover?: {
    marketId: bigint;
    targetBps: number;
    period: number;
    renewBefore: number;
    pools: readonly number[];
  };
  keepers?: readonly Address[];
};

export type DeployPeripheryParameters = {
  deployment: Pick<Deployment, "coverManager" | "poolLens">;
  /** One RiskPriceFeed per market id. */
  riskFeedMarkets?: readonly bigint[];
  insuredVaults?: readonly InsuredVaultSpec[];
  /** Protection series to create through the factory: (parametric market, UTC-day expiry). */
  series?: readonly { marketId: bigint; expiry: bigint }[];
};
export type DeployPeripheryReturnType = {
  router: Address;
  protectionFactory: Address;
  /** market id (decimal string) -> feed */
  riskFeeds: Record<string, Address>;
  insuredVaults: Address[];
  series: { marketId: bigint; expiry: bigint; address: Address }[];
};

/**
 * Deploys the periphery over a deployment: InsuredRouter, ProtectionFactory, a RiskPriceFeed per market,
 * insured vaults (configured when the deployer owns them) and protection series. Uses only the wallet client.
 */
export async function deployPeriphery(
  wallet: WriteClient,
  params: DeployPeripheryParameters,
): Promise<DeployPeripheryReturnType> {
  const { coverManager, poolLens } = params.deployment;
  const deploy = async (abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    const hash = await deployContract(wallet, {
      abi,
      bytecode,
      args,
      account: wallet.account,
      chain: wallet.chain,
    } as never);
    const receipt = await waitForTransactionReceipt(wallet, { hash });
    if (receipt.status !== "success" || !receipt.contractAddress)
      throw new DeploymentError(`deployment ${hash} created no contract`);
    return receipt.contractAddress;
  };
  const router = await deploy(insuredRouterAbi, insuredRouterBytecode, [coverManager]);
  const protectionFactory = await deploy(protectionFactoryAbi, protectionFactoryBytecode, [coverManager]);
  const riskFeeds: Record<string, Address> = {};
  for (const marketId of params.riskFeedMarkets ?? [])
    riskFeeds[String(marketId)] = await deploy(riskPriceFeedAbi, riskPriceFeedBytecode, [poolLens, marketId]);
  const insuredVaults: Address[] = [];
  for (const v of params.insuredVaults ?? []) {
    const owner = v.owner ?? wallet.account.address;
    const vault = await deploy(insuredVaultAbi, insuredVaultBytecode, [
      v.source,
      coverManager,
      poolLens,
      owner,
      v.name,
      v.symbol,
    ]);
    if (v.cover) {
      const c = v.cover;
      await send(wallet, {
        address: vault,
        abi: insuredVaultAbi,
        functionName: "setCoverConfig",
        args: [c.marketId, c.targetBps, c.period, c.renewBefore, [...c.pools]],
      });
    }
    for (const keeper of v.keepers ?? [])
      await send(wallet, {
        address: vault,
        abi: insuredVaultAbi,
        functionName: "setKeeper",
        args: [keeper, true],
      });
    insuredVaults.push(vault);
  }
  const series: DeployPeripheryReturnType["series"] = [];
  for (const s of params.series ?? []) {
    await send(wallet, {
      address: protectionFactory,
      abi: protectionFactoryAbi,
      functionName: "createSeries",
      args: [s.marketId, s.expiry],
    });
    const address = await guarded(() =>
      readContract(wallet, {
        address: protectionFactory,
        abi: protectionFactoryAbi,
        functionName: "seriesOf",
        args: [s.marketId, s.expiry],
      }),
    );
    series.push({ ...s, address });
  }
  return { router, protectionFactory, riskFeeds, insuredVaults, series };
}
