import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { mockStableAbi } from "@backstop/abi";
import { type Address, createWalletClient, defineChain, type Hex, http, parseUnits } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** Test helpers: run the real `backstop` binary and fund development accounts. Never used by commands. */
export const bin = resolve(import.meta.dirname, "../../bin/backstop.js");
const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

export type Run = { code: number; stdout: string; stderr: string; json: Record<string, unknown> | undefined };

/** Runs `backstop ...args` with `env` added; never rejects: returns the exit code and both streams. */
export function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(stdout) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr, json });
      },
    );
    child.stdin?.end();
  });
}

/** The private key of development account `index`. */
export function devKey(index: number): Hex {
  const key = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  return `0x${Buffer.from(key ?? new Uint8Array()).toString("hex")}`;
}

export function devAddress(index: number): Address {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address;
}

/** Mints the mock stablecoin (open faucet) to `to`: test set-up only. */
export async function mintMockStable(
  rpcUrl: string,
  stable: Address,
  to: Address,
  usdc: string,
): Promise<void> {
  const chain = defineChain({
    id: 31337,
    name: "test",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const wallet = createWalletClient({
    account: mnemonicToAccount(DEV_MNEMONIC),
    chain,
    transport: http(rpcUrl),
  });
  const hash = await wallet.writeContract({
    address: stable,
    abi: mockStableAbi,
    functionName: "mint",
    args: [to, parseUnits(usdc, 6)],
  });
  const { createPublicClient } = await import("viem");
  await createPublicClient({ chain, transport: http(rpcUrl) }).waitForTransactionReceipt({
    hash,
    pollingInterval: 50,
  });
}
