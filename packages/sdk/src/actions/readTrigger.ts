import {
  committeeTriggerAbi,
  drainTriggerAbi,
  iTriggerAbi,
  optimisticTriggerAbi,
  pegTriggerAbi,
} from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

/** TriggerState names, indexed by the on-chain enum. */
export const TRIGGER_STATES = ["ACTIVE", "FROZEN", "TRIGGERED"] as const;
export type TriggerState = (typeof TRIGGER_STATES)[number];
/** The trigger implementations the SDK recognises; anything else implementing ITrigger is "unknown". */
export type TriggerKind = "peg" | "drain" | "committee" | "optimistic" | "unknown";

export type ReadTriggerParameters = {
  trigger: Address;
  /** Skip detection when the kind is already known. */
  kind?: TriggerKind;
};
export type ReadTriggerReturnType = {
  state: TriggerState;
  /** The incident time once TRIGGERED, else 0. */
  incidentTime: bigint;
  /** The payout ratio (1e18 = 100%) once TRIGGERED, else 0. */
  payoutWad: bigint;
  kind: TriggerKind;
};

/** Reads a trigger's state and incident, and which kind of trigger it is. */
export async function readTrigger(
  client: ReadClient,
  params: ReadTriggerParameters,
): Promise<ReadTriggerReturnType> {
  const read = { address: params.trigger, abi: iTriggerAbi } as const;
  const [state, [incidentTime, payoutWad], kind] = await guarded(() =>
    Promise.all([
      readContract(client, { ...read, functionName: "state" }),
      readContract(client, { ...read, functionName: "incident" }),
      params.kind ?? detectKind(client, params.trigger),
    ]),
  );
  return { state: TRIGGER_STATES[state] ?? "ACTIVE", incidentTime, payoutWad, kind };
}

/** Probes one view that only each implementation has; a call that reverts rules that kind out. */
async function detectKind(client: ReadClient, trigger: Address): Promise<TriggerKind> {
  const has = (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );
  const [peg, drain, committee, optimistic] = await Promise.all([
    has(readContract(client, { address: trigger, abi: pegTriggerAbi, functionName: "feeds" })),
    has(readContract(client, { address: trigger, abi: drainTriggerAbi, functionName: "bucketCount" })),
    has(readContract(client, { address: trigger, abi: committeeTriggerAbi, functionName: "pending" })),
    has(readContract(client, { address: trigger, abi: optimisticTriggerAbi, functionName: "proposal" })),
  ]);
  if (peg) return "peg";
  if (drain) return "drain";
  if (committee) return "committee";
  if (optimistic) return "optimistic";
  return "unknown";
}
