import { settlementAbi } from "@backstop/abi";
import { type OnHash, type Sent, toBackstopError } from "@backstop/sdk";
import type { Address } from "viem";
import { simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import type { KeeperClient } from "./context.ts";

/**
 * Settlement.claimMany: pays every listed policy that is payable now to its owner, skipping the others.
 * (Keeper-local until the SDK has a `claimMany` action.)
 */
export async function claimMany(
  client: KeeperClient,
  params: { settlement: Address; policyIds: readonly bigint[]; onHash?: OnHash },
): Promise<Sent> {
  const call = {
    address: params.settlement,
    abi: settlementAbi,
    functionName: "claimMany",
    args: [params.policyIds],
    account: client.account,
    chain: client.chain,
  } as const;
  try {
    const { request } = await simulateContract(client, call);
    const hash = await writeContract(client, request);
    if (params.onHash) await params.onHash(hash);
    const receipt = await waitForTransactionReceipt(client, { hash, pollingInterval: 100 });
    // A reverted receipt (the state moved since the simulation) is replayed at its block for the reason.
    if (receipt.status !== "success")
      await simulateContract(client, { ...call, blockNumber: receipt.blockNumber });
    return { hash, receipt };
  } catch (err) {
    throw toBackstopError(err, {});
  }
}
