import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { type Deployment, deploymentPath, readDeployment } from "@backstop/abi/deployments";
import { devnetDeploymentsDir } from "@backstop/devnet/paths";
import {
  type Account,
  type Address,
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
import {
  AbortedError,
  ChainUnavailableError,
  ConfirmationRequiredError,
  DeploymentNotFoundError,
  NetworkConfigError,
  SignerRequiredError,
  UsageError,
} from "./errors.ts";
import { unlockAccount } from "./keystore.ts";
import { parsePrivateKey } from "./parse.ts";
import { ask, interactive } from "./prompt.ts";

export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
export const LOCAL_CHAIN_ID = 31337;
/** Hardhat's first development account (the well-known test mnemonic); never holds real funds. */
const HARDHAT_KEY_0: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

export type Signer = WalletClient<Transport, Chain, Account>;
/** A deployment registry entry, with what the devnet seed recorded when the devnet wrote it. */
export type Registry = Deployment & {
  groups?: Record<string, number>;
  seed?: {
    feeds?: Record<string, Address[]>;
    markets?: { id: string; kind: string }[];
    periphery?: PeripheryRecord;
  };
};
/** The periphery a devnet seed recorded (see @backstop/devnet's PeripherySeed): names for --vault/--series. */
export type PeripheryRecord = {
  router: Address;
  protectionFactory: Address;
  yieldVaults: Record<string, Address>;
  insuredVaults: Record<string, Address>;
  series: Record<string, { address: Address; marketId: string; expiry: string }>;
  riskFeeds: Record<string, Address>;
};
/** A named network: `local` is built in; others come from the config file. */
export type Network = {
  name: string;
  rpcUrl: string;
  /** The chain id the node must report (checked on connect). */
  chainId?: number;
  /** Where its deployments/<chainId>.json lives (default: the repository's deployments/). */
  deployments?: string;
  /** Writes on a non-local network ask for confirmation first. */
  local: boolean;
};
export type ReadContext = {
  network: Network;
  rpcUrl: string;
  chainId: number;
  chain: Chain;
  publicClient: PublicClient;
  /** The deployment recorded for this chain (throws DeploymentNotFoundError when none is). */
  registry(): Registry;
};
export type WriteContext = ReadContext & {
  wallet: Signer;
  /** Asks before a write on a non-local network (skipped with --yes); throws when refused. */
  confirm(action: string): Promise<void>;
};
/** The global options every chain command accepts (see options.ts). */
export type ChainValues = {
  network?: string;
  "rpc-url"?: string;
  account?: string;
  yes?: boolean;
};

/** The config file: $BACKSTOP_CONFIG, else ./backstop.config.json, else ~/.config/backstop/networks.json. */
export function configPath(): string | undefined {
  if (process.env.BACKSTOP_CONFIG) return resolve(process.env.BACKSTOP_CONFIG);
  const local = resolve("backstop.config.json");
  if (existsSync(local)) return local;
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config");
  const user = join(base, "backstop", "networks.json");
  return existsSync(user) ? user : undefined;
}

type ConfigFile = {
  networks?: Record<string, { rpcUrl?: unknown; chainId?: unknown; deployments?: unknown }>;
};

/** Every network: `local` plus the config file's, with ${ENV} references in URLs expanded. */
export function loadNetworks(): Record<string, Network> {
  const networks: Record<string, Network> = {
    local: {
      name: "local",
      rpcUrl: process.env.BACKSTOP_RPC_URL ?? DEFAULT_RPC_URL,
      chainId: LOCAL_CHAIN_ID,
      local: true,
    },
  };
  const file = configPath();
  if (!file) return networks;
  if (process.env.BACKSTOP_CONFIG && !existsSync(file))
    throw new NetworkConfigError(`config file ${file} ($BACKSTOP_CONFIG) does not exist`);
  let config: ConfigFile;
  try {
    config = JSON.parse(readFileSync(file, "utf8")) as ConfigFile;
  } catch (cause) {
    throw new NetworkConfigError(`invalid config file ${file}: ${(cause as Error).message}`);
  }
  for (const [name, n] of Object.entries(config.networks ?? {})) {
    if (typeof n?.rpcUrl !== "string" || typeof n.chainId !== "number" || !Number.isInteger(n.chainId))
      throw new NetworkConfigError(
        `network "${name}" in ${file} needs "rpcUrl" (a string) and "chainId" (an integer)`,
      );
    const rpcUrl = n.rpcUrl.replace(/\$\{(\w+)\}/g, (_, v: string) => {
      const value = process.env[v];
      if (value === undefined)
        throw new NetworkConfigError(`network "${name}" uses \${${v}} in its rpcUrl, but $${v} is not set`);
      return value;
    });
    networks[name] = {
      name,
      rpcUrl,
      chainId: n.chainId,
      ...(typeof n.deployments === "string" ? { deployments: resolve(file, "..", n.deployments) } : {}),
      local: false,
    };
  }
  return networks;
}

/** The network named by --network ($BACKSTOP_NETWORK, default `local`), --rpc-url overriding its URL. */
export function resolveNetwork(values: ChainValues): Network {
  const name = values.network ?? process.env.BACKSTOP_NETWORK;
  if (!name && values["rpc-url"])
    // An ad-hoc endpoint: local when it turns out to be a development chain (checked on connect).
    return { name: values["rpc-url"], rpcUrl: values["rpc-url"], local: true };
  const networks = loadNetworks();
  const n = networks[name ?? "local"];
  if (!n)
    throw new NetworkConfigError(
      `unknown network "${name}": known are ${Object.keys(networks).join(", ")} (add it to ${configPath() ?? "./backstop.config.json"})`,
    );
  return values["rpc-url"] ? { ...n, rpcUrl: values["rpc-url"] } : n;
}

/** Connects to the network's node and checks its chain id; a clear error when nothing answers. */
export async function connectRead(values: ChainValues): Promise<ReadContext> {
  const network = resolveNetwork(values);
  const url = network.rpcUrl;
  const probe = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 5_000 }) });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (cause) {
    throw new ChainUnavailableError(
      `no JSON-RPC node at ${url}: start one with \`backstop dev\` or pass --network / --rpc-url`,
      { cause },
    );
  }
  if (network.chainId !== undefined && network.chainId !== chainId)
    throw new NetworkConfigError(
      `network "${network.name}" expects chain ${network.chainId} but ${url} is chain ${chainId}`,
    );
  if (network.chainId === undefined) network.local = chainId === LOCAL_CHAIN_ID;
  const chain = defineChain({
    id: chainId,
    name: chainId === LOCAL_CHAIN_ID ? "Backstop devnet" : network.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const publicClient = createPublicClient({
    chain,
    transport: http(url),
    pollingInterval: 100,
  }) as PublicClient;
  // A devnet keeps its deployment per port (.backstop/devnet-<port>/), so two devnets never share a file.
  const dir =
    network.deployments ??
    process.env.BACKSTOP_DEPLOYMENTS_DIR ??
    (chainId === LOCAL_CHAIN_ID ? devnetDeploymentsDir(url) : undefined);
  return {
    network,
    rpcUrl: url,
    chainId,
    chain,
    publicClient,
    registry: () => registryOf(chainId, dir),
  };
}

/**
 * As connectRead, with a signer: --account <name> (or $BACKSTOP_ACCOUNT) from the encrypted keystore, else
 * $BACKSTOP_PRIVATE_KEY, else on the local network its first development account.
 */
export async function connectWrite(values: ChainValues): Promise<WriteContext> {
  const ctx = await connectRead(values);
  const name = values.account ?? process.env.BACKSTOP_ACCOUNT;
  const envKey = process.env.BACKSTOP_PRIVATE_KEY;
  let key: Hex;
  if (name) key = await unlockAccount(name);
  else if (envKey) key = parsePrivateKey(envKey);
  else if (ctx.network.local && ctx.chainId === LOCAL_CHAIN_ID) key = HARDHAT_KEY_0;
  else
    throw new SignerRequiredError(
      `no signer for network "${ctx.network.name}": pass --account <name> (see \`backstop keys import\`) or set $BACKSTOP_PRIVATE_KEY`,
    );
  const wallet = createWalletClient({
    account: privateKeyToAccount(key),
    chain: ctx.chain,
    transport: http(ctx.rpcUrl),
    pollingInterval: 100,
  });
  const confirm = async (action: string) => {
    if (ctx.network.local || values.yes) return;
    const where = `network "${ctx.network.name}" (chain ${ctx.chainId}) from ${wallet.account.address}`;
    if (!interactive())
      throw new ConfirmationRequiredError(
        `refusing to ${action} on ${where} without confirmation: no terminal to ask; pass --yes to confirm`,
      );
    const answer = (await ask(`${action} on ${where}? [y/N] `)).trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") throw new AbortedError(`aborted: did not ${action}`);
  };
  return { ...ctx, wallet, confirm };
}

/** The signer's address without connecting a wallet (for reads that default to "me"). */
export async function signerAddress(ctx: ReadContext, values: ChainValues): Promise<Address | undefined> {
  const name = values.account ?? process.env.BACKSTOP_ACCOUNT;
  if (name) {
    const { listKeystores } = await import("./keystore.ts");
    const found = listKeystores().find((k) => k.name === name);
    if (!found) throw new UsageError(`no account "${name}" in the keystore (see \`backstop keys list\`)`);
    return found.address;
  }
  const envKey = process.env.BACKSTOP_PRIVATE_KEY;
  if (envKey) return privateKeyToAccount(parsePrivateKey(envKey)).address;
  if (ctx.network.local && ctx.chainId === LOCAL_CHAIN_ID) return privateKeyToAccount(HARDHAT_KEY_0).address;
  return undefined;
}

/** The registry entry of a chain (deployments/<chainId>.json). */
export function registryOf(chainId: number, dir?: string): Registry {
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
