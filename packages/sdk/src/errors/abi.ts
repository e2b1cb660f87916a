import {
  accessManagerAbi,
  assessedClaimsAbi,
  committeeTriggerAbi,
  coverManagerAbi,
  drainTriggerAbi,
  errorsLibAbi,
  marketsAbi,
  mockStableAbi,
  mockTriggerAbi,
  optimisticTriggerAbi,
  pegTriggerAbi,
  poolAbi,
  poolFactoryAbi,
  poolLensAbi,
  settlementAbi,
} from "@backstop/abi";
import type { Abi } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;

function errorsOf(...abis: readonly Abi[]): AbiError[] {
  const seen = new Set<string>();
  const out: AbiError[] = [];
  for (const abi of abis) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** Every custom error the protocol's contracts (and the OpenZeppelin code they use) can raise. */
export const backstopErrorsAbi: readonly AbiError[] = errorsOf(
  errorsLibAbi,
  poolAbi,
  coverManagerAbi,
  marketsAbi,
  poolFactoryAbi,
  poolLensAbi,
  accessManagerAbi,
  mockStableAbi,
  mockTriggerAbi,
  settlementAbi,
  assessedClaimsAbi,
  pegTriggerAbi,
  drainTriggerAbi,
  committeeTriggerAbi,
  optimisticTriggerAbi,
);
