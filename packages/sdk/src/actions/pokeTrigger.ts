import { iTriggerAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";
import { TRIGGER_STATES, type TriggerState } from "./readTrigger.ts";

export type PreparePokeTriggerParameters = { trigger: Address };
export type PreparePokeTriggerReturnType = PreparedRequest<typeof iTriggerAbi, "poke">;

/** Builds `ITrigger.poke()`; pure. */
export function preparePokeTrigger(params: PreparePokeTriggerParameters): PreparePokeTriggerReturnType {
  return { address: params.trigger, abi: iTriggerAbi, functionName: "poke", args: [] };
}

export type PokeTriggerParameters = {
  trigger: Address;
  /** Called with the hash once broadcast, before the receipt. */
  onHash?: OnHash;
};
export type PokeTriggerReturnType = Sent & { state: TriggerState };
export type PokeTriggerErrorType = ContractRevertError | UnknownRevertError;

/** Re-evaluates a trigger's rule on current observations; returns the state after the poke. Anyone may call. */
export async function pokeTrigger(
  client: WriteClient,
  params: PokeTriggerParameters,
): Promise<PokeTriggerReturnType> {
  const sent = await send(client, preparePokeTrigger(params), undefined, params.onHash);
  const state = await guarded(() =>
    readContract(client, {
      address: params.trigger,
      abi: iTriggerAbi,
      functionName: "state",
      blockNumber: sent.receipt.blockNumber,
    }),
  );
  return { ...sent, state: TRIGGER_STATES[state] ?? "ACTIVE" };
}
