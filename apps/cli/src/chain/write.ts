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
    const { request, result } = await simulateContract(wallet, { ...call, account: wallet.account } as any);
    // biome-ignore lint/suspicious/noExplicitAny: the simulated request is sent as is
    const hash = await writeContract(wallet, request as any);
    const receipt = await waitForTransactionReceipt(wallet, { hash, pollingInterval: 50 });
    if (receipt.status !== "success") {
      // biome-ignore lint/suspicious/noExplicitAny: replay at the block to recover the reason
      await simulateContract(wallet, {
        ...call,
        account: wallet.account,
        blockNumber: receipt.blockNumber,
      } as any);
    }
    return { hash, receipt, result };
  } catch (err) {
    throw toBackstopError(err, { decimals });
  }
}
