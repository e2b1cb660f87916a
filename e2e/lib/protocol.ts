import {
  assessedClaimsAbi,
  coverManagerAbi,
  marketsAbi,
  mockStableAbi,
  mockTriggerAbi,
  mockTriggerBytecode,
  poolAbi,
  poolFactoryAbi,
} from "@backstop/abi";
import { BaseError } from "@backstop/core";
import { type DeployBackstopReturnType, deployBackstop } from "@backstop/sdk";
import { type Address, type Hash, parseEventLogs, parseUnits, type WalletClient, zeroAddress } from "viem";
import { deployContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import type { Chain } from "./chain.ts";

/** Thrown when a set-up transaction reverts. */
export class SetupError extends BaseError {
  override name = "SetupError";
}

export const usd = (n: number | string): bigint => parseUnits(String(n), 6);
export const DAY = 86_400n;

/** Sends a write and waits for it; returns the receipt. */
async function mined(chain: Chain, hash: Promise<Hash>) {
  const receipt = await waitForTransactionReceipt(chain.publicClient, { hash: await hash });
  if (receipt.status !== "success") throw new SetupError(`transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

export type MarketSpec = {
  name: string;
  /** Correlation group ids. */
  groups: readonly number[];
  /** Deploy a settable trigger and make the market PARAMETRIC. */
  parametric?: boolean;
  /** Use this trigger instead of a settable one (makes the market PARAMETRIC). */
  trigger?: Address;
  /** Seconds after settlement during which claims are accepted (default 30 days). */
  claimWindow?: number;
  baseRateBps?: number;
  deductibleBps?: number;
  /** PROPORTIONAL payout (the trigger's ratio) instead of BINARY. */
  proportional?: boolean;
};

export type PoolSpec = {
  name: string;
  symbol: string;
  curatorFeeBps?: number;
  leverageBps?: number;
  cooldown?: number;
  /** Per market: weight and curve. */
  markets: readonly { marketId: bigint; weightBps: number; curve: Curve; followOracle?: boolean }[];
  groupCaps: readonly { groupId: number; capBps: number }[];
};

export type Curve = { baseRateBps: number; slope1Bps: number; slope2Bps: number; kinkBps: number };

/**
 * Deploys the protocol with a mock stablecoin and the default groups (0 stablecoins, 1 ethereum-l1). Test
 * worlds keep governance immediate (delay 0, accepted on the development chain only) so fixtures can create
 * markets at any point; the production role layout is tested in governance.test.ts.
 */
export async function deployProtocol(
  chain: Chain,
  options: { riskOracle?: Address } = {},
): Promise<DeployBackstopReturnType & { stable: Address }> {
  const [deployer] = chain.wallets;
  const d = await deployBackstop({
    walletClient: deployer as WalletClient,
    publicClient: chain.publicClient,
    ...(options.riskOracle ? { riskOracle: options.riskOracle } : {}),
    stable: true,
    groups: ["stablecoins", "ethereum-l1", "lending"],
    governanceDelay: 0,
  });
  return { ...d, stable: d.stable as Address };
}

/** Creates a market as governance (the deployer); returns its id and trigger. */
export async function createMarket(chain: Chain, d: DeployBackstopReturnType, spec: MarketSpec) {
  const gov = chain.wallets[0] as WalletClient;
  const account = gov.account as NonNullable<WalletClient["account"]>;
  let trigger: Address = spec.trigger ?? zeroAddress;
  const parametric = spec.parametric || spec.trigger !== undefined;
  if (spec.parametric && !spec.trigger) {
    const hash = await deployContract(gov, {
      abi: mockTriggerAbi,
      bytecode: mockTriggerBytecode,
      account,
      chain: gov.chain,
    });
    trigger = (await mined(chain, Promise.resolve(hash))).contractAddress as Address;
  }
  const receipt = await mined(
    chain,
    writeContract(gov, {
      address: d.markets,
      abi: marketsAbi,
      functionName: "createMarket",
      account,
      chain: gov.chain,
      args: [
        {
          asset: d.stable as Address,
          status: 0,
          claimMode: parametric ? 0 : 1,
          payoutMode: spec.proportional ? 1 : 0,
          deductibleBps: spec.deductibleBps ?? 1_000,
          maturationDelay: 0,
          trigger,
          minPeriod: 7 * 86_400,
          maxPeriod: 365 * 86_400,
          claimWindow: spec.claimWindow ?? 30 * 86_400,
          groups: spec.groups.reduce((m, g) => m | (1n << BigInt(g)), 0n),
          baseRateBps: spec.baseRateBps ?? 200,
          minBaseRateBps: 50,
          maxBaseRateBps: 2_000,
          maxRateChangePerDayBps: 50,
          rateUpdatedAt: 0,
          fastTrackLimit: usd(10_000),
        },
        `ipfs://terms/${spec.name}`,
      ],
    }),
  );
  const [log] = parseEventLogs({ abi: marketsAbi, logs: receipt.logs, eventName: "MarketCreated" });
  return { marketId: log?.args.marketId ?? 0n, trigger, name: spec.name };
}

