/**
 * Payout latency on the devnet: seconds from a de-peg's confirming feed round (the first observation past the
 * 24 h window, mined) to the USDC in the holder's wallet, with nobody but the keeper acting (it pokes the
 * trigger, settles the market and pays the holders with Settlement.claimMany). One sample per de-peg market
 * (USDC, USDT) per devnet; writes bench/results/payout-latency.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { mockAggregatorAbi } from "@backstop/abi";
import { connectRead, devWallets, ROLES_BY_INDEX, startDevnet } from "@backstop/devnet";
import { type Address, erc20Abi } from "viem";
import { waitForTransactionReceipt } from "viem/actions";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const pollMs = Number(process.env.KEEPER_POLL_MS ?? 1_000);
const runs = Number(process.env.RUNS ?? 2);
const samples: { market: string; seconds: number; paid: string; pollMs: number }[] = [];

for (let run = 0; run < runs; run++) {
  const devnet = await startDevnet({
    port: await freePort(),
    stateRoot: mkdtempSync(join(tmpdir(), "backstop-latency-")),
    pollIntervalMs: pollMs,
  });
  try {
    const { publicClient, chain } = await connectRead(devnet.rpcUrl);
    const wallets = devWallets(chain, devnet.rpcUrl, 13);
    const gov = wallets[0];
    const d = devnet.deployment;
    if (!gov || !d.seed || !d.stable) throw new Error("the devnet has no seed");
    const rpc = (method: string, params: unknown[] = []) =>
      publicClient.request({ method, params } as never) as Promise<unknown>;
    const setFeeds = async (feeds: Address[], answer: bigint) => {
      for (const feed of feeds) {
        const hash = await gov.writeContract({
          address: feed,
          abi: mockAggregatorAbi,
          functionName: "setAnswer",
          args: [answer],
        });
        await waitForTransactionReceipt(publicClient, { hash, pollingInterval: 20 });
      }
    };
    for (const [asset, buyerIndex] of [
      ["USDC", ROLES_BY_INDEX.buyers[0]],
      ["USDT", ROLES_BY_INDEX.buyers[1]],
    ] as const) {
      const feeds = d.seed.feeds[asset] ?? [];
      const holder = wallets[buyerIndex]?.account.address as Address;
      const balance = () =>
        publicClient.readContract({
          address: d.stable as Address,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [holder],
        });
      const trigger = d.seed.markets.find((m) => m.asset === asset)?.trigger as Address;
      // The de-peg: every feed at $0.97; the keeper opens the candidate (FROZEN).
      await setFeeds(feeds, 97_000_000n);
      await new Promise((r) => setTimeout(r, pollMs * 3));
      await rpc("evm_increaseTime", [25 * 3_600]);
      await rpc("evm_mine");
      const before = await balance();
      // The confirming round: fresh answers past the 24 h window. The clock starts once it is mined.
      await setFeeds(feeds, 97_000_000n);
      const t0 = performance.now();
      for (;;) {
        const now = await balance();
        if (now > before) {
          samples.push({
            market: `${asset.toLowerCase()}-depeg`,
            seconds: Number(((performance.now() - t0) / 1000).toFixed(3)),
            paid: (now - before).toString(),
            pollMs,
          });
          console.log(
            `${asset} de-peg: paid ${Number(now - before) / 1e6} USDC after ${samples.at(-1)?.seconds}s (trigger ${trigger})`,
          );
          break;
        }
        if (performance.now() - t0 > 60_000) throw new Error(`${asset}: the holder was not paid within 60 s`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  } finally {
    await devnet.stop();
  }
}

const secs = samples.map((s) => s.seconds).sort((a, b) => a - b);
const result = {
  what: "seconds from a de-peg's confirming feed round (mined) to USDC in the holder's wallet, keeper only",
  keeperPollMs: pollMs,
  samples,
  median: secs[Math.floor(secs.length / 2)],
  max: secs.at(-1),
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
  at: new Date().toISOString(),
};
const out = resolve(import.meta.dirname, "../../bench/results/payout-latency.json");
mkdirSync(resolve(out, ".."), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`median ${result.median}s, max ${result.max}s -> bench/results/payout-latency.json`);
process.exit(0);
