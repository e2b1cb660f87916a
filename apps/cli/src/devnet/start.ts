import { writeDeployment } from "@backstop/abi/deployments";
import { deployBackstop } from "@backstop/sdk";
import type { WalletClient } from "viem";
import { connectRead, type Registry } from "../chain/context.ts";
import { DevnetError } from "../errors.ts";
import { devPrivateKey, devWallets, KEEPER_INDEX } from "./accounts.ts";
import { type KeeperLogger, type RunningKeeper, startDevKeeper } from "./keeper.ts";
import { startLocalNode } from "./node.ts";
import { seedDevnet } from "./seed.ts";
import { GROUPS } from "./seedSpec.ts";
import type { SeedInfo } from "./seedTypes.ts";

/**
 * Execution delay of governance and admin on the devnet (seconds): short, so a governance change can be
 * scheduled and executed after `backstop time advance 5m`; any other chain needs at least 2 days.
 */
export const DEVNET_GOVERNANCE_DELAY = 300;

export type Devnet = {
  rpcUrl: string;
  deployment: Registry;
  registryFile: string;
  keeper: RunningKeeper | undefined;
  timings: { nodeMs: number; deployMs: number; seedMs: number };
  stop(): Promise<void>;
};

/** A local chain with Backstop deployed, seeded and (unless `keeper: false`) kept. */
export async function startDevnet(p: {
  port: number;
  deploymentsDir?: string;
  keeper?: boolean;
  pollIntervalMs?: number;
  logger?: KeeperLogger;
  onStep?: (msg: string) => void;
}): Promise<Devnet> {
  const step = p.onStep ?? (() => {});
  const t0 = performance.now();
  step(`starting a local chain on 127.0.0.1:${p.port}...`);
  const node = await startLocalNode(p.port);
  const t1 = performance.now();
  try {
    const { publicClient, chain } = await connectRead(node.rpcUrl);
    const wallets = devWallets(chain, node.rpcUrl, KEEPER_INDEX + 1);
    step("deploying Backstop...");
    let t2 = 0;
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
    const t3 = performance.now();
    if (!seed) throw new DevnetError("the devnet seed did not run");
    const deployment: Registry = { ...deployed, seed };
    const registryFile = writeDeployment(deployment, p.deploymentsDir);
    const keeper =
      p.keeper === false
        ? undefined
        : await startDevKeeper({
            rpcUrl: node.rpcUrl,
            privateKey: devPrivateKey(KEEPER_INDEX),
            deployment,
            pollIntervalMs: p.pollIntervalMs ?? 1_000,
            logger: p.logger ?? { info: () => {}, warn: () => {} },
          });
    return {
      rpcUrl: node.rpcUrl,
      deployment,
      registryFile,
      keeper,
      timings: { nodeMs: t1 - t0, deployMs: t2 - t1, seedMs: t3 - t2 },
      async stop() {
        await keeper?.stop();
        await node.stop();
      },
    };
  } catch (err) {
    await node.stop();
    throw err;
  }
}
