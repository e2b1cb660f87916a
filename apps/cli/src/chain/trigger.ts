import { triggerBaseAbi } from "@backstop/abi";
import type { Address, PublicClient } from "viem";
import type { Signer } from "./context.ts";
import { write } from "./write.ts";

export const TRIGGER_STATES = ["ACTIVE", "FROZEN", "TRIGGERED"] as const;
export type TriggerStateName = (typeof TRIGGER_STATES)[number];

/** A trigger's state and incident (time 0 when none). */
export async function readTrigger(client: PublicClient, trigger: Address) {
  const [state, [time, payoutWad]] = await Promise.all([
    client.readContract({ address: trigger, abi: triggerBaseAbi, functionName: "state" }),
    client.readContract({ address: trigger, abi: triggerBaseAbi, functionName: "incident" }),
  ]);
  return { state: TRIGGER_STATES[state] ?? "ACTIVE", time, payoutWad };
}

/** The state a poke would leave the trigger in, without sending it. */
export async function previewPoke(
  client: PublicClient,
  trigger: Address,
  from: Address,
): Promise<TriggerStateName> {
  const { result } = await client.simulateContract({
    address: trigger,
    abi: triggerBaseAbi,
    functionName: "poke",
    account: from,
  });
  return TRIGGER_STATES[result] ?? "ACTIVE";
}

/** Pokes a trigger (anyone may). */
export async function pokeTrigger(wallet: Signer, trigger: Address) {
  return write(wallet, { address: trigger, abi: triggerBaseAbi, functionName: "poke" });
}
