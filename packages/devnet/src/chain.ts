// The little chain glue the devnet needs (it must not import an app's internals).
import type { Deployment } from "@backstop/abi/deployments";
import { toBackstopError } from "@backstop/sdk";
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  defineChain,
  type Hash,
  http,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { DevnetError } from "./errors.ts";
import type { SeedInfo } from "./seedTypes.ts";

export const DEVNET_CHAIN_ID = 31337;
export type Signer = WalletClient<Transport, Chain, Account>;
/** A deployment registry entry, with the devnet seed's extra records when the devnet wrote it. */
export type Registry = Deployment & { groups?: Record<string, number>; seed?: SeedInfo };
export type ReadContext = { rpcUrl: string; chainId: number; chain: Chain; publicClient: PublicClient };

/** Connects to `rpcUrl` and learns its chain id. */
export async function connectRead(rpcUrl: string): Promise<ReadContext> {
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  let chainId: number;
  try {
    chainId = await probe.getChainId();
  } catch (cause) {
    throw new DevnetError(`no JSON-RPC node at ${rpcUrl}`, { cause });
  }
  const chain = defineChain({
    id: chainId,
    name: chainId === DEVNET_CHAIN_ID ? "Backstop devnet" : `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const publicClient = createPublicClient({
    chain,
    transport: http(rpcUrl),
    pollingInterval: 100,
  }) as PublicClient;
  return { rpcUrl, chainId, chain, publicClient };
}

export type Mined = { hash: Hash; receipt: TransactionReceipt; result: unknown };

/** Simulates, sends and waits for one call; reverts become the SDK's typed errors. */
export async function write(
  wallet: Signer,
  call: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] },
): Promise<Mined> {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the helper is generic over any ABI
    const params = { ...call, account: wallet.account } as any;
    const { request, result } = await simulateContract(wallet, params);
    const hash = await writeContract(wallet, request);
    const receipt = await waitForTransactionReceipt(wallet, { hash, pollingInterval: 50 });
    if (receipt.status !== "success")
      await simulateContract(wallet, { ...params, blockNumber: receipt.blockNumber });
    return { hash, receipt, result };
  } catch (err) {
    throw toBackstopError(err, { decimals: 6 });
  }
}
