import {
  assessedClaimsAbi,
  committeeTriggerAbi,
  committeeTriggerBytecode,
  drainTriggerAbi,
  drainTriggerBytecode,
  marketsAbi,
  mockAggregatorAbi,
  mockAggregatorBytecode,
  mockStableAbi,
  optimisticTriggerAbi,
  optimisticTriggerBytecode,
  pegTriggerAbi,
  pegTriggerBytecode,
  poolAbi,
  poolFactoryAbi,
} from "@backstop/abi";
import { buyCover, deposit, quote } from "@backstop/sdk";
import {
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  parseEventLogs,
  parseUnits,
  zeroAddress,
} from "viem";
import { KEEPER_INDEX } from "./accounts.ts";
import type { Registry, Signer } from "./chain.ts";
import { write } from "./chain.ts";
import { DevnetError } from "./errors.ts";
import { PERIPHERY, seedPeriphery } from "./seedPeriphery.ts";
import {
  ASSESSORS,
  COMMITTEE,
  curveFor,
  DEPOSITS,
  DRAIN,
  GROUPS,
  MARKETS,
  type MarketSeed,
  OPTIMISTIC,
  PEG,
  POLICIES,
  POOLS,
} from "./seedSpec.ts";
import type { SeedInfo } from "./seedTypes.ts";

/** Who does what in the seed, by dev-account index. */
export const ROLES_BY_INDEX = {
  governance: 0,
  curators: [1, 2, 3],
  lps: [4, 5, 6],
  buyers: [7, 8],
  committee: [9, 10, 11],
  bridge: 12,
} as const;

const usdc = (n: number) => parseUnits(String(n), 6);
const DAY = 86_400n;

export type SeedParameters = { publicClient: PublicClient; wallets: readonly Signer[]; deployment: Registry };

/**
 * Seeds a fresh deployment with a realistic world: mock feeds, triggers of every kind, eight markets,
 * three pools with different curators and appetites, LP capital and policies. Uses only the clients and
 * the deployment; returns what it created.
 */
