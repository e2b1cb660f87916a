// Test support (not exported): a real local EVM (Hardhat's EDR, in process) with viem clients on it.
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import {
  type Account,
  type Chain,
  createPublicClient,
  createWalletClient,
  custom,
  type EIP1193Provider,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

/** A wallet client with a local account (signs like a browser wallet's injected account would). */
export type Signer = WalletClient<Transport, Chain, Account>;

export type TestChain = {
  provider: EIP1193Provider;
  publicClient: PublicClient;
  /** Hardhat's 20 funded development accounts. */
  wallets: Signer[];
  /** Moves the chain's clock forward and mines a block. */
  increaseTime: (seconds: number | bigint) => Promise<void>;
  /** The latest block's time. */
  now: () => Promise<bigint>;
  close: () => Promise<void>;
};

const MNEMONIC = "test test test test test test test test test test test junk";

/** Starts a fresh in-process EDR chain (chain id 31337). */
export async function startChain(): Promise<TestChain> {
  const hre = await createHardhatRuntimeEnvironment({});
  const connection = await hre.network.connect();
  const provider = connection.provider as unknown as EIP1193Provider;
  const transport = custom(provider);
  const publicClient = createPublicClient({ chain: hardhat, transport, pollingInterval: 10 });
  const wallets = Array.from({ length: 8 }, (_, i) =>
    createWalletClient({
      account: mnemonicToAccount(MNEMONIC, { addressIndex: i }),
      chain: hardhat,
      transport,
      pollingInterval: 10,
    }),
  );
  return {
    provider,
    publicClient: publicClient as PublicClient,
    wallets,
    increaseTime: async (seconds) => {
      await provider.request({ method: "evm_increaseTime", params: [Number(seconds)] } as never);
      await provider.request({ method: "evm_mine", params: [] } as never);
    },
    now: async () => (await publicClient.getBlock()).timestamp,
    close: () => connection.close(),
  };
}
