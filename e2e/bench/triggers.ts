// Gas of trigger pokes, for the project's gas benchmark (which imports measureTriggerGas) and the budget test.
// Run alone: npm run -w @backstop/contracts bench:triggers
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { type Hash, zeroAddress } from "viem";

const HOUR = 3600n;

/**
 * Deploys each trigger on a fresh setup and measures its pokes. Keys:
 * - pokeTrigger: PegTrigger over 3 feeds, steady state (no new round, no state change). Budget 60,000.
 * - pokePegNewRounds: PegTrigger over 3 feeds, every feed has a new round at the peg (feed times recorded).
 * - pokePegWithSequencer: as pokeTrigger, with an L2 sequencer uptime feed.
 * - pokePegFire: the poke that fires the PegTrigger.
 * - pokePegSameBlock / pokeDrainSameBlock: a second poke in the block of an earlier one, nothing changed (what a
 *   sale or an LP exit pays when the core pokes before reading the state and someone already poked).
 * - pokeDrainTrigger: DrainTrigger (4 buckets) steady state; pokeDrainFire: the confirming poke (third block).
 * - pokeCommitteeTrigger: CommitteeTrigger while ACTIVE; attestCommittee: one attestation below the threshold;
 *   pokeCommitteeFire: the poke after the challenge period.
 * - pokeOptimisticTrigger: OptimisticTrigger while ACTIVE; pokeOptimisticFire: the undisputed poke after liveness.
 */
