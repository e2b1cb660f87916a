// Replays a recorded Chainlink round series through a PegTrigger on the local Hardhat chain.
// Usage: npm run replay -- <csv> [--trigger-price 0.995] [--recovery-price 0.999] [--window 24h] [--peg 1]
//          [--payout binary|proportional] [--max-staleness 25h] [--from <date|unix>] [--to <date|unix>]
// Three MockAggregators answer every round (2 fresh feeds required); each round is set at its real updatedAt and
// the trigger is poked in the same transaction, keeper-style. The last stdout line is the JSON result.
import { readFile } from "node:fs/promises";
import path from "node:path";
import hre from "hardhat";
import { encodeFunctionData, toHex, zeroAddress } from "viem";
import {
  FEED_DECIMALS,
  orderRounds,
  parseArgs,
  parseRounds,
  ReplayInputError,
  type ReplayOptions,
  type Round,
  toDecimalNumber,
} from "./replay/input.ts";
import { referenceOutcome } from "./replay/reference.ts";

const TRIGGERED = 2;
const STATE_CHECK_EVERY = 100;
const STEP_GAS = 1_000_000;

export interface ReplayResult {
  fired: boolean;
  candidateRoundId: string | null;
  candidateTime: number | null;
  fireRoundId: string | null;
  fireTime: number | null;
  depegPrice: number | null;
  payoutBps: number | null;
}

async function loadRounds(file: string): Promise<Round[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "read error";
    throw new ReplayInputError(`cannot read ${file} (${code})`);
  }
  const rounds = orderRounds(parseRounds(text));
  if (rounds.length === 0) throw new ReplayInputError(`${file} has no rounds`);
  return rounds;
}

async function replay(opts: ReplayOptions, rounds: Round[]): Promise<ReplayResult> {
  const first = rounds[0] as Round;
  await hre.tasks.getTask("build").run({ quiet: true });
  const { viem, provider } = await hre.network.connect({
    network: "hardhat",
    override: { initialDate: new Date((first.updatedAt - 86_400) * 1000) },
  });
  const publicClient = await viem.getPublicClient();

  const feeds = await Promise.all(
    [0, 1, 2].map(() => viem.deployContract("MockAggregator", [FEED_DECIMALS])),
  );
  const trigger = await viem.deployContract("PegTrigger", [
    feeds.map((f) => f.address),
    opts.peg,
    opts.triggerPrice,
    opts.recoveryPrice,
    BigInt(opts.window),
    BigInt(opts.maxStaleness),
    2n,
    zeroAddress,
    0n,
  ]);
  const replayer = await viem.deployContract("FeedReplayer", [feeds.map((f) => f.address), trigger.address]);
  const startBlock = await publicClient.getBlock();
  if (startBlock.timestamp >= BigInt(first.updatedAt)) {
    throw new Error("the local chain's clock is past the first round; cannot replay");
  }

  // Raw JSON-RPC with a fixed gas limit: no per-round estimation, nonce or chain-id round trips.
  const [wallet] = await viem.getWalletClients();
  if (!wallet) throw new Error("the local chain has no unlocked account");
  const from = wallet.account.address;
  let replayed = 0;
  for (const r of rounds) {
    await provider.request({ method: "evm_setNextBlockTimestamp", params: [toHex(r.updatedAt)] });
    const data = encodeFunctionData({
      abi: replayer.abi,
      functionName: "step",
      args: [r.roundId, r.answer, BigInt(r.startedAt), BigInt(r.updatedAt), r.answeredInRound],
    });
    await provider.request({
      method: "eth_sendTransaction",
      params: [{ from, to: replayer.address, data, gas: toHex(STEP_GAS) }],
    });
    replayed++;
    if (replayed % STATE_CHECK_EVERY === 0 && (await trigger.read.state()) === TRIGGERED) break;
  }

  const byTime = new Map(rounds.map((r) => [r.updatedAt, r]));
  const events = await publicClient.getContractEvents({
    address: trigger.address,
    abi: trigger.abi,
    eventName: "TriggerStateChanged",
    fromBlock: startBlock.number,
  });
  const opened = events.filter((e) => e.args.state === 1).length;
  const cancelled = events.filter((e) => e.args.state === 0).length;
  console.error(
    `replay: ${replayed}/${rounds.length} rounds, ${opened} candidate(s) opened, ${cancelled} cancelled`,
  );

  const fired = events.find((e) => e.args.state === TRIGGERED);
  if (!fired) {
    return {
      fired: false,
      candidateRoundId: null,
      candidateTime: null,
      fireRoundId: null,
      fireTime: null,
      depegPrice: null,
      payoutBps: null,
    };
  }
  const candidateTime = Number(fired.args.incidentTime);
  const fireTime = Number((await publicClient.getBlock({ blockNumber: fired.blockNumber })).timestamp);
  const fireRound = byTime.get(fireTime);
  const payoutWad = fired.args.payoutWad ?? 0n;
  return {
    fired: true,
    candidateRoundId: byTime.get(candidateTime)?.roundId.toString() ?? null,
    candidateTime,
    fireRoundId: fireRound?.roundId.toString() ?? null,
    fireTime,
    depegPrice: fireRound ? toDecimalNumber(fireRound.answer, FEED_DECIMALS) : null,
    payoutBps: opts.payout === "binary" ? 10_000 : Number(payoutWad / 10n ** 14n),
  };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  // npm runs workspace scripts in the workspace; resolve the CSV from where the command was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.csv);
  const rounds = (await loadRounds(file)).filter((r) => r.updatedAt >= opts.from && r.updatedAt < opts.to);
  if (rounds.length === 0) throw new ReplayInputError("no rounds in the --from/--to range");
  const started = performance.now();
  const result = await replay(opts, rounds);
  const ref = referenceOutcome(rounds, opts);
  const agrees =
    result.fired === (ref.fire !== null) &&
    result.candidateRoundId === (ref.candidate?.roundId.toString() ?? null) &&
    result.fireRoundId === (ref.fire?.roundId.toString() ?? null) &&
    (opts.payout === "binary" || result.payoutBps === ref.payoutBps);
  console.error(
    agrees
      ? `replay: the off-chain reference agrees (${ref.candidates} candidate(s), ${ref.cancelled} cancelled)`
      : `replay: WARNING the off-chain reference disagrees: ${JSON.stringify(ref, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
  );
  console.error(`replay: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    console.error(`replay: ${message}`);
    process.exit(e instanceof ReplayInputError ? 2 : 1);
  },
);
