import { marketsAbi } from "@backstop/abi";
import { type Address, parseEventLogs, zeroAddress } from "viem";
import type { WriteClient } from "../internal/types.ts";
import { type GovernedCallErrorType, type GovernedCallReturnType, governedCall } from "./governedCall.ts";

export type CreateMarketParameters = {
  markets: Address;
  accessManager: Address;
  /** The cover asset (a governance-allowed stablecoin). */
  asset: Address;
  /** Who decides claims: a trigger contract (parametric) or claims and assessors (assessed). */
  claimMode: "parametric" | "assessed";
  /** The ITrigger of a parametric market; none for an assessed one. */
  trigger?: Address;
  payoutMode?: "binary" | "proportional";
  deductibleBps?: number;
  /** Seconds between purchase and the start of cover. */
  maturationDelay?: number;
  minPeriod: number;
  maxPeriod: number;
  /** Seconds after settlement (parametric) or the incident (assessed) during which claims are accepted. */
  claimWindow: number;
  /** Correlation groups, a bitmask over the registry's group ids (at least one bit). */
  groups: bigint;
  baseRateBps: number;
  /** The risk oracle's bounds (default: base / 4 .. base x 4) and daily step (default 50 bps). */
  minBaseRateBps?: number;
  maxBaseRateBps?: number;
  maxRateChangePerDayBps?: number;
  /** Assessed: claims up to this amount take the fast track (default 0: every claim is voted). */
  fastTrackLimit?: bigint;
  termsURI: string;
};
/** As governedCall; `marketId` once the market exists (status "executed"). */
export type CreateMarketReturnType = GovernedCallReturnType & { marketId?: bigint };
export type CreateMarketErrorType = GovernedCallErrorType;

/** Creates a market (governance; scheduled first when governance has an execution delay). */
export async function createMarket(
  client: WriteClient,
  params: CreateMarketParameters,
): Promise<CreateMarketReturnType> {
  const r = await governedCall(client, {
    accessManager: params.accessManager,
    call: {
      address: params.markets,
      abi: marketsAbi,
      functionName: "createMarket",
      args: [
        {
          asset: params.asset,
          status: 0,
          claimMode: params.claimMode === "assessed" ? 1 : 0,
          payoutMode: params.payoutMode === "proportional" ? 1 : 0,
          deductibleBps: params.deductibleBps ?? 0,
          maturationDelay: params.maturationDelay ?? 0,
          trigger: params.trigger ?? zeroAddress,
          minPeriod: params.minPeriod,
          maxPeriod: params.maxPeriod,
          claimWindow: params.claimWindow,
          groups: params.groups,
          baseRateBps: params.baseRateBps,
          minBaseRateBps: params.minBaseRateBps ?? Math.floor(params.baseRateBps / 4),
          maxBaseRateBps: params.maxBaseRateBps ?? params.baseRateBps * 4,
          maxRateChangePerDayBps: params.maxRateChangePerDayBps ?? 50,
          rateUpdatedAt: 0,
          fastTrackLimit: params.fastTrackLimit ?? 0n,
        },
        params.termsURI,
      ],
    },
  });
  if (r.status !== "executed") return r;
  const [log] = parseEventLogs({ abi: marketsAbi, logs: r.sent.receipt.logs, eventName: "MarketCreated" });
  return { ...r, marketId: log?.args.marketId };
}
