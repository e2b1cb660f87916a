import { type Chain, createWalletClient, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { Signer } from "./chain.ts";

/** Hardhat's development mnemonic: the devnet's accounts are public test keys that never hold real funds. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** The account the keeper signs with, apart from the accounts users and the seed use. */
export const KEEPER_INDEX = 13;

/** The private key of dev account `index`. */
export function devPrivateKey(index: number): `0x${string}` {
  const key = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  return `0x${Buffer.from(key ?? new Uint8Array()).toString("hex")}`;
}

/** Wallet clients for the first `count` dev accounts. */
export function devWallets(chain: Chain, rpcUrl: string, count: number): Signer[] {
  return Array.from({ length: count }, (_, i) =>
    createWalletClient({
      account: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i }),
      chain,
      transport: http(rpcUrl),
      pollingInterval: 50,
    }),
  ) as Signer[];
}
