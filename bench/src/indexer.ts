// Indexer throughput: events indexed per second over a synthetic history of >= 100,000 protocol events on a local
// Hardhat node (EDR), with PGlite and with a private PostgreSQL. The history is real protocol activity batched
// many transactions per block (automine off): purchases (4 indexed events each: Underwritten, PolicySlice,
// CoverBought, the policy NFT's Transfer), deposits (Deposit, Transfer) and redeem requests (RedeemRequest,
// RedeemRequested, Transfer). Rate = indexed logs / (time from the API answering to the head block indexed).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  assessedClaimsAbi,
  coverManagerAbi,
  marketsAbi,
  mockStableAbi,
  poolAbi,
  poolFactoryAbi,
} from "@backstop/abi";
import { devWallets, startLocalNode } from "@backstop/devnet";
import { startIndexer } from "@backstop/indexer";
import { deployBackstop } from "@backstop/sdk";
import {
  type Address,
  createPublicClient,
  defineChain,
  encodeFunctionData,
  type Hex,
  http,
  maxUint256,
  parseEventLogs,
  parseUnits,
  type WalletClient,
  zeroAddress,
} from "viem";

const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const POOLS = 8;
const usdc = (n: number) => parseUnits(String(n), 6);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

let rpcId = 0;
async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<unknown[]> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(calls.map((c) => ({ jsonrpc: "2.0", id: ++rpcId, ...c }))),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } }[];
  const failed = body.find((b) => b.error);
  if (failed) throw new RangeError(`rpc: ${failed.error?.message}`);
  return body.map((b) => b.result);
}

