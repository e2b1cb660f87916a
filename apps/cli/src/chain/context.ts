import { type Deployment, deploymentPath, readDeployment } from "@backstop/abi/deployments";
import type { SeedInfo } from "@backstop/devnet";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ChainUnavailableError, DeploymentNotFoundError } from "../errors.ts";
import { parsePrivateKey } from "../parse.ts";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
export const DEVNET_CHAIN_ID = 31337;
/** Hardhat's first development account (the well-known test mnemonic); never holds real funds. */
export const HARDHAT_KEY_0: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

export type Signer = WalletClient<Transport, Chain, Account>;
/** A deployment registry entry, with the devnet seed's extra records when the devnet wrote it. */
export type Registry = Deployment & { groups?: Record<string, number>; seed?: SeedInfo };
export type ReadContext = { rpcUrl: string; chainId: number; chain: Chain; publicClient: PublicClient };
export type WriteContext = ReadContext & { wallet: Signer };

/** Connects to `rpcUrl` and learns its chain id; a clear error when nothing answers. */
export async function connectRead(rpcUrl?: string): Promise<ReadContext> {
  const url = rpcUrl ?? process.env.BACKSTOP_RPC_URL ?? DEFAULT_RPC_URL;
  const probe = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 5_000 }) });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (cause) {
    throw new ChainUnavailableError(
      `no JSON-RPC node at ${url}: start one with \`backstop dev\` or pass --rpc-url`,
      { cause },
    );
  }
  const chain = defineChain({
    id: chainId,
    name: chainId === DEVNET_CHAIN_ID ? "Backstop devnet" : `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const publicClient = createPublicClient({
    chain,
    transport: http(url),
    pollingInterval: 100,
  }) as PublicClient;
  return { rpcUrl: url, chainId, chain, publicClient };
}

/** As connectRead, with a signer: --private-key, $BACKSTOP_PRIVATE_KEY, or on the devnet its first account. */
export async function connectWrite(rpcUrl?: string, privateKey?: string): Promise<WriteContext> {
  const ctx = await connectRead(rpcUrl);
  const raw = privateKey ?? process.env.BACKSTOP_PRIVATE_KEY;
  if (!raw && ctx.chainId !== DEVNET_CHAIN_ID)
    throw new DeploymentNotFoundError(`chain ${ctx.chainId} is not the devnet: pass --private-key`);
  const account = privateKeyToAccount(raw ? parsePrivateKey(raw) : HARDHAT_KEY_0);
  const wallet = createWalletClient({
    account,
    chain: ctx.chain,
    transport: http(ctx.rpcUrl),
    pollingInterval: 100,
  });
  return { ...ctx, wallet };
}

/** The registry entry of the connected chain (deployments/<chainId>.json). */
export function registryOf(chainId: number, dir = process.env.BACKSTOP_DEPLOYMENTS_DIR): Registry {
  const d = readDeployment(chainId, dir) as Registry | undefined;
  if (!d)
    throw new DeploymentNotFoundError(
      `no deployment for chain ${chainId} in ${deploymentPath(chainId, dir)}: run \`backstop dev\` or \`backstop deploy\``,
    );
  if (!d.poolLens)
    throw new DeploymentNotFoundError(
      `the deployment for chain ${chainId} predates PoolLens: redeploy with \`backstop dev\` or \`backstop deploy\``,
    );
  return d;
}
