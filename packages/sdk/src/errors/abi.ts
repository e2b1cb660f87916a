import {
  accessManagerAbi,
  assessedClaimsAbi,
  committeeTriggerAbi,
  coverManagerAbi,
  drainTriggerAbi,
  erc2612ErrorsAbi,
  errorsLibAbi,
  insuredRouterAbi,
  insuredVaultAbi,
  marketsAbi,
  optimisticTriggerAbi,
  pegTriggerAbi,
  poolAbi,
  poolFactoryAbi,
  poolLensAbi,
  protectionFactoryAbi,
  protectionSeriesAbi,
  riskPriceFeedAbi,
  settlementAbi,
} from "@backstop/abi";
import type { Abi, ContractErrorArgs, ContractErrorName } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;
type ErrorsOf<abi extends Abi> = Extract<abi[number], { type: "error" }>;

/** The ABI of every custom error the protocol can raise, as one `as const`-typed union. */
export type BackstopErrorsAbi = readonly (
  | ErrorsOf<typeof errorsLibAbi>
  | ErrorsOf<typeof poolAbi>
  | ErrorsOf<typeof coverManagerAbi>
  | ErrorsOf<typeof marketsAbi>
  | ErrorsOf<typeof poolFactoryAbi>
  | ErrorsOf<typeof poolLensAbi>
  | ErrorsOf<typeof accessManagerAbi>
  | ErrorsOf<typeof settlementAbi>
  | ErrorsOf<typeof assessedClaimsAbi>
  | ErrorsOf<typeof pegTriggerAbi>
  | ErrorsOf<typeof drainTriggerAbi>
  | ErrorsOf<typeof committeeTriggerAbi>
  | ErrorsOf<typeof optimisticTriggerAbi>
  | ErrorsOf<typeof erc2612ErrorsAbi>
  | ErrorsOf<typeof insuredRouterAbi>
  | ErrorsOf<typeof insuredVaultAbi>
  | ErrorsOf<typeof protectionSeriesAbi>
  | ErrorsOf<typeof protectionFactoryAbi>
  | ErrorsOf<typeof riskPriceFeedAbi>
)[];

/** The name of any custom error the protocol can raise (`PremiumTooHigh`, `InsufficientCapacity`, ...). */
export type BackstopErrorName = ContractErrorName<BackstopErrorsAbi>;
/** The arguments of the custom error `name`, typed from the ABI. */
export type BackstopErrorArgs<name extends BackstopErrorName = BackstopErrorName> = ContractErrorArgs<
  BackstopErrorsAbi,
  name
>;

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

/**
 * Every custom error the protocol's contracts (and the OpenZeppelin code they use, EIP-2612 permits included)
 * can raise. Mock contracts' ABIs are not part of it.
 */
export const backstopErrorsAbi: BackstopErrorsAbi = errorsOf(
  errorsLibAbi,
  poolAbi,
  coverManagerAbi,
  marketsAbi,
  poolFactoryAbi,
  poolLensAbi,
  accessManagerAbi,
  settlementAbi,
  assessedClaimsAbi,
  pegTriggerAbi,
  drainTriggerAbi,
  committeeTriggerAbi,
  optimisticTriggerAbi,
  erc2612ErrorsAbi,
  insuredRouterAbi,
  insuredVaultAbi,
  protectionSeriesAbi,
  protectionFactoryAbi,
  riskPriceFeedAbi,
) as unknown as BackstopErrorsAbi;

/** The input names of each error, to expose its arguments by name. */
export const errorInputNames: ReadonlyMap<string, readonly string[]> = new Map(
  backstopErrorsAbi.map((e) => [e.name, e.inputs.map((i, k) => i.name || `arg${k}`)] as const),
);
