// Test support (not exported): the protocol deployed with the SDK's deployBackstop on a local chain, one
// ASSESSED and one PARAMETRIC market, two pools backing both, funded accounts. Mocks are test-only here.
import {
  assessedClaimsAbi,
  marketsAbi,
  mockStableAbi,
  mockTriggerAbi,
  mockTriggerBytecode,
  poolAbi,
  poolFactoryAbi,
} from "@backstop/abi";
import {
  type Address,
  type Hash,
  parseEventLogs,
  parseUnits,
  type TransactionReceipt,
  zeroAddress,
} from "viem";
import { deployContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { type DeployBackstopReturnType, deployBackstop } from "../deploy/deployBackstop.ts";
import { type Signer, startChain, type TestChain } from "./chain.ts";

export const usd = (n: number | string): bigint => parseUnits(String(n), 6);
export const DAY = 86_400n;

async function mined(chain: TestChain, hash: Hash | Promise<Hash>): Promise<TransactionReceipt> {
  const receipt = await waitForTransactionReceipt(chain.publicClient, { hash: await hash });
  if (receipt.status !== "success") throw new Error(`set-up transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** A fresh chain with the protocol, markets and pools; `lp` has deposited into both pools. */
export async function createWorld() {
  const chain = await startChain();
  const [gov, curator, lp, buyer, other, assessor] = chain.wallets as [
    Signer,
    Signer,
    Signer,
    Signer,
    Signer,
    Signer,
  ];
  const d = (await deployBackstop({
    walletClient: gov,
    publicClient: chain.publicClient,
    stable: true,
    groups: ["stablecoins", "ethereum-l1"],
    governanceDelay: 0,
  })) as DeployBackstopReturnType & { stable: Address };

  const trigger = (
    await mined(chain, deployContract(gov, { abi: mockTriggerAbi, bytecode: mockTriggerBytecode }))
  ).contractAddress as Address;
  const createMarket = async (parametric: boolean) => {
    const receipt = await mined(
      chain,
      writeContract(gov, {
        address: d.markets,
        abi: marketsAbi,
        functionName: "createMarket",
        args: [
          {
            asset: d.stable,
            status: 0,
            claimMode: parametric ? 0 : 1,
            payoutMode: 0,
            deductibleBps: 1_000,
            maturationDelay: 0,
            trigger: parametric ? trigger : zeroAddress,
            minPeriod: 7 * 86_400,
            maxPeriod: 365 * 86_400,
            claimWindow: 30 * 86_400,
            groups: 1n << 1n,
            baseRateBps: 200,
            minBaseRateBps: 50,
            maxBaseRateBps: 2_000,
            maxRateChangePerDayBps: 50,
            rateUpdatedAt: 0,
            fastTrackLimit: usd(10_000),
          },
          parametric ? "ipfs://terms/peg" : "ipfs://terms/exploit",
        ],
      }),
    );
    const [log] = parseEventLogs({ abi: marketsAbi, logs: receipt.logs, eventName: "MarketCreated" });
    return log?.args.marketId ?? 0n;
  };
  const assessed = await createMarket(false);
  const parametric = await createMarket(true);

  const group = await mined(
    chain,
    writeContract(gov, {
      address: d.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "createAssessorGroup",
      args: [
        [assessor.account.address],
        { votingPeriod: 3 * 86_400, lateVoteWindow: 3_600, cooldown: 86_400, quorum: 1, members: 0 },
      ],
    }),
  );
  const [groupLog] = parseEventLogs({
    abi: assessedClaimsAbi,
    logs: group.logs,
    eventName: "AssessorGroupCreated",
  });
  await mined(
    chain,
    writeContract(gov, {
      address: d.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "setMarketAssessors",
      args: [assessed, groupLog?.args.groupId ?? 1n],
    }),
  );

  const curve = { baseRateBps: 200, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000 };
  const pools: { address: Address; poolId: number }[] = [];
  for (const i of [0, 1]) {
    const receipt = await mined(
      chain,
      writeContract(curator, {
        address: d.poolFactory,
        abi: poolFactoryAbi,
        functionName: "createPool",
        args: [d.stable, `Pool ${i}`, `bp${i}`, curator.account.address, 1_000, 30_000, 7 * 86_400],
      }),
    );
    const [log] = parseEventLogs({ abi: marketsAbi, logs: receipt.logs, eventName: "PoolRegistered" });
    const address = log?.args.pool as Address;
    await mined(
      chain,
      writeContract(curator, { address, abi: poolAbi, functionName: "setGroupCap", args: [1, 10_000] }),
    );
    for (const marketId of [assessed, parametric]) {
      await mined(
        chain,
        writeContract(curator, {
          address,
          abi: poolAbi,
          functionName: "setMarketConfig",
          args: [marketId, 5_000, curve, false],
        }),
      );
    }
    pools.push({ address, poolId: Number(log?.args.poolId ?? 0n) });
  }
  for (const w of [lp, buyer, other]) {
    await mined(
      chain,
      writeContract(gov, {
        address: d.stable,
        abi: mockStableAbi,
        functionName: "mint",
        args: [w.account.address, usd(10_000_000)],
      }),
    );
  }
  /** Fires the parametric market's trigger at `time` with a full payout. */
  const fire = async (time: bigint) =>
    mined(
      chain,
      writeContract(gov, {
        address: trigger,
        abi: mockTriggerAbi,
        functionName: "fire",
        args: [time, 10n ** 18n],
      }),
    );
  return {
    chain,
    d,
    markets: { assessed, parametric },
    trigger,
    fire,
    pools: pools as [(typeof pools)[0], (typeof pools)[0]],
    gov,
    curator,
    lp,
    buyer,
    other,
    assessor,
  };
}
