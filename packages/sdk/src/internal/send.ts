import type {
  Abi,
  Address,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  TransactionReceipt,
} from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { UnknownRevertError } from "../errors/contract.ts";
import { toBackstopError } from "../errors/decode.ts";
import type { WriteClient } from "./types.ts";

/** A mined transaction. */
export type Sent = { hash: Hash; receipt: TransactionReceipt };
/** Called with the hash as soon as the transaction is broadcast, before its receipt (to persist it). */
export type OnHash = (hash: Hash) => void | Promise<void>;

/**
 * Simulates, sends and waits for one contract call (a `prepareX` request); any revert becomes a typed SDK
 * error. A reverted receipt (the simulation passed but the state moved) is replayed at its block to recover the
 * reason.
 */
export async function send<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
  args extends ContractFunctionArgs<abi, "nonpayable" | "payable", name>,
>(
  client: WriteClient,
  call: { address: Address; abi: abi; functionName: name; args: args; value?: bigint },
  decimals?: number,
  onHash?: OnHash,
): Promise<Sent> {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: viem's generic call parameters do not narrow through this helper
    const { request } = await simulateContract(client, { ...call, account: client.account } as any);
    // biome-ignore lint/suspicious/noExplicitAny: the simulated request is sent as is
    const hash = await writeContract(client, request as any);
    if (onHash) await onHash(hash);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success") {
      const replay = { ...call, account: client.account, blockNumber: receipt.blockNumber };
      // biome-ignore lint/suspicious/noExplicitAny: as above
      await simulateContract(client, replay as any);
      throw new UnknownRevertError(`transaction ${hash} reverted`);
    }
    return { hash, receipt };
  } catch (err) {
    throw toBackstopError(err, decimals === undefined ? {} : { decimals });
  }
}
