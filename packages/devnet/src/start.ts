import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeDeployment } from "@backstop/abi/deployments";
import { deployBackstop } from "@backstop/sdk";
import type { WalletClient } from "viem";
import { devPrivateKey, devWallets, KEEPER_INDEX } from "./accounts.ts";
import { connectRead, type Registry } from "./chain.ts";
import { DevnetError } from "./errors.ts";
import { type KeeperLogger, type RunningKeeper, startDevKeeper } from "./keeper.ts";
import { type LocalNode, startLocalNode } from "./node.ts";
import { devnetFiles } from "./paths.ts";
import { assertPortFree } from "./ports.ts";
import { seedDevnet } from "./seed.ts";
import { GROUPS } from "./seedSpec.ts";
import type { SeedInfo } from "./seedTypes.ts";

/**
 * Execution delay of governance and admin on the devnet (seconds): short, so a governance change can be
 * scheduled and executed after `backstop time advance 5m`; any other chain needs at least 2 days.
 */
export const DEVNET_GOVERNANCE_DELAY = 300;
/** The devnet's default JSON-RPC port (the CLI's default --rpc-url). */
export const DEFAULT_PORT = 8545;

export type Devnet = {
  rpcUrl: string;
  port: number;
  deployment: Registry;
  /** `.backstop/devnet-<port>/31337.json`: this devnet's deployment (and seed records). */
  registryFile: string;
  /** `.backstop/devnet-<port>/`: this devnet's files (deployment, keeper state, lock). */
  dir: string;
  keeper: RunningKeeper | undefined;
  /** The chain process's pid. */
  nodePid: number;
  /** Resolves when the chain process exits (killed, crashed or stopped). */
  chainExited: LocalNode["exited"];
  timings: { nodeMs: number; deployMs: number; seedMs: number };
  /** The `--persist` folder, when the chain is journaled there; undefined when nothing persists. */
  persistDir: string | undefined;
  /** Whether this start resumed a persisted chain (no deploy, no seed). */
  resumed: boolean;
  /** Stops the keeper, then the chain; removes the lock file. Safe to call twice. */
  stop(): Promise<void>;
};

export type StartDevnetParameters = {
  /** JSON-RPC port on 127.0.0.1; refused with "port <n> is in use: pass --port" if anything listens there. */
  port: number;
  /** Where devnet folders live (default `$BACKSTOP_HOME` or `<repo>/.backstop`). */
  stateRoot?: string;
  /** Also write the deployment as `<dir>/31337.json` (the CLI's `$BACKSTOP_DEPLOYMENTS_DIR`). */
  deploymentsDir?: string;
  keeper?: boolean;
  /** The indexer API the keeper reads pending work from (it scans the chain while the API is not up). */
  keeperApiUrl?: string;
  pollIntervalMs?: number;
  logger?: KeeperLogger;
  onStep?: (msg: string) => void;
  /**
   * Keep the chain across restarts: every state-changing JSON-RPC call is journaled in this folder and replayed
   * at the next start with the same folder (then nothing is deployed or seeded again).
   */
  persist?: string;
};

