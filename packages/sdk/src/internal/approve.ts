import { type Address, erc20Abi } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "./read.ts";
import { type Sent, send } from "./send.ts";
import type { WriteClient } from "./types.ts";

/** Approves `spender` for `amount` of `token` when the client's allowance is short; returns the approval sent. */
export async function approveIfNeeded(
  client: WriteClient,
  token: Address,
  spender: Address,
  amount: bigint,
): Promise<Sent | undefined> {
  if (amount === 0n) return undefined;
  const allowance = await guarded(() =>
    readContract(client, {
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [client.account.address, spender],
    }),
  );
  if (allowance >= amount) return undefined;
  return send(client, { address: token, abi: erc20Abi, functionName: "approve", args: [spender, amount] });
}
