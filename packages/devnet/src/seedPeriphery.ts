import { mockStableAbi, mockYieldVaultAbi, mockYieldVaultBytecode } from "@backstop/abi";
import { deployPeriphery, insuredVaultDeposit, mintProtection, quote, rollCover } from "@backstop/sdk";
import { type Address, type PublicClient, parseUnits } from "viem";
import type { Registry, Signer } from "./chain.ts";
import { write } from "./chain.ts";
import { DevnetError } from "./errors.ts";
import type { PeripherySeed } from "./seedTypes.ts";

const usdc = (n: number) => parseUnits(String(n), 6);
const DAY = 86_400n;

/** The periphery's demo set-up on the devnet (see docs/devnet.md). */
export const PERIPHERY = {
  /** The market the demo insured vault and protection series cover. */
  market: "usdc-depeg",
  vault: { targetBps: 10_000, period: 30 * 86_400, renewBefore: 3 * 86_400 },
  /** The demo depositor's deposit into the insured vault, and the yield sponsored to the source vault. */
  deposit: 100_000,
  sponsoredYield: 2_000,
  /** Days from the seed to the series' expiry (a UTC day boundary). */
  seriesDays: 60n,
  /** Protection minted into the series by the second buyer. */
  protection: 10_000,
} as const;

export type SeedPeripheryParameters = {
  publicClient: PublicClient;
  gov: Signer;
  /** Deposits into the insured vault (a buyer). */
  depositor: Signer;
  /** Mints protection (the other buyer). */
  minter: Signer;
  keeper: Address;
  deployment: Registry;
  markets: { id: string; name: string }[];
  /** Pools backing the demo market, cheapest first. */
  pools: number[];
};

/**
 * Deploys the periphery on the devnet: the router, a demo ERC-4626 yield vault over the devnet stablecoin (a mock:
 * yield arrives by transfer, `exploit` drains it), an insured vault over it with its cover rolled once, a
 * protection series on the de-peg market expiring on a UTC day boundary (one lot minted), a risk-price feed per
 * market.
 */
export async function seedPeriphery(p: SeedPeripheryParameters): Promise<PeripherySeed> {
  const { gov, deployment, publicClient } = p;
  const stable = deployment.stable as Address;
  const market = p.markets.find((m) => m.name === PERIPHERY.market);
  if (!market) throw new DevnetError(`the periphery seed needs market ${PERIPHERY.market}`);
  const marketId = BigInt(market.id);

  const hash = await gov.deployContract({
    abi: mockYieldVaultAbi,
    bytecode: mockYieldVaultBytecode,
    args: [stable],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  const yieldVault = receipt.contractAddress;
  if (!yieldVault) throw new DevnetError(`deployment ${hash} created no contract`);

  const now = (await publicClient.getBlock()).timestamp;
  const expiry = (now / DAY + PERIPHERY.seriesDays) * DAY;
  const d = await deployPeriphery(gov, {
    deployment,
    riskFeedMarkets: p.markets.map((m) => BigInt(m.id)),
    insuredVaults: [
      {
        source: yieldVault,
        name: "Insured Demo Yield USDC",
        symbol: "iDEMO",
        cover: { marketId, ...PERIPHERY.vault, pools: p.pools },
        keepers: [p.keeper],
      },
    ],
    series: [{ marketId, expiry }],
  });
  const vault = d.insuredVaults[0] as Address;
  const series = d.series[0]?.address as Address;

  // A depositor, yield sponsored to the source vault (it raises the insured vault's assets above principal), then
  // the first roll buys cover for the whole deposit from that yield.
  await insuredVaultDeposit(p.depositor, { vault, assets: usdc(PERIPHERY.deposit) });
  await write(gov, {
    address: stable,
    abi: mockStableAbi,
    functionName: "mint",
    args: [yieldVault, usdc(PERIPHERY.sponsoredYield)],
  });
  const rolled = await rollCover(gov, { vault });

  const q = await quote(p.minter, {
    markets: deployment.markets,
    poolLens: deployment.poolLens,
    marketId,
    amount: usdc(PERIPHERY.protection),
    period: expiry - (await publicClient.getBlock()).timestamp,
  });
  const minted = await mintProtection(p.minter, {
    series,
    amount: usdc(PERIPHERY.protection),
    pools: q.pools,
    maxPremium: q.total * 2n,
  });

  return {
    router: d.router,
    protectionFactory: d.protectionFactory,
    yieldVaults: { demo: yieldVault },
    insuredVaults: { demo: vault },
    series: { demo: { address: series, marketId: market.id, expiry: String(expiry) } },
    riskFeeds: d.riskFeeds,
    policies: { vault: String(rolled.policyId), protection: String(minted.policyId) },
  };
}
