import { iTriggerAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract, simulateContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { TRIGGER_STATES, type TriggerState } from "./readTrigger.ts";

export type PreviewPokeParameters = { trigger: Address; account?: Address };
export type PreviewPokeReturnType = {
  /** The state now. */
  current: TriggerState;
  /** The state a poke sent now would leave. */
  next: TriggerState;
  /** Whether a poke now would change the state. */
  changes: boolean;
};

/** Simulates `poke()` (a static call) and compares its result with the current state. */
export async function previewPoke(
  client: ReadClient,
  params: PreviewPokeParameters,
): Promise<PreviewPokeReturnType> {
  const [current, simulated] = await guarded(() =>
    Promise.all([
      readContract(client, { address: params.trigger, abi: iTriggerAbi, functionName: "state" }),
      simulateContract(client, {
        address: params.trigger,
        abi: iTriggerAbi,
        functionName: "poke",
        ...(params.account ? { account: params.account } : {}),
      }),
    ]),
  );
  const cur = TRIGGER_STATES[current] ?? "ACTIVE";
  const next = TRIGGER_STATES[simulated.result] ?? "ACTIVE";
  return { current: cur, next, changes: cur !== next };
}