// Blocks of ~600 events: Ponder fetches logs 5 blocks at a time (its responses stay far below 10 MB).
process.env.BACKSTOP_GETLOGS_RANGE = "5";
const node = await startLocalNode(await freePort());
const out = resolve(import.meta.dirname, "../results/indexer.json");
try {
  const rpcUrl = node.rpcUrl;
  const chain = defineChain({
    id: 31337,
    name: "bench",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 20 });
  const wallets = devWallets(chain, rpcUrl, 20);
  const gov = wallets[0];
  if (!gov) throw new RangeError("no dev account");
  const mined = async (hash: Hex) => publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  const d = await deployBackstop({
    walletClient: gov as WalletClient,
    publicClient,
    stable: true,
    groups: ["stablecoins"],
    governanceDelay: 0,
  });
  const stable = d.stable as Address;
  const r = await mined(
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
          deductibleBps: 0,
          maturationDelay: 0,
          trigger: zeroAddress,
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
    parseEventLogs({ abi: marketsAbi, logs: r.logs, eventName: "MarketCreated" })[0]?.args.marketId ?? 1n;
  const members = wallets.slice(1, 4).map((w) => w.account.address);
  await mined(
    await gov.writeContract({
      address: d.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "createAssessorGroup",
      args: [
        members,
        { votingPeriod: 86_400, lateVoteWindow: 3_600, cooldown: 86_400, quorum: 2, members: 3 },
      ],
    }),
  );
  await mined(
    await gov.writeContract({
      address: d.assessedClaims,
      abi: assessedClaimsAbi,
      functionName: "setMarketAssessors",
      args: [marketId, 1n],
    }),
  );
  const pools: Address[] = [];
  for (let i = 0; i < POOLS; i++) {
    const rc = await mined(
      await gov.writeContract({
        address: d.poolFactory,
        abi: poolFactoryAbi,
        functionName: "createPool",
        args: [stable, `Pool ${i}`, `bp${i}`, gov.account.address, 1_000, 30_000, 7 * 86_400],
      }),
    );
    const pool = parseEventLogs({ abi: marketsAbi, logs: rc.logs, eventName: "PoolRegistered" })[0]?.args
      .pool;
    if (!pool) throw new RangeError("pool not created");
    pools.push(pool);
    await mined(
      await gov.writeContract({ address: pool, abi: poolAbi, functionName: "setGroupCap", args: [0, 9_000] }),
    );
    await mined(
      await gov.writeContract({
        address: pool,
        abi: poolAbi,
        functionName: "setMarketConfig",
        args: [
          marketId,
          9_000,
          { baseRateBps: 150 + i * 10, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000 },
          false,
        ],
      }),
    );
  }
  for (const w of wallets) {
    await mined(
      await gov.writeContract({
        address: stable,
        abi: mockStableAbi,
        functionName: "mint",
        args: [w.account.address, usdc(1e9)],
      }),
    );
    for (const spender of [d.coverManager, ...pools]) {
      await mined(
        await w.writeContract({
          address: stable,
          abi: mockStableAbi,
          functionName: "approve",
          args: [spender, maxUint256],
        }),
      );
    }
    for (const pool of pools) {
      await mined(
        await w.writeContract({
          address: pool,
          abi: poolAbi,
          functionName: "deposit",
          args: [usdc(1_000_000), w.account.address],
        }),
      );
    }
  }

  // The synthetic history: per account and round, a purchase, a deposit and (every other round) a request.
  const accounts = wallets.map((w) => w.account.address);
  const buy = (owner: Address, i: number) =>
    encodeFunctionData({
      abi: coverManagerAbi,
      functionName: "buyCover",
      args: [
        {
          marketId,
          amount: usdc(1 + (i % 7)),
          period: BigInt((30 + (i % 60)) * 86_400),
          pools: [i % POOLS],
          maxPremium: usdc(1_000),
          owner,
          integrator: zeroAddress,
          commissionBps: 0,
        },
      ],
    });
  const txs = (i: number) => {
    const from = accounts[i % accounts.length] as Address;
    const pool = pools[i % POOLS] as Address;
    const list = [
      { from, to: d.coverManager, data: buy(from, i), gas: "0x7a120", events: 4 },
      {
        from,
        to: pool,
        data: encodeFunctionData({ abi: poolAbi, functionName: "deposit", args: [usdc(10), from] }),
        gas: "0x3d090",
        events: 2,
      },
    ];
    if (i % 2 === 0) {
      list.push({
        from,
        to: pool,
        data: encodeFunctionData({
          abi: poolAbi,
          functionName: "requestRedeem",
          args: [10n ** 6n, from, from],
        }),
        gas: "0x3d090",
        events: 3,
      });
    }
    return list;
  };
  const startBlock = Number(await publicClient.getBlockNumber());
  await rpcBatch(rpcUrl, [{ method: "evm_setAutomine", params: [false] }]);
  const tGen = performance.now();
  let expected = 0;
  let round = 0;
  const PER_BLOCK = 240;
  while (expected < TARGET_EVENTS) {
    const batch: { method: string; params: unknown[] }[] = [];
    while (batch.length < PER_BLOCK) {
      for (const tx of txs(round++)) {
        const { events, ...call } = tx;
        batch.push({ method: "eth_sendTransaction", params: [call] });
        expected += events;
      }
    }
    await rpcBatch(rpcUrl, batch);
    await rpcBatch(rpcUrl, [{ method: "evm_mine", params: [] }]);
  }
  // The chain moves on: the history is older than Ponder's finality window, so it is backfilled (as on a real
  // chain) rather than replayed block by block in real time.
  // (evm_mine, not hardhat_mine: EDR's bulk-mined blocks read as a reorg to Ponder's live sync.)
  await rpcBatch(
    rpcUrl,
    Array.from({ length: 64 }, () => ({ method: "evm_mine", params: [] })),
  );
  await rpcBatch(rpcUrl, [{ method: "evm_setAutomine", params: [true] }]);
  const genSeconds = (performance.now() - tGen) / 1000;
  const head = Number(await publicClient.getBlockNumber());
  const historyHead = head - 64;
  // Count what the indexer indexes: every log of the protocol's contracts from the deployment block.
  const addresses = [d.markets, d.coverManager, d.settlement, d.assessedClaims, ...pools];
  let events = 0;
  for (let from = d.startBlock ?? 0; from <= head; from += 5) {
    const logs = await publicClient.getLogs({
      address: addresses,
      fromBlock: BigInt(from),
      toBlock: BigInt(Math.min(head, from + 4)),
    });
    events += logs.length;
  }
  const blocks = head - (d.startBlock ?? 0) + 1;
  console.log(
    `history: ${events} protocol events in ${blocks} blocks (${head - startBlock} batched blocks) generated in ${genSeconds.toFixed(1)} s`,
  );

  const measure = async (label: string, databaseUrl?: string) => {
    const dbDir = mkdtempSync(join(tmpdir(), "backstop-bench-indexer-"));
    const t0 = performance.now();
    const indexer = await startIndexer({
      rpcUrl,
      deployment: d,
      port: await freePort(),
      dbDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      timeoutMs: 600_000,
      ...(process.env.BENCH_DEBUG ? { onLog: (l: string) => console.error(l) } : {}),
    });
    const tApi = performance.now();
    try {
      await indexer.ready(1_800_000);
      // /ready answers at the end of the backfill (Ponder's finality window behind the head); the last
      // blocks (empty ones) follow in real time: wait until the head block is indexed too.
      for (;;) {
        const stats = (await (await fetch(`${indexer.url}/v1/stats`)).json()) as { blockNumber: number };
        if (stats.blockNumber >= head) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const tReady = performance.now();
      const seconds = (tReady - tApi) / 1000;
      const row = {
        database: label,
        events,
        blocks,
        batchedBlocks: historyHead - startBlock,
        startupSeconds: +((tApi - t0) / 1000).toFixed(2),
        indexingSeconds: +seconds.toFixed(2),
        eventsPerSecond: Math.round(events / seconds),
      };
      console.log(
        `${label}: ${row.eventsPerSecond} events/s (${events} events in ${row.indexingSeconds} s after a ${row.startupSeconds} s start-up)`,
      );
      return row;
    } finally {
      await indexer.stop();
      rmSync(dbDir, { recursive: true, force: true });
    }
  };

  const results = [await measure("pglite")];
  const pg = startPostgres();
  if (pg) {
    try {
      results.push(await measure("postgres", pg.url));
    } finally {
      pg.stop();
    }
  } else {
    console.log("postgres: skipped (initdb not found)");
  }
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark:
          "Ponder 0.16 indexer (apps/indexer) catching up on a synthetic history of real protocol events (purchases, " +
          "deposits, redeem requests; many transactions per block) from a local Hardhat 3 node (EDR) over HTTP; " +
          "eventsPerSecond = protocol logs / (API up -> head block indexed; backfill, then the last 30 empty blocks live)",
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? "",
        date: new Date().toISOString(),
        generationSeconds: +genSeconds.toFixed(1),
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

/** A private PostgreSQL cluster in a temporary directory on a free port (never the system one). */
function startPostgres(): { url: string; stop(): void } | undefined {
  const bin = ["/usr/local/bin", "/usr/lib/postgresql/15/bin"].find((dir) => {
    try {
      execFileSync(join(dir, "initdb"), ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!bin) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "backstop-bench-pg-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const root = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    if (root) execFileSync("chown", ["-R", "postgres", dir]);
    execFileSync(
      root ? "runuser" : join(bin, cmd),
      root ? ["-u", "postgres", "--", join(bin, cmd), ...args] : args,
      {
        stdio: "pipe",
      },
    );
  };
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "-l",
    join(dir, "log"),
    "-w",
    "start",
  ]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
