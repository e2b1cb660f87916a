import { protectionSeriesAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareResolveProtectionParameters = {
  series: Address;
  /** The lot: the policy its mint bought. */
  policyId: bigint;
};
export type PrepareResolveProtectionReturnType = PreparedRequest<typeof protectionSeriesAbi, "resolve">;

/** Builds `ProtectionSeries.resolve(lot)`; pure. Anyone may call it once the lot has matured. */
export function prepareResolveProtection(
  p: PrepareResolveProtectionParameters,
): PrepareResolveProtectionReturnType {
  return { address: p.series, abi: protectionSeriesAbi, functionName: "resolve", args: [p.policyId] };
}

export type ResolveProtectionParameters = PrepareResolveProtectionParameters & { onHash?: OnHash };
export type ResolveProtectionReturnType = Sent & {
  holder: Address;
  amount: bigint;
  /** true: the tokens unlocked (their policy pays); false: they were burned (it started after the incident). */
  eligible: boolean;
};
export type ResolveProtectionErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** Resolves a matured lot: unlocks its tokens, or burns them if its policy cannot pay; from `LotResolved`. */
export async function resolveProtection(
  client: WriteClient,
  params: ResolveProtectionParameters,
): Promise<ResolveProtectionReturnType> {
  const sent = await send(client, prepareResolveProtection(params), undefined, params.onHash);
  const log = expectEvent(sent, {
    abi: protectionSeriesAbi,
    eventName: "LotResolved",
    action: "resolveProtection",
  });
  return { ...sent, holder: log.args.holder, amount: log.args.amount, eligible: log.args.eligible };
}
