/**
 * Periphery gas figures on their own fixture (a fresh deployment on the same chain, so the core figures are
 * untouched): insured router deposit + cover, protection mint and redeem, insured vault deposit. Each figure is
 * the second call of its kind (warm state: the caller already holds shares, tokens, a policy).
 */
import { settle } from "@backstop/sdk";
import type { Account, Address, Transport, Chain as ViemChain, WalletClient } from "viem";
import { maxUint256, zeroAddress } from "viem";
import type { Chain } from "../lib/chain.ts";
import { createMarket, createPool, curves, DAY, deployProtocol, fund, usd } from "../lib/protocol.ts";

type Signer = WalletClient<Transport, ViemChain | undefined, Account>;

export async function measurePeripheryGas(chain: Chain): Promise<Record<string, bigint>> {
  const { viem } = chain;
  const d = await deployProtocol(chain);
  const [governance, curator, lp, buyer] = chain.wallets as [Signer, Signer, Signer, Signer];
  const market = await createMarket(chain, d, {
    name: "periphery-depeg",
    groups: [0],
    parametric: true,
    deductibleBps: 0,
  });
  const pool = await createPool(chain, d, curator, {
    name: "Pool P",
    symbol: "bpP",
    groupCaps: [{ groupId: 0, capBps: 10_000 }],
    markets: [{ marketId: market.marketId, weightBps: 5_000, curve: curves.standard }],
  });
  await fund(chain, d, [lp, buyer], usd(100_000_000));
  const stable = await viem.getContractAt("MockStable", d.stable);
  const wait = async (hash: Promise<`0x${string}`>) =>
    chain.publicClient.waitForTransactionReceipt({ hash: await hash });
  const as = (w: Signer) => ({ account: w.account });
  await wait(stable.write.approve([pool.address, maxUint256], as(lp)));
  const poolContract = await viem.getContractAt("Pool", pool.address);
  await wait(poolContract.write.deposit([usd(10_000_000), lp.account.address], as(lp)));

  const router = await viem.deployContract("InsuredRouter", [d.coverManager]);
  const yv = await viem.deployContract("MockYieldVault", [d.stable]);
  const factory = await viem.deployContract("ProtectionFactory", [d.coverManager]);
  const vault = await viem.deployContract("InsuredVault", [
    yv.address,
    d.coverManager,
    d.poolLens,
    governance.account.address,
    "Insured MYV",
    "iMYV",
  ]);
  const now = await chain.now();
  const expiry = (now / DAY + 60n) * DAY;
  await wait(factory.write.createSeries([market.marketId, expiry]));
  const series = await viem.getContractAt(
    "ProtectionSeries",
    (await factory.read.seriesOf([market.marketId, expiry])) as Address,
  );
  for (const spender of [router.address, series.address, vault.address]) {
    await wait(stable.write.approve([spender, maxUint256], as(buyer)));
  }
  const gas: Record<string, bigint> = {};

  // Router: deposit 10,000 into the yield vault and cover the shares' value for 30 days.
  const params = {
    vault: yv.address,
    assets: usd(10_000),
    minShares: 0n,
    marketId: market.marketId,
    coverAmount: 0n,
    period: 30n * DAY,
    pools: [pool.poolId],
    maxPremium: usd(100),
    integrator: zeroAddress,
    commissionBps: 0,
  };
  await wait(router.write.insuredDeposit([params], as(buyer)));
  gas.insuredDeposit = (await wait(router.write.insuredDeposit([params], as(buyer)))).gasUsed;

  // Insured vault: a returning depositor.
  await wait(vault.write.deposit([usd(10_000), buyer.account.address], as(buyer)));
  gas.insuredVaultDeposit = (
    await wait(vault.write.deposit([usd(10_000), buyer.account.address], as(buyer)))
  ).gasUsed;

  // Protection: a returning minter buys 10,000 of protection in the series.
  await wait(series.write.mint([usd(10_000), [pool.poolId], usd(1_000)], as(buyer)));
  const mint = await wait(series.write.mint([usd(10_000), [pool.poolId], usd(1_000)], as(buyer)));
  gas.protectionMint = mint.gasUsed;

  // Lots mature, the trigger fires, the market settles and the series collects; a second redeem is measured.
  await chain.increaseTime(8n * DAY);
  // The two mints bought the last two policies.
  const last = (await nextPolicyId(viem, d.coverManager)) - 1n;
  for (const id of [last - 1n, last]) await wait(series.write.resolve([id]));
  const trigger = await viem.getContractAt("MockTrigger", market.trigger as Address);
  await wait(trigger.write.fire([(await chain.now()) - 3_600n, 10n ** 18n]));
  await settle(buyer, { settlement: d.settlement, marketId: market.marketId });
  await wait(series.write.collect([100n]));
  await wait(series.write.redeem([usd(5_000)], as(buyer)));
  gas.protectionRedeem = (await wait(series.write.redeem([usd(5_000)], as(buyer)))).gasUsed;
  return gas;
}

/** The id the next policy will get. */
async function nextPolicyId(viem: Chain["viem"], coverManager: Address): Promise<bigint> {
  const c = await viem.getContractAt("CoverManager", coverManager);
  return (await c.read.nextPolicyId()) as bigint;
}