export async function measureTriggerGas(viem: HardhatViemHelpers): Promise<Record<string, bigint>> {
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [wallet] = await viem.getWalletClients();
  if (!wallet) throw new Error("measureTriggerGas needs an unlocked account");
  const gas = async (tx: Promise<Hash>): Promise<bigint> =>
    (await publicClient.waitForTransactionReceipt({ hash: await tx })).gasUsed;
  const later = async (seconds: bigint): Promise<void> => {
    const { timestamp } = await publicClient.getBlock();
    await testClient.setNextBlockTimestamp({ timestamp: timestamp + seconds });
    await testClient.mine({ blocks: 1 });
  };
  // Start on a day boundary so bucketed state (DrainTrigger) lands the same way on every run.
  const day = 86_400n;
  await later(day - ((await publicClient.getBlock()).timestamp % day));
  const out: Record<string, bigint> = {};
  // Two pokes in one block: returns the second one's gas.
  const secondInBlock = async (poke: () => Promise<Hash>): Promise<bigint> => {
    await testClient.setAutomine(false);
    try {
      await poke();
      const second = await poke();
      await testClient.mine({ blocks: 1 });
      return (await publicClient.waitForTransactionReceipt({ hash: second })).gasUsed;
    } finally {
      await testClient.setAutomine(true);
    }
  };
  const expectState = async (
    trigger: { read: { state: () => Promise<number> } },
    state: number,
    what: string,
  ) => {
    const actual = await trigger.read.state();
    if (actual !== state)
      throw new Error(`measureTriggerGas: ${what} left state ${actual}, expected ${state}`);
  };

  // PegTrigger over three feeds.
  const feeds = await Promise.all([0, 1, 2].map(() => viem.deployContract("MockAggregator", [8])));
  for (const f of feeds) await f.write.setAnswer([100_000_000n]);
  const sequencer = await viem.deployContract("MockAggregator", [0]);
  const now = (await publicClient.getBlock()).timestamp;
  await sequencer.write.setRound([1n, 0n, now - 2n * HOUR, now - 2n * HOUR, 1n]);
  const pegArgs = (seq: `0x${string}`) =>
    [
      feeds.map((f) => f.address),
      100_000_000n,
      99_500_000n,
      99_900_000n,
      24n * HOUR,
      25n * HOUR,
      2n,
      seq,
      HOUR,
    ] as const;
  const peg = await viem.deployContract("PegTrigger", [...pegArgs(zeroAddress)]);
  const pegL2 = await viem.deployContract("PegTrigger", [...pegArgs(sequencer.address)]);
  await peg.write.poke();
  await pegL2.write.poke();
  out.pokeTrigger = await gas(peg.write.poke());
  await expectState(peg, 0, "pokeTrigger");
  out.pokePegWithSequencer = await gas(pegL2.write.poke());
  out.pokePegSameBlock = await secondInBlock(() => peg.write.poke());
  await later(60n);
  for (const f of feeds) await f.write.setAnswer([100_000_000n]);
  out.pokePegNewRounds = await gas(peg.write.poke());
  for (const f of feeds) await f.write.setAnswer([97_000_000n]);
  await peg.write.poke();
  await later(24n * HOUR);
  for (const f of feeds) await f.write.setAnswer([97_000_000n]);
  out.pokePegFire = await gas(peg.write.poke());
  await expectState(peg, 2, "pokePegFire");

  // DrainTrigger over a TVL reader.
  const reader = await viem.deployContract("MockTvlReader");
  await reader.write.setTvl([1_000_000n * 10n ** 6n]);
  const drain = await viem.deployContract("DrainTrigger", [
    reader.address,
    zeroAddress,
    5n * 10n ** 17n,
    2n * HOUR,
    4n,
    600n,
  ]);
  await later(60n);
  await drain.write.poke();
  await later(60n);
  out.pokeDrainTrigger = await gas(drain.write.poke());
  await expectState(drain, 0, "pokeDrainTrigger");
  await later(60n);
  out.pokeDrainSameBlock = await secondInBlock(() => drain.write.poke());
  await reader.write.setTvl([100_000n * 10n ** 6n]);
  await drain.write.poke();
  await later(60n);
  await drain.write.poke();
  await later(540n);
  out.pokeDrainFire = await gas(drain.write.poke());
  await expectState(drain, 2, "pokeDrainFire");

  // CommitteeTrigger: the deployer is the only member of a 1-of-1 committee for the firing path, and one of
  // three (threshold 2) for the attestation cost.
  const members = [
    wallet.account.address,
    "0x000000000000000000000000000000000000a001",
    "0x000000000000000000000000000000000000a002",
  ] as const;
  const committee = await viem.deployContract("CommitteeTrigger", [
    [...members],
    2n,
    wallet.account.address,
    HOUR,
  ]);
  out.pokeCommitteeTrigger = await gas(committee.write.poke());
  // Incident times must not predate a trigger's deployment: read the clock after deploying.
  let ts = (await publicClient.getBlock()).timestamp;
  out.attestCommittee = await gas(committee.write.attest([ts, 10n ** 18n]));
  const solo = await viem.deployContract("CommitteeTrigger", [
    [wallet.account.address],
    1n,
    wallet.account.address,
    HOUR,
  ]);
  ts = (await publicClient.getBlock()).timestamp;
  await solo.write.attest([ts, 10n ** 18n]);
  await later(HOUR);
  out.pokeCommitteeFire = await gas(solo.write.poke());
  await expectState(solo, 2, "pokeCommitteeFire");

  // OptimisticTrigger with a zero bond (the bond transfer is the token's cost, not the trigger's).
  const token = await viem.deployContract("MockStable", ["USD", "USD"]);
  const optimistic = await viem.deployContract("OptimisticTrigger", [
    token.address,
    0n,
    HOUR,
    wallet.account.address,
  ]);
  out.pokeOptimisticTrigger = await gas(optimistic.write.poke());
  ts = (await publicClient.getBlock()).timestamp;
  await optimistic.write.propose([ts, 10n ** 18n, "ipfs://evidence"]);
  await later(HOUR);
  out.pokeOptimisticFire = await gas(optimistic.write.poke());
  await expectState(optimistic, 2, "pokeOptimisticFire");
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { default: hre } = await import("hardhat");
  await hre.tasks.getTask("build").run({ quiet: true });
  const { viem } = await hre.network.connect();
  const result = await measureTriggerGas(viem);
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)} ${v.toLocaleString("en-US")}`);
  process.exit(0);
}
