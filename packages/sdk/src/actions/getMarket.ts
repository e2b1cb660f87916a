import { iTriggerAbi, marketsAbi } from "@backstop/abi";
import { type Address, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import { TRIGGER_STATES, type TriggerState } from "./readTrigger.ts";

/** MarketStatus names, indexed by the on-chain enum. */
export const MARKET_STATUSES = ["NONE", "ACTIVE", "PAUSED", "TRIGGERED", "RETIRED"] as const;
export type MarketStatus = (typeof MARKET_STATUSES)[number];
/**
 * Whether the market sells cover now, from its registry status and its trigger: ACTIVE sells; FROZEN (the
 * trigger saw a candidate incident), TRIGGERED, PAUSED and RETIRED do not.
 */
export type MarketState = "ACTIVE" | "FROZEN" | "TRIGGERED" | "PAUSED" | "RETIRED";

export type GetMarketParameters = { markets: Address; marketId: bigint };
export type MarketDetail = {
  id: bigint;
  asset: Address;
  status: MarketStatus;
  claimMode: "parametric" | "assessed";
  payoutMode: "binary" | "proportional";
  deductibleBps: number;
  maturationDelay: number;
  trigger: Address;
  /** The trigger's own state (undefined for assessed markets). */
  triggerState?: TriggerState;
  state: MarketState;
  minPeriod: number;
  maxPeriod: number;
  claimWindow: number;
  groups: bigint;
  baseRateBps: number;
  minBaseRateBps: number;
  maxBaseRateBps: number;
  fastTrackLimit: bigint;
  termsURI: string;
};
export type GetMarketReturnType = {
  /** Markets in the registry: ids run 1..marketCount. */
  marketCount: bigint;
  /** Undefined when `marketId` is outside 1..marketCount. */
  market?: MarketDetail;
};

/** One market with its effective state (registry status combined with its trigger's state). */
export async function getMarket(
  client: ReadClient,
  params: GetMarketParameters,
): Promise<GetMarketReturnType> {
  const read = { address: params.markets, abi: marketsAbi } as const;
  const marketCount = await guarded(() => readContract(client, { ...read, functionName: "marketCount" }));
  if (params.marketId < 1n || params.marketId > marketCount) return { marketCount };
  const [m, termsURI] = await guarded(() =>
    Promise.all([
      readContract(client, { ...read, functionName: "market", args: [params.marketId] }),
      readContract(client, { ...read, functionName: "termsURI", args: [params.marketId] }),
    ]),
  );
  const triggerState =
    m.trigger === zeroAddress
      ? undefined
      : TRIGGER_STATES[
          await guarded(() =>
            readContract(client, { address: m.trigger, abi: iTriggerAbi, functionName: "state" }),
          )
        ];
  const status = MARKET_STATUSES[m.status] ?? "NONE";
  return {
    marketCount,
    market: {
      id: params.marketId,
      asset: m.asset,
      status,
      claimMode: m.claimMode === 1 ? "assessed" : "parametric",
      payoutMode: m.payoutMode === 1 ? "proportional" : "binary",
      deductibleBps: m.deductibleBps,
      maturationDelay: m.maturationDelay,
      trigger: m.trigger,
      triggerState,
      state: marketState(status, triggerState),
      minPeriod: m.minPeriod,
      maxPeriod: m.maxPeriod,
      claimWindow: m.claimWindow,
      groups: m.groups,
      baseRateBps: m.baseRateBps,
      minBaseRateBps: m.minBaseRateBps,
      maxBaseRateBps: m.maxBaseRateBps,
      fastTrackLimit: m.fastTrackLimit,
      termsURI,
    },
  };
}

/** The effective state of a market from its registry status and its trigger's state. */
export function marketState(status: MarketStatus, triggerState: TriggerState | undefined): MarketState {
  if (status === "RETIRED" || status === "PAUSED" || status === "TRIGGERED") return status;
  if (triggerState === "FROZEN" || triggerState === "TRIGGERED") return triggerState;
  return "ACTIVE";
}