/** A local chain with Backstop deployed, seeded and (unless `keeper: false`) kept. */
export async function startDevnet(p: StartDevnetParameters): Promise<Devnet> {
  const step = p.onStep ?? (() => {});
  // Before anything is started, deployed or written: a busy port is refused, never reused.
  await assertPortFree(p.port);
  const files = devnetFiles(p.port, p.stateRoot);
  const persistDir = p.persist ? resolve(p.persist) : undefined;
  const saved = persistDir ? join(persistDir, "31337.json") : undefined;
  const resuming = saved !== undefined && existsSync(saved);
  if (persistDir && !resuming) {
    // Nothing usable there (a first start, or one that died before its deployment was recorded): start afresh.
    rmSync(join(persistDir, "journal.jsonl"), { force: true });
    rmSync(join(persistDir, "chain.json"), { force: true });
    rmSync(join(persistDir, "keeper-state.json"), { force: true });
  }
  const keeperState = persistDir ? join(persistDir, "keeper-state.json") : files.keeperState;
  const t0 = performance.now();
  step(
    resuming
      ? `replaying the chain persisted in ${persistDir} on 127.0.0.1:${p.port}...`
      : `starting a local chain on 127.0.0.1:${p.port}...`,
  );
  const node = await startLocalNode(p.port, persistDir ? { persist: persistDir } : {});
  const t1 = performance.now();
  let keeper: RunningKeeper | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await keeper?.stop().catch(() => {});
      await node.stop();
      rmSync(files.lock, { force: true });
    })();
    return stopped;
  };
  try {
    const { publicClient, chain } = await connectRead(node.rpcUrl);
    let deployment: Registry;
    let t2 = performance.now();
    if (resuming && saved) {
      deployment = JSON.parse(readFileSync(saved, "utf8")) as Registry;
      const code = await publicClient.getCode({ address: deployment.markets });
      if (!code || code === "0x")
        throw new DevnetError(
          `the chain persisted in ${persistDir} did not replay to its deployment: delete the folder or pass another --persist`,
        );
    } else {
      const wallets = devWallets(chain, node.rpcUrl, KEEPER_INDEX + 1);
      step("deploying Backstop...");
      let seed: SeedInfo | undefined;
      // The seed creates markets and assessors as governance, so it runs before the hand-over; afterwards
      // governance (dev account #0) acts through the AccessManager after DEVNET_GOVERNANCE_DELAY.
      const deployed = await deployBackstop({
        walletClient: wallets[0] as WalletClient,
        publicClient,
        stable: true,
        groups: GROUPS,
        governanceDelay: DEVNET_GOVERNANCE_DELAY,
        configure: async (d) => {
          t2 = performance.now();
          step("seeding markets, pools, capital and policies...");
          seed = await seedDevnet({ publicClient, wallets, deployment: d });
        },
      });
      if (!seed) throw new DevnetError("the devnet seed did not run");
      deployment = { ...deployed, seed };
      if (persistDir && saved) writeDeployment(deployment, persistDir);
    }
    const t3 = performance.now();
    mkdirSync(files.dir, { recursive: true });
    // A fresh chain: the previous keeper state of this port belongs to a chain that is gone.
    if (!persistDir) rmSync(files.keeperState, { force: true });
    const registryFile = writeDeployment(deployment, files.dir);
    if (p.deploymentsDir) writeDeployment(deployment, p.deploymentsDir);
    // Transitional: until the CLI resolves the devnet from its --rpc-url (devnetDeploymentsDir), the devnet on
    // the CLI's default port also writes deployments/31337.json. No other port does.
    else if (p.port === DEFAULT_PORT && p.stateRoot === undefined && !process.env.BACKSTOP_HOME)
      writeDeployment(deployment);
    writeFileSync(
      files.lock,
      `${JSON.stringify({ pid: process.pid, nodePid: node.pid, rpcUrl: node.rpcUrl, persistDir, startedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    if (p.keeper !== false)
      keeper = await startDevKeeper({
        rpcUrl: node.rpcUrl,
        privateKey: devPrivateKey(KEEPER_INDEX),
        deployment,
        stateFile: keeperState,
        pollIntervalMs: p.pollIntervalMs ?? 1_000,
        ...(p.keeperApiUrl ? { apiUrl: p.keeperApiUrl } : {}),
        logger: p.logger ?? { info: () => {}, warn: () => {} },
      });
    return {
      rpcUrl: node.rpcUrl,
      port: p.port,
      deployment,
      registryFile,
      dir: files.dir,
      keeper,
      nodePid: node.pid,
      chainExited: node.exited,
      timings: { nodeMs: t1 - t0, deployMs: t2 - t1, seedMs: t3 - t2 },
      persistDir,
      resumed: resuming,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
