import type { EIP1193Provider, PublicClient, WalletClient } from "viem";
import hre from "../hardhat.ts";

/** A connection to Hardhat's in-process chain with the clients and time controls the scripts use. */
export type Chain = {
  /** hardhat-viem's helpers for this connection (deployContract, getContractAt, ...). */
  viem: Awaited<ReturnType<typeof hre.network.create>>["viem"];
  publicClient: PublicClient;
  wallets: WalletClient[];
  /** The chain's EIP-1193 provider (e.g. to serve it over HTTP). */
  provider: EIP1193Provider;
  /** Moves the chain clock forward by `seconds` and mines a block. */
  increaseTime: (seconds: number | bigint) => Promise<void>;
  /** The latest block's timestamp. */
  now: () => Promise<bigint>;
};

/** Starts (or joins) the in-process EDR chain of the default network. */
export async function connectChain(): Promise<Chain> {
  const { viem, provider } = await hre.network.create();
  const publicClient = (await viem.getPublicClient()) as unknown as PublicClient;
  const wallets = (await viem.getWalletClients()) as unknown as WalletClient[];
  return {
    viem,
    publicClient,
    wallets,
    provider: provider as unknown as EIP1193Provider,
    increaseTime: async (seconds) => {
      await provider.request({ method: "evm_increaseTime", params: [Number(seconds)] });
      await provider.request({ method: "evm_mine", params: [] });
    },
    now: async () => (await publicClient.getBlock()).timestamp,
  };
}
