import { toBackstopError } from "@backstop/sdk";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import type { Signer } from "./context.ts";

export type Mined = { hash: Hash; receipt: TransactionReceipt; result: unknown };

/**
 * Simulates, sends and waits for one call; reverts become the SDK's typed errors (their message says what
 * to change). Small on purpose: the SDK's own actions replace these helpers one by one.
 */
export async function write(
  wallet: Signer,
  call: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] },
  decimals = 6,
): Promise<Mined> {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the helper is generic over any ABI
    const params = { ...call, account: wallet.account } as any;
    const { request, result } = await simulateContract(wallet, params);
    const hash = await writeContract(wallet, request);
    const receipt = await waitForTransactionReceipt(wallet, { hash, pollingInterval: 50 });
    // Replays a reverted transaction at its block to recover the reason.
    if (receipt.status !== "success")
      await simulateContract(wallet, { ...params, blockNumber: receipt.blockNumber });
    return { hash, receipt, result };
  } catch (err) {
    throw toBackstopError(err, { decimals });
  }
}
