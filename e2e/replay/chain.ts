// Runs a round series through a PegTrigger over three MockAggregators on a simulated Hardhat chain.
import type { NetworkManager } from "hardhat/types/network";
import { encodeFunctionData, toHex, zeroAddress } from "viem";
import { FEED_DECIMALS, type ReplayOptions, type Round, toDecimalNumber } from "./input.ts";

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

/**
 * Deploys the feeds, the trigger and a FeedReplayer on a new simulated chain whose clock starts a day before the
 * first round, then sends one transaction per round at the round's updatedAt (set the rounds, poke). Stops once
 * fired. `rounds` must be ordered by strictly increasing updatedAt (see orderRounds). Progress goes to `log`.
 */
export async function replayOnChain(
  network: NetworkManager,
  opts: ReplayOptions,
  rounds: readonly Round[],
  log: (line: string) => void = () => {},
): Promise<ReplayResult> {
  const first = rounds[0] as Round;
  const { viem, provider } = await network.connect({
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
  log(`replay: ${replayed}/${rounds.length} rounds, ${opened} candidate(s) opened, ${cancelled} cancelled`);

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
