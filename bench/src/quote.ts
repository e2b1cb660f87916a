// Quote latency (p50/p99) and throughput against a local Hardhat (EDR) node over HTTP, for markets backed
// by 1, 8 and 32 pools: the SDK's quote reads each pool's state with plain eth_calls, runs the core math to
// choose the pool order, then prices it with PoolLens.quote; the lens quote alone is one eth_call.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { marketsAbi, mockStableAbi, poolAbi, poolFactoryAbi } from "@backstop/abi";
import { type PoolMarketSnapshot, type PoolSnapshot, quoteSnapshot } from "@backstop/core";
import { devWallets, startLocalNode } from "@backstop/devnet";
import { startIndexer } from "@backstop/indexer";
import { deployBackstop, quote, quoteOnchain } from "@backstop/sdk";
import { createPublicClient, defineChain, http, parseEventLogs, parseUnits, type WalletClient } from "viem";

const SIZES = [1, 8, 32];
const LATENCY_SAMPLES = 200;
const THROUGHPUT_QUOTES = 400;
const CONCURRENCY = 8;
const usdc = (n: number) => parseUnits(String(n), 6);
const INDEXED_SAMPLES = 2_000;

/** Decodes /v1/quote/inputs (bigints as decimal strings, group maps as arrays) into core snapshots. */
function decode(value: unknown): unknown {
  if (typeof value === "string" && /^-?[0-9]+$/.test(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

async function indexerQuote(
  rpcUrl: string,
  deployment: Parameters<typeof startIndexer>[0]["deployment"],
  marketId: bigint,
  amount: bigint,
) {
  const indexer = await startIndexer({ rpcUrl, deployment, port: await freePort(), dbDir: await tmpDir() });
  try {
    await indexer.ready();
    // /ready answers at the end of the backfill (Ponder's finality window); wait for the head block too.
    const head = Number(
      await createPublicClient({ transport: http(rpcUrl) }).getBlockNumber({ cacheTime: 0 }),
    );
    for (;;) {
      const st = (await (await fetch(`${indexer.url}/v1/stats`)).json()) as { blockNumber: number };
      if (st.blockNumber >= head) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const period = 90n * 86_400n;
    const inputs = (await (await fetch(`${indexer.url}/v1/quote/inputs?market=${marketId}`)).json()) as {
      timestamp: number;
      oracleBaseRateBps: string;
      protocolFeeBps: string;
      backers: { pool: Record<string, unknown>; market: Record<string, unknown> }[];
    };
    const backers = inputs.backers.map((b) => {
      const pool = decode(b.pool) as PoolSnapshot & {
        groups: { groupId: number; booked: bigint; capBps: bigint }[];
      };
      return {
        pool: { ...pool, groups: new Map(pool.groups.map((g) => [Number(g.groupId), g])) } as PoolSnapshot,
        market: decode(b.market) as PoolMarketSnapshot,
      };
    });
    const params = {
      backers,
      oracleBaseRateBps: BigInt(inputs.oracleBaseRateBps),
      protocolFeeBps: BigInt(inputs.protocolFeeBps),
      amount,
      period,
      time: BigInt(inputs.timestamp),
    };
    const url = `${indexer.url}/v1/quote?market=${marketId}&amount=${amount}&period=${period}`;
    const viaHttp = (await (await fetch(url)).json()) as { premium: string; pools: number[] };
    const local = quoteSnapshot(params);
    if (String(local.premium) !== viaHttp.premium) throw new RangeError("in-process and HTTP quotes differ");
    if (backers.length !== 32) throw new RangeError(`expected 32 backers, got ${backers.length}`);
    const us: number[] = [];
    for (let i = 0; i < 200; i++) quoteSnapshot(params);
    for (let i = 0; i < INDEXED_SAMPLES; i++) {
      const t = performance.now();
      quoteSnapshot(params);
      us.push((performance.now() - t) * 1000);
    }
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) await (await fetch(url)).arrayBuffer();
    for (let i = 0; i < INDEXED_SAMPLES; i++) {
      const t = performance.now();
      await (await fetch(url)).arrayBuffer();
      ms.push(performance.now() - t);
    }
    const pct = (xs: number[], p: number) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    };
    const r = {
      inProcessP50Us: +pct(us, 0.5).toFixed(1),
      inProcessP99Us: +pct(us, 0.99).toFixed(1),
      httpP50Ms: +pct(ms, 0.5).toFixed(3),
      httpP99Ms: +pct(ms, 0.99).toFixed(3),
    };
    console.log(
      `32 pools indexed quote: in process p50 ${r.inProcessP50Us} us (p99 ${r.inProcessP99Us}), HTTP p50 ${r.httpP50Ms} ms (p99 ${r.httpP99Ms})`,
    );
    return r;
  } finally {
    await indexer.stop();
  }
}

async function tmpDir(): Promise<string> {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  return mkdtempSync(resolve(tmpdir(), "backstop-bench-"));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const node = await startLocalNode(await freePort());
try {
  const chain = defineChain({
    id: 31337,
    name: "bench",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [node.rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(node.rpcUrl), pollingInterval: 50 });
  const [gov] = devWallets(chain, node.rpcUrl, 1);
  if (!gov) throw new RangeError("no dev account");
  const d = await deployBackstop({
    walletClient: gov as WalletClient,
    publicClient,
    stable: true,
    groups: ["stablecoins"],
    // A benchmark chain: governance acts at once (accepted on the development chain only).
    governanceDelay: 0,
  });
  const stable = d.stable as `0x${string}`;
  const mined = async (hash: `0x${string}`) =>
    publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  const receipt = await mined(
    await gov.writeContract({
      address: d.markets,
      abi: marketsAbi,
      functionName: "createMarket",
      args: [
        {
          asset: stable,
          status: 0,
          claimMode: 1,
          payoutMode: 0,
          deductibleBps: 1_000,
          maturationDelay: 0,
          trigger: "0x0000000000000000000000000000000000000000",
          minPeriod: 7 * 86_400,
          maxPeriod: 365 * 86_400,
          claimWindow: 30 * 86_400,
          groups: 1n,
          baseRateBps: 200,
          minBaseRateBps: 50,
          maxBaseRateBps: 2_000,
          maxRateChangePerDayBps: 50,
          rateUpdatedAt: 0,
          fastTrackLimit: usdc(10_000),
        },
        "ipfs://bench",
      ],
    }),
  );
  const marketId =
    parseEventLogs({ abi: marketsAbi, logs: receipt.logs, eventName: "MarketCreated" })[0]?.args.marketId ??
    1n;
  await mined(
    await gov.writeContract({
      address: stable,
      abi: mockStableAbi,
      functionName: "mint",
      args: [gov.account.address, usdc(1e9)],
    }),
  );

  // 32 pools with different capital and curves, all backing the market.
  const max = Math.max(...SIZES);
  for (let i = 0; i < max; i++) {
    const r = await mined(
      await gov.writeContract({
        address: d.poolFactory,
        abi: poolFactoryAbi,
        functionName: "createPool",
        args: [stable, `Pool ${i}`, `bp${i}`, gov.account.address, 1_000, 30_000, 7 * 86_400],
      }),
    );
    const pool = parseEventLogs({ abi: marketsAbi, logs: r.logs, eventName: "PoolRegistered" })[0]?.args.pool;
    if (!pool) throw new RangeError("pool not created");
    await mined(
      await gov.writeContract({ address: pool, abi: poolAbi, functionName: "setGroupCap", args: [0, 8_000] }),
    );
    const curve = { baseRateBps: 150 + ((i * 37) % 200), slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000 };
    await mined(
      await gov.writeContract({
        address: pool,
        abi: poolAbi,
        functionName: "setMarketConfig",
        args: [marketId, 5_000, curve, false],
      }),
    );
    const assets = usdc(100_000 + ((i * 7_919) % 50) * 10_000);
    await mined(
      await gov.writeContract({
        address: stable,
        abi: mockStableAbi,
        functionName: "approve",
        args: [pool, assets],
      }),
    );
    await mined(
      await gov.writeContract({
        address: pool,
        abi: poolAbi,
        functionName: "deposit",
        args: [assets, gov.account.address],
      }),
    );
  }

  const results = [];
  // BENCH_QUOTE_INDEXED_ONLY=1 measures the indexer's figures only and keeps the RPC rows already recorded.
  const indexedOnly = process.env.BENCH_QUOTE_INDEXED_ONLY === "1";
  for (const transport of indexedOnly ? [] : (["http", "http-batch"] as const)) {
    const client = createPublicClient({
      chain,
      transport: http(node.rpcUrl, { batch: transport === "http-batch" }),
    });
    for (const [n, kind] of SIZES.flatMap((n) => [[n, "sdk-quote"] as const, [n, "lens-quote"] as const])) {
      const pools = Array.from({ length: n }, (_, i) => i);
      const params = {
        markets: d.markets,
        poolLens: d.poolLens,
        marketId,
        amount: usdc(25_000 * n),
        period: 90n * 86_400n,
        pools,
      };
      const run = () => (kind === "sdk-quote" ? quote(client, params) : quoteOnchain(client, params));
      for (let i = 0; i < 10; i++) await run();
      const ms: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const t = performance.now();
        await run();
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < THROUGHPUT_QUOTES) await run();
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const row = {
        pools: n,
        kind,
        transport,
        samples: LATENCY_SAMPLES,
        p50Ms: +at(0.5).toFixed(2),
        p99Ms: +at(0.99).toFixed(2),
        meanMs: +(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2),
        throughputPerSec: +(THROUGHPUT_QUOTES / seconds).toFixed(1),
        concurrency: CONCURRENCY,
      };
      results.push(row);
      console.log(
        `${String(n).padStart(2)} pools ${kind.padEnd(10)} ${transport.padEnd(10)} p50 ${row.p50Ms} ms  p99 ${row.p99Ms} ms  ${row.throughputPerSec} quotes/s (${CONCURRENCY} in flight)`,
      );
    }
  }
  // The indexer's quote over its indexed state: in process (packages/core quoteSnapshot over the state the
  // API serves at /v1/quote/inputs) and over HTTP (GET /v1/quote on 127.0.0.1), both for the 32-pool market.
  const indexed = await indexerQuote(
    node.rpcUrl,
    { ...d, startBlock: d.startBlock },
    marketId,
    usdc(25_000 * max),
  );
  const out = resolve(import.meta.dirname, "../results/quote.json");
  const previous = indexedOnly
    ? (JSON.parse(readFileSync(out, "utf8")) as { results: unknown[]; date: string; benchmark: string })
    : undefined;
  if (previous) results.push(...(previous.results as never[]));
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark:
          previous?.benchmark ??
          "SDK quote() (core ordering + PoolLens.quote) and quoteOnchain() (PoolLens.quote alone) against a local Hardhat 3 node (EDR) over HTTP JSON-RPC on 127.0.0.1",
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? "",
        date: previous ? previous.date : new Date().toISOString(),
        ...(previous ? { indexedDate: new Date().toISOString() } : {}),
        inProcessP50Us_32pools: indexed.inProcessP50Us,
        inProcessP99Us_32pools: indexed.inProcessP99Us,
        httpP50Ms_32pools: indexed.httpP50Ms,
        httpP99Ms_32pools: indexed.httpP99Ms,
        indexedQuote:
          "inProcess: quoteSnapshot (packages/core) over the indexer's state for a 32-pool market, cheapest order, " +
          "per call; http: GET /v1/quote on the indexer's API over loopback (state cached per head block), " +
          `${INDEXED_SAMPLES} samples each after warm-up; equal to PoolLens.quote at the indexed block`,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`-> ${out}`);
} finally {
  await node.stop();
}
