/**
 * `npm run scenario`: a scripted LP/buyer story on its own in-process chain (Hardhat's EDR, nothing listens on a
 * port and no deployment file is written, so a running devnet is never touched): the protocol deployed with
 * the SDK, LPs depositing, buyers buying quoted cover on four markets, time passing, an LP exiting after the
 * cooldown, and a summary of capital, exposure and TVC. Prints a transcript; an error is one line, exit 1.
 */
import { WAD } from "@backstop/core";
import {
  buyCover,
  deposit,
  formatAmount,
  getMarkets,
  getPoliciesOf,
  getPools,
  getRedeemRequest,
  getTvc,
  getTvl,
  quote,
  redeem,
  requestRedeem,
} from "@backstop/sdk";
import type { Account, Chain, Transport, WalletClient } from "viem";
import { connectChain } from "./lib/chain.ts";
import { DAY, usd } from "./lib/protocol.ts";
import { seedWorld } from "./lib/world.ts";

type Signer = WalletClient<Transport, Chain | undefined, Account>;
const t0 = performance.now();
try {
  await main();
  process.exit(0);
} catch (err) {
  const e = err as { shortMessage?: string; message?: string };
  console.error(`scenario: ${(e.shortMessage ?? e.message ?? String(err)).split("\n")[0]}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const chain = await connectChain();
  const world = await seedWorld(chain);
  const { d } = world;
  const [lpA, lpB, lpC] = world.lps as [Signer, Signer, Signer];
  const buyers = world.buyers as Signer[];
  const pool = (i: number) => world.pools[i]?.address as `0x${string}`;
  const log = (s: string) => console.log(s);

  log(`deployed: markets ${d.markets}, cover manager ${d.coverManager}, ${world.pools.length} pools`);

  // LPs provide capital.
  const deposits: [Signer, number, number][] = [
    [lpA, 0, 1_500_000],
    [lpB, 0, 500_000],
    [lpB, 1, 1_000_000],
    [lpC, 1, 800_000],
    [lpC, 2, 1_200_000],
  ];
  for (const [lp, i, amount] of deposits) await deposit(lp, { pool: pool(i), assets: usd(amount) });
  log(`deposits: ${deposits.length}, ${formatAmount(usd(deposits.reduce((a, x) => a + x[2], 0)))} USDC`);

  // Buyers buy quoted cover (the cheapest split across each market's pools).
  const orders: [Signer, number, number, bigint][] = [
    [buyers[0] as Signer, 0, 400_000, 90n * DAY],
    [buyers[1] as Signer, 0, 350_000, 180n * DAY],
    [buyers[1] as Signer, 1, 300_000, 30n * DAY],
    [buyers[2] as Signer, 2, 500_000, 365n * DAY],
    [buyers[0] as Signer, 3, 250_000, 60n * DAY],
    [buyers[2] as Signer, 1, 200_000, 120n * DAY],
    [buyers[1] as Signer, 1, 900_000, 90n * DAY],
  ];
  for (const [buyer, m, wanted, period] of orders) {
    const market = world.markets[m];
    if (!market) continue;
    const q = await quote(buyer, {
      markets: d.markets,
      poolLens: d.poolLens,
      marketId: market.marketId,
      amount: usd(wanted),
      period,
    });
    // Buy what the pools can take: a larger order would revert InsufficientCapacity.
    const amount = q.filled;
    if (amount < usd(wanted))
      log(`${market.name}: only ${formatAmount(amount)} of the ${formatAmount(usd(wanted))} asked is free`);
    if (amount === 0n) continue;
    const bought = await buyCover(buyer, {
      coverManager: d.coverManager,
      marketId: market.marketId,
      amount,
      period,
      pools: q.pools,
      maxPremium: q.total + q.total / 100n,
      permit: true,
    });
    log(
      `policy #${bought.policyId} ${market.name.padEnd(16)} ${formatAmount(amount).padStart(13)} for ${Number(period / DAY)}d` +
        ` pools [${q.pools.join(",")}] premium ${formatAmount(bought.premium)} (quote ${formatAmount(q.premium)}, ${Number(q.averageRateBps) / 100}% p.a.)`,
    );
  }

  // Time passes: premiums are earned, short covers expire.
  await chain.increaseTime(45n * DAY);
  log("45 days later...");

  // One LP exits: request, cooldown, redeem at min(price at request, exit price now).
  // ERC-7540: the request is valued at the exit price (capital - claim hold) and claimable after the cooldown.
  const shares = (await getPools(lpA, { markets: d.markets, poolLens: d.poolLens }))[0]?.totalSupply ?? 0n;
  const lpShares = shares / 5n; // part of pool 0
  const req = await requestRedeem(lpB, { pool: pool(0), shares: lpShares });
  await chain.increaseTime(7n * DAY + 1n);
  const ready = await getRedeemRequest(lpB, { pool: pool(0), controller: lpB.account.address });
  const out = await redeem(lpB, { pool: pool(0), shares: ready.maxRedeem });
  log(
    `LP ${lpB.account.address.slice(0, 10)} redeemed ${out.shares} shares for ${formatAmount(out.assets)} (requested value ${formatAmount(req.assets)})`,
  );

  // Summary.
  const pools = await getPools(lpA, { markets: d.markets, poolLens: d.poolLens });
  const markets = await getMarkets(lpA, { markets: d.markets });
  const pct = (x: bigint) => `${(Number((x * 10_000n) / WAD) / 100).toFixed(2)}%`;
  const rows = pools.map((p) => ({
    pool: `${p.id} ${p.name}`,
    "TVL (capital)": formatAmount(p.capital),
    "unearned premium": formatAmount(p.unearnedPremium),
    exposure: formatAmount(p.totalExposure),
    utilisation: p.capital === 0n ? "-" : pct((p.lockedCapital * WAD) / p.capital),
    locked: formatAmount(p.lockedCapital),
    free: formatAmount(p.freeCapital),
    "worst group": pct(p.worstGroupExposureRatio),
  }));
  console.table(rows);
  console.table(
    markets.map((m) => ({
      market: `${m.id} ${m.termsURI.split("/").pop()}`,
      pools: m.pools.join(","),
      TVC: formatAmount(m.tvc),
    })),
  );
  const tvl = await getTvl(lpA, { markets: d.markets });
  const tvc = await getTvc(lpA, { markets: d.markets });
  let policies = 0;
  for (const b of buyers)
    policies += (await getPoliciesOf(b, { coverManager: d.coverManager, owner: b.account.address })).length;
  log(
    `totals: TVL ${formatAmount(tvl.total)} USDC, TVC ${formatAmount(tvc)} USDC, policies held ${policies}, ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
}