export async function seedDevnet({ publicClient, wallets, deployment }: SeedParameters): Promise<SeedInfo> {
  const at = (i: number): Signer => {
    const w = wallets[i];
    if (!w) throw new DevnetError(`the seed needs dev account #${i}; the node exposes ${wallets.length}`);
    return w;
  };
  const gov = at(ROLES_BY_INDEX.governance);
  const stable = deployment.stable;
  if (!stable) throw new DevnetError("the devnet seed needs the deployment's mock stablecoin");
  const addr = (i: number) => at(i).account.address;
  const deploy = async (abi: Abi, bytecode: Hex, args: readonly unknown[]): Promise<Address> => {
    const hash = await gov.deployContract({ abi, bytecode, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (!receipt.contractAddress) throw new DevnetError(`deployment ${hash} created no contract`);
    return receipt.contractAddress;
  };
  const mint = (to: Address, n: number) =>
    write(gov, { address: stable, abi: mockStableAbi, functionName: "mint", args: [to, usdc(n)] });

  // Balances: the newcomer (account 0), LPs, buyers, committee members (bonds) and the bridge's TVL.
  await mint(addr(0), 1_000_000);
  for (const i of ROLES_BY_INDEX.lps) await mint(addr(i), 5_000_000);
  for (const i of ROLES_BY_INDEX.buyers) await mint(addr(i), 1_000_000);
  for (const i of ROLES_BY_INDEX.committee) await mint(addr(i), 100_000);
  await mint(addr(ROLES_BY_INDEX.bridge), 50_000_000);

  // Groups beyond the deployment's.
  const groups: Record<string, number> = { ...(deployment.groups ?? {}) };
  for (const name of GROUPS) {
    if (groups[name] !== undefined) continue;
    await write(gov, {
      address: deployment.markets,
      abi: marketsAbi,
      functionName: "createGroup",
      args: [`0x${Buffer.from(name).toString("hex").padEnd(64, "0")}`],
    });
    groups[name] = Object.keys(groups).length;
  }

  // Price feeds at $1.00.
  const feeds: Record<string, Address[]> = {};
  for (const asset of ["USDC", "USDT"]) {
    const list: Address[] = [];
    for (let i = 0; i < PEG.feedsPerAsset; i++) {
      const feed = await deploy(mockAggregatorAbi, mockAggregatorBytecode, [8]);
      await write(gov, { address: feed, abi: mockAggregatorAbi, functionName: "setAnswer", args: [PEG.peg] });
      list.push(feed);
    }
    feeds[asset] = list;
  }
  const committee = ROLES_BY_INDEX.committee.map(addr);
  const triggerOf = async (spec: MarketSeed): Promise<Address> => {
    switch (spec.kind) {
      case "assessed":
        return zeroAddress;
      case "peg":
        return deploy(pegTriggerAbi, pegTriggerBytecode, [
          feeds[spec.asset ?? "USDC"],
          PEG.peg,
          PEG.triggerPrice,
          PEG.recoveryPrice,
          BigInt(PEG.window),
          BigInt(PEG.maxStaleness),
          BigInt(PEG.minFreshFeeds),
          zeroAddress,
          0n,
        ]);
      case "drain":
        return deploy(drainTriggerAbi, drainTriggerBytecode, [
          stable,
          addr(ROLES_BY_INDEX.bridge),
          DRAIN.maxDropWad,
          BigInt(DRAIN.window),
          BigInt(DRAIN.buckets),
          BigInt(DRAIN.confirmDelay),
        ]);
      case "committee":
        return deploy(committeeTriggerAbi, committeeTriggerBytecode, [
          committee,
          BigInt(COMMITTEE.threshold),
          addr(0),
          BigInt(COMMITTEE.challengePeriod),
        ]);
      case "optimistic":
        return deploy(optimisticTriggerAbi, optimisticTriggerBytecode, [
          stable,
          usdc(OPTIMISTIC.bond),
          BigInt(OPTIMISTIC.liveness),
          addr(0),
        ]);
    }
  };

  // Markets.
  const markets: SeedInfo["markets"] = [];
  for (const spec of MARKETS) {
    const trigger = await triggerOf(spec);
    const mask = spec.groups.reduce((acc, g) => acc | (1n << BigInt(groups[g] ?? 0)), 0n);
    const mined = await write(gov, {
      address: deployment.markets,
      abi: marketsAbi,
      functionName: "createMarket",
      args: [
        {
          asset: stable,
          status: 0,
          claimMode: spec.kind === "assessed" ? 1 : 0,
          payoutMode: spec.proportional ? 1 : 0,
          deductibleBps: spec.deductibleBps,
          maturationDelay: spec.maturationDelay,
          trigger,
          minPeriod: 7 * 86_400,
          maxPeriod: 365 * 86_400,
          claimWindow: 30 * 86_400,
          groups: mask,
          baseRateBps: spec.targetRateBps,
          minBaseRateBps: Math.floor(spec.targetRateBps / 4),
          maxBaseRateBps: spec.targetRateBps * 4,
          maxRateChangePerDayBps: 50,
          rateUpdatedAt: 0,
          fastTrackLimit: usdc(25_000),
        },
        `ipfs://backstop-terms/${spec.name}`,
      ],
    });
    const [log] = parseEventLogs({ abi: marketsAbi, logs: mined.receipt.logs, eventName: "MarketCreated" });
    markets.push({
      id: String(log?.args.marketId ?? 0n),
      name: spec.name,
      kind: spec.kind,
      trigger,
      ...(spec.asset ? { asset: spec.asset } : {}),
    });
  }
  const idOf = (name: string) => BigInt(markets.find((x) => x.name === name)?.id ?? 0);

  // Assessors for the assessed markets: an assessed market sells no cover without them.
  await write(gov, {
    address: deployment.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "createAssessorGroup",
    args: [committee, { ...ASSESSORS, members: committee.length }],
  });
  const assessorGroup = 1;
  for (const spec of MARKETS.filter((x) => x.kind === "assessed"))
    await write(gov, {
      address: deployment.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "setMarketAssessors",
      args: [idOf(spec.name), BigInt(assessorGroup)],
    });

  // Pools, each run by its own curator, configured before their first deposit (once a pool has shares,
  // risk-increasing changes wait its timelock).
  const pools: SeedInfo["pools"] = [];
  for (const [i, spec] of POOLS.entries()) {
    const curator = at(ROLES_BY_INDEX.curators[i] ?? 1);
    const mined = await write(curator, {
      address: deployment.poolFactory,
      abi: poolFactoryAbi,
      functionName: "createPool",
      args: [
        stable,
        spec.name,
        spec.symbol,
        curator.account.address,
        spec.curatorFeeBps,
        spec.leverageBps,
        spec.cooldown,
      ],
    });
    const [log] = parseEventLogs({ abi: marketsAbi, logs: mined.receipt.logs, eventName: "PoolRegistered" });
    const address = log?.args.pool as Address;
    for (const [group, capBps] of Object.entries(spec.groupCaps))
      await write(curator, {
        address,
        abi: poolAbi,
        functionName: "setGroupCap",
        args: [groups[group] ?? 0, capBps],
      });
    for (const [name, weightBps] of Object.entries(spec.weights)) {
      const market = MARKETS.find((x) => x.name === name) as MarketSeed;
      await write(curator, {
        address,
        abi: poolAbi,
        functionName: "setMarketConfig",
        args: [idOf(name), weightBps, curveFor(market, spec), false],
      });
    }
    pools.push({
      id: Number(log?.args.poolId ?? 0n),
      name: spec.name,
      address,
      curator: curator.account.address,
    });
  }

  for (const [lp, pool, amount] of DEPOSITS)
    await deposit(at(ROLES_BY_INDEX.lps[lp] ?? 4), {
      pool: pools[pool]?.address as Address,
      assets: usdc(amount),
    });

  const policies: string[] = [];
  for (const [buyer, name, amount, days] of POLICIES) {
    const wallet = at(ROLES_BY_INDEX.buyers[buyer] ?? 7);
    const marketId = idOf(name);
    const period = BigInt(days) * DAY;
    const q = await quote(wallet, {
      markets: deployment.markets,
      poolLens: deployment.poolLens,
      marketId,
      amount: usdc(amount),
      period,
    });
    const bought = await buyCover(wallet, {
      coverManager: deployment.coverManager,
      marketId,
      amount: usdc(amount),
      period,
      pools: q.pools,
      maxPremium: q.total + q.total / 100n,
      permit: true,
    });
    policies.push(String(bought.policyId));
  }

  const periphery = await seedPeriphery({
    publicClient,
    gov,
    depositor: at(ROLES_BY_INDEX.buyers[0]),
    minter: at(ROLES_BY_INDEX.buyers[1]),
    keeper: addr(KEEPER_INDEX),
    deployment,
    markets,
    // The pools backing the demo market, cheapest curator first.
    pools: POOLS.flatMap((spec, i) =>
      spec.weights[PERIPHERY.market] === undefined
        ? []
        : [{ id: pools[i]?.id ?? i, factor: spec.rateFactor }],
    )
      .sort((a, b) => a.factor - b.factor)
      .map((x) => x.id),
  });

  return {
    periphery,
    groups,
    feeds,
    bridge: addr(ROLES_BY_INDEX.bridge),
    pegWindow: PEG.window,
    markets,
    pools,
    committee,
    assessors: committee,
    assessorGroup,
    policies,
  };
}
