// Test and benchmark helpers: a Hardhat node (EDR) as a child process of the contracts workspace, a
// deployment with markets, pools and capital, and the actions tests drive through the SDK.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  assessedClaimsAbi,
  type Deployment,
  marketsAbi,
  mockStableAbi,
  mockTriggerAbi,
  mockTriggerBytecode,
  poolAbi,
  poolFactoryAbi,
} from "@backstop/abi";
import { buyCover, deployBackstop, deposit, quote, requestRedeem } from "@backstop/sdk";
import {
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type PublicClient,
  parseEventLogs,
  type WalletClient,
  zeroAddress,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { IndexerError } from "./start.ts";

const contractsDir = path.resolve(import.meta.dirname, "../../../contracts");
const MNEMONIC = "test test test test test test test test test test test junk";
export const DAY = 86_400n;
export const usdc = (n: number | bigint) => BigInt(n) * 1_000_000n;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export type Node = { rpcUrl: string; port: number; stop(): Promise<void> };

/** Starts Hardhat's node on 127.0.0.1:`port` (default: a free port) and waits until it answers. */
export async function startNode(port?: number): Promise<Node> {
  const p = port ?? (await freePort());
  const entry = createRequire(path.resolve(contractsDir, "package.json")).resolve("hardhat");
  const cli = path.resolve(path.dirname(entry), "cli.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "node", "--hostname", "127.0.0.1", "--port", String(p)],
    { cwd: contractsDir, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err = (err + c.toString()).slice(-2_000);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const rpcUrl = `http://127.0.0.1:${p}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const t = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(t);
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { rpcUrl, port: p, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new IndexerError(`the Hardhat node did not start: ${err}`);
}

export type Actors = {
  chain: Chain;
  publicClient: PublicClient;
  gov: WalletClient & { account: { address: Address } };
  wallets: (WalletClient & { account: { address: Address } })[];
  test: ReturnType<typeof createTestClient>;
};

export function actors(rpcUrl: string, count = 10): Actors {
  const chain = defineChain({
    id: 31337,
    name: "hardhat",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const wallets = Array.from({ length: count }, (_, i) =>
    createWalletClient({
      account: mnemonicToAccount(MNEMONIC, { addressIndex: i }),
      chain,
      transport: http(rpcUrl),
      pollingInterval: 20,
    }),
  ) as Actors["wallets"];
  return {
    chain,
    publicClient: createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 20 }) as PublicClient,
    gov: wallets[0] as Actors["gov"],
    wallets,
    test: createTestClient({ chain, mode: "hardhat", transport: http(rpcUrl) }),
  };
}

export type Scenario = Actors & {
  deployment: Deployment & { stable: Address };
  /** Market ids: a parametric market on a MockTrigger, an assessed market, a second parametric market. */
  markets: { parametric: bigint; assessed: bigint; second: bigint };
  triggers: { parametric: Address; second: Address };
  pools: { id: number; address: Address }[];
  write: (wallet: WalletClient, call: Parameters<WalletClient["writeContract"]>[0]) => Promise<void>;
};

/** Deploys the protocol with three markets and `poolCount` pools backing them, with capital from LPs. */
export async function deployScenario(rpcUrl: string, poolCount = 4): Promise<Scenario> {
  const a = actors(rpcUrl);
  const { gov, publicClient } = a;
  const write = async (wallet: WalletClient, call: Parameters<WalletClient["writeContract"]>[0]) => {
    const hash = await wallet.writeContract(call);
    const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (r.status !== "success") throw new IndexerError(`transaction reverted: ${call.functionName}`);
  };
  const d = await deployBackstop({
    walletClient: gov,
    publicClient,
    stable: true,
    groups: ["stablecoins", "ethereum-l1"],
    governanceDelay: 0,
  });
  const stable = d.stable as Address;
  const deployTrigger = async () => {
    const hash = await gov.deployContract({
      abi: mockTriggerAbi,
      bytecode: mockTriggerBytecode,
      account: gov.account,
      chain: a.chain,
    });
    const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    return r.contractAddress as Address;
  };
  const createMarket = async (trigger: Address, groups: bigint, baseRateBps: number) => {
    const hash = await gov.writeContract({
      address: d.markets,
      abi: marketsAbi,
      functionName: "createMarket",
      account: gov.account,
      chain: a.chain,
      args: [
        {
          asset: stable,
          status: 0,
          claimMode: trigger === zeroAddress ? 1 : 0,
          payoutMode: 0,
          deductibleBps: 1_000,
          maturationDelay: 0,
          trigger,
          minPeriod: 7 * 86_400,
          maxPeriod: 365 * 86_400,
          claimWindow: 30 * 86_400,
          groups,
          baseRateBps,
          minBaseRateBps: 50,
          maxBaseRateBps: 2_000,
          maxRateChangePerDayBps: 50,
          rateUpdatedAt: 0,
          fastTrackLimit: usdc(10_000),
        },
        "ipfs://test",
      ],
    });
    const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    const [log] = parseEventLogs({ abi: marketsAbi, logs: r.logs, eventName: "MarketCreated" });
    return log?.args.marketId ?? 0n;
  };
  const t1 = await deployTrigger();
  const t2 = await deployTrigger();
  const parametric = await createMarket(t1, 1n, 200);
  const assessed = await createMarket(zeroAddress, 3n, 300);
  const second = await createMarket(t2, 2n, 150);
  const members = a.wallets.slice(6, 9).map((w) => w.account.address);
  await write(gov, {
    address: d.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "createAssessorGroup",
    args: [
      members,
      { votingPeriod: 3 * 86_400, lateVoteWindow: 3_600, cooldown: 86_400, quorum: 2, members: 3 },
    ],
    account: gov.account,
    chain: a.chain,
  });
  await write(gov, {
    address: d.assessedClaims,
    abi: assessedClaimsAbi,
    functionName: "setMarketAssessors",
    args: [assessed, 1n],
    account: gov.account,
    chain: a.chain,
  });
  for (const w of a.wallets) {
    await write(gov, {
      address: stable,
      abi: mockStableAbi,
      functionName: "mint",
      args: [w.account.address, usdc(100_000_000)],
      account: gov.account,
      chain: a.chain,
    });
  }
  const pools: Scenario["pools"] = [];
  for (let i = 0; i < poolCount; i++) {
    const hash = await gov.writeContract({
      address: d.poolFactory,
      abi: poolFactoryAbi,
      functionName: "createPool",
      args: [stable, `Pool ${i}`, `bp${i}`, gov.account.address, 1_000, 30_000, 7 * 86_400],
      account: gov.account,
      chain: a.chain,
    });
    const r = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    const [log] = parseEventLogs({ abi: marketsAbi, logs: r.logs, eventName: "PoolRegistered" });
    const address = log?.args.pool as Address;
    pools.push({ id: Number(log?.args.poolId ?? 0n), address });
    const call = { address, abi: poolAbi, account: gov.account, chain: a.chain } as const;
    await write(gov, { ...call, functionName: "setGroupCap", args: [0, 8_000] });
    await write(gov, { ...call, functionName: "setGroupCap", args: [1, 6_000 + i * 500] });
    const curve = (base: number) => ({ baseRateBps: base, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000 });
    await write(gov, {
      ...call,
      functionName: "setMarketConfig",
      args: [parametric, 5_000, curve(150 + i * 37), false],
    });
    await write(gov, {
      ...call,
      functionName: "setMarketConfig",
      args: [assessed, 3_000, curve(250 + i * 11), i % 2 === 0],
    });
    if (i % 2 === 1) {
      await write(gov, {
        ...call,
        functionName: "setMarketConfig",
        args: [second, 4_000, curve(120 + i * 5), false],
      });
    }
    const lp = a.wallets[1 + (i % 3)] as Actors["gov"];
    await deposit(lp, { pool: address, assets: usdc(100_000 + i * 35_000) });
  }
  return {
    ...a,
    deployment: { ...d, stable } as Scenario["deployment"],
    markets: { parametric, assessed, second },
    triggers: { parametric: t1, second: t2 },
    pools,
    write,
  };
}

/** Quotes with the SDK and buys cover as `wallet`. */
export async function buy(
  s: Scenario,
  wallet: Actors["gov"],
  marketId: bigint,
  amount: bigint,
  days: bigint,
) {
  const q = await quote(wallet, {
    markets: s.deployment.markets,
    poolLens: s.deployment.poolLens,
    marketId,
    amount,
    period: days * DAY,
  });
  return buyCover(wallet, {
    coverManager: s.deployment.coverManager,
    marketId,
    amount,
    period: days * DAY,
    pools: q.pools,
    // After idle days the lens may fill less than the purchase (it does not release expired cover): scale up.
    maxPremium: ((q.total + q.total / 50n + 10n) * amount) / (q.filled === 0n ? 1n : q.filled) + q.total,
    // The chain's clock may run ahead of the wall clock (time travel): date the permit on the chain.
    permit: { deadline: (await s.publicClient.getBlock()).timestamp + 3_600n },
  });
}

export { requestRedeem };

/** Moves the chain's clock forward and mines a block. */
export async function travel(s: Actors, seconds: bigint) {
  await s.test.increaseTime({ seconds: Number(seconds) });
  await s.test.mine({ blocks: 1 });
}

/** A private PostgreSQL cluster in a temporary directory on a free port, or undefined without initdb. */
export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  const bin = ["/usr/local/bin", "/usr/lib/postgresql/15/bin", "/usr/bin"].find((d) => {
    try {
      execFileSync(path.join(d, "initdb"), ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!bin) return undefined;
  if (process.getuid?.() === 0) {
    // initdb refuses to run as root: run it as the postgres user, if there is one.
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    } catch {
      return undefined;
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), "backstop-pg-"));
  const port = await freePort();
  const asUser = process.getuid?.() === 0 ? ["-u", "postgres"] : [];
  const run = (cmd: string, args: string[]) => {
    if (asUser.length > 0) {
      execFileSync("chown", ["-R", "postgres", dir]);
      execFileSync("runuser", [...asUser, "--", path.join(bin, cmd), ...args], { stdio: "pipe" });
    } else {
      execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
    }
  };
  run("initdb", ["-D", path.join(dir, "data"), "-U", "postgres", "-A", "trust", "--no-sync"]);
  run("pg_ctl", [
    "-D",
    path.join(dir, "data"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "-l",
    path.join(dir, "log"),
    "-w",
    "start",
  ]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run("pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
    },
  };
}

export type { Hex };