/**
 * Creates an assessor group of `members` (quorum `quorum`, 3-day votes) as governance and assigns it to every
 * market of `marketIds`: an ASSESSED market sells no cover without one. Returns the group id.
 */
export async function assignAssessors(
  chain: Chain,
  d: DeployBackstopReturnType,
  marketIds: readonly bigint[],
  members: readonly Address[],
  quorum = 1,
): Promise<bigint> {
  const gov = chain.wallets[0] as WalletClient;
  const w = { account: gov.account as NonNullable<WalletClient["account"]>, chain: gov.chain } as const;
  const receipt = await mined(
    chain,
    writeContract(gov, {
      ...w,
      address: d.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "createAssessorGroup",
      args: [
        [...members],
        { votingPeriod: 3 * 86_400, lateVoteWindow: 3_600, cooldown: 86_400, quorum, members: 0 },
      ],
    }),
  );
  const [log] = parseEventLogs({
    abi: assessedClaimsAbi,
    logs: receipt.logs,
    eventName: "AssessorGroupCreated",
  });
  const groupId = log?.args.groupId ?? 1n;
  for (const marketId of marketIds) {
    await mined(
      chain,
      writeContract(gov, {
        ...w,
        address: d.assessedClaims,
        abi: assessedClaimsAbi,
        functionName: "setMarketAssessors",
        args: [marketId, groupId],
      }),
    );
  }
  return groupId;
}

/**
 * Creates a pool through the factory with `curator` and configures its markets and group caps. */
export async function createPool(
  chain: Chain,
  d: DeployBackstopReturnType,
  curator: WalletClient,
  spec: PoolSpec,
) {
  const account = curator.account as NonNullable<WalletClient["account"]>;
  const w = { account, chain: curator.chain } as const;
  const receipt = await mined(
    chain,
    writeContract(curator, {
      ...w,
      address: d.poolFactory,
      abi: poolFactoryAbi,
      functionName: "createPool",
      args: [
        d.stable as Address,
        spec.name,
        spec.symbol,
        account.address,
        spec.curatorFeeBps ?? 1_000,
        spec.leverageBps ?? 30_000,
        spec.cooldown ?? 7 * 86_400,
      ],
    }),
  );
  const [log] = parseEventLogs({ abi: marketsAbi, logs: receipt.logs, eventName: "PoolRegistered" });
  const address = log?.args.pool as Address;
  const poolId = Number(log?.args.poolId ?? 0n);
  for (const g of spec.groupCaps) {
    await mined(
      chain,
      writeContract(curator, {
        ...w,
        address,
        abi: poolAbi,
        functionName: "setGroupCap",
        args: [g.groupId, g.capBps],
      }),
    );
  }
  for (const m of spec.markets) {
    await mined(
      chain,
      writeContract(curator, {
        ...w,
        address,
        abi: poolAbi,
        functionName: "setMarketConfig",
        args: [m.marketId, m.weightBps, m.curve, m.followOracle ?? false],
      }),
    );
  }
  return { poolId, address, name: spec.name };
}

/** Mints mock stablecoins to every wallet given. */
export async function fund(
  chain: Chain,
  d: { stable: Address },
  wallets: readonly WalletClient[],
  amount: bigint,
) {
  const minter = chain.wallets[0] as WalletClient;
  for (const w of wallets) {
    await mined(
      chain,
      writeContract(minter, {
        address: d.stable,
        abi: mockStableAbi,
        functionName: "mint",
        account: minter.account as NonNullable<WalletClient["account"]>,
        chain: minter.chain,
        args: [(w.account as NonNullable<WalletClient["account"]>).address, amount],
      }),
    );
  }
}

export const curves = {
  conservative: { baseRateBps: 150, slope1Bps: 250, slope2Bps: 3_000, kinkBps: 8_000 },
  standard: { baseRateBps: 200, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000 },
  aggressive: { baseRateBps: 300, slope1Bps: 600, slope2Bps: 5_000, kinkBps: 7_000 },
} as const satisfies Record<string, Curve>;

export { coverManagerAbi };
