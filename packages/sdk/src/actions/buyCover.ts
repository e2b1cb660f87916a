import { coverManagerAbi, marketsAbi } from "@backstop/abi";
import { type Address, type Hex, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import { PermitFailedError } from "../errors/action.ts";
import type {
  ContractRevertError,
  InsufficientCapacityError,
  MarketClosedError,
  PremiumTooHighError,
  UnknownRevertError,
} from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, ReadClient, WriteClient } from "../internal/types.ts";
import { checkPermit } from "./checkPermit.ts";
import { type SignPermitReturnType, signPermit } from "./signPermit.ts";

/** The signed part of an EIP-2612 permit that `buyCoverWithPermit` takes. */
export type PermitSignature = { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex };

export type PrepareBuyCoverParameters = {
  coverManager: Address;
  marketId: bigint;
  /** Cover amount in the market's asset. */
  amount: bigint;
  /** Seconds of cover. */
  period: bigint;
  /** Candidate pools in order of preference (a quote's `pools`). */
  pools: readonly number[];
  /** The most the buyer pays, commission included. */
  maxPremium: bigint;
  /** Receives the policy NFT (the buyer's address for a plain purchase). */
  owner: Address;
  integrator?: Address;
  commissionBps?: number;
  /** A signed permit (signPermit): the request becomes `buyCoverWithPermit`. */
  permit?: PermitSignature;
};
export type PrepareBuyCoverReturnType =
  | PreparedRequest<typeof coverManagerAbi, "buyCover">
  | PreparedRequest<typeof coverManagerAbi, "buyCoverWithPermit">;

/**
 * Builds the purchase: `buyCover(params)`, or `buyCoverWithPermit(params, value, deadline, v, r, s)` when a
 * signed permit is given. Pure; without a permit the payer must have approved the CoverManager for
 * `maxPremium` of the market's asset (prepareApprove).
 */
export function prepareBuyCover(
  params: PrepareBuyCoverParameters & { permit: PermitSignature },
): PreparedRequest<typeof coverManagerAbi, "buyCoverWithPermit">;
export function prepareBuyCover(
  params: PrepareBuyCoverParameters & { permit?: undefined },
): PreparedRequest<typeof coverManagerAbi, "buyCover">;
export function prepareBuyCover(params: PrepareBuyCoverParameters): PrepareBuyCoverReturnType;
export function prepareBuyCover(params: PrepareBuyCoverParameters): PrepareBuyCoverReturnType {
  const p = {
    marketId: params.marketId,
    amount: params.amount,
    period: params.period,
    pools: [...params.pools],
    maxPremium: params.maxPremium,
    owner: params.owner,
    integrator: params.integrator ?? zeroAddress,
    commissionBps: params.commissionBps ?? 0,
  };
  if (params.permit) {
    const { value, deadline, v, r, s } = params.permit;
    return {
      address: params.coverManager,
      abi: coverManagerAbi,
      functionName: "buyCoverWithPermit",
      args: [p, value, deadline, v, r, s],
    };
  }
  return { address: params.coverManager, abi: coverManagerAbi, functionName: "buyCover", args: [p] };
}

export type BuyCoverParameters = Omit<PrepareBuyCoverParameters, "owner" | "permit"> & {
  /** Receives the policy NFT; defaults to the client's account. */
  owner?: Address;
  /**
   * Pay through an EIP-2612 permit instead of an approval: `true` signs one now (deadline: chain time + 1 hour),
   * `{ deadline }` signs one with that deadline, or pass a permit already signed (signPermit).
   */
  permit?: boolean | { deadline: bigint } | PermitSignature;
  /** Cover asset decimals, for error messages (default 6). */
  decimals?: number;
};
export type BuyCoverReturnType = Sent & {
  policyId: bigint;
  premium: bigint;
  commission: bigint;
  start: bigint;
  end: bigint;
};
export type BuyCoverErrorType =
  | PremiumTooHighError
  | InsufficientCapacityError
  | MarketClosedError
  | PermitFailedError
  | MissingEventError
  | ContractRevertError
  | UnknownRevertError;

/**
 * Buys cover: approves (or signs a permit), then simulates, sends and waits for `prepareBuyCover`'s request and
 * decodes `CoverBought`. The contract fills `pools` greedily and mints the policy NFT to `owner`. When a
 * purchase with a permit fails and the permit is why, throws PermitFailedError saying what was wrong with it.
 */
export async function buyCover(client: WriteClient, params: BuyCoverParameters): Promise<BuyCoverReturnType> {
  const asset = await getCoverAsset(client, { coverManager: params.coverManager, marketId: params.marketId });
  let permit: PermitSignature | SignPermitReturnType | undefined;
  if (params.permit && typeof params.permit === "object" && "r" in params.permit) {
    permit = params.permit;
  } else if (params.permit) {
    permit = await signPermit(client, {
      token: asset,
      spender: params.coverManager,
      value: params.maxPremium,
      ...(typeof params.permit === "object" ? { deadline: params.permit.deadline } : {}),
    });
  } else {
    await approveIfNeeded(client, asset, params.coverManager, params.maxPremium);
  }
  // Widened to any contract request: send takes either branch of the union.
  const request: PreparedRequest = prepareBuyCover({
    ...params,
    owner: params.owner ?? client.account.address,
    permit,
  });
  let sent: Sent;
  try {
    sent = await send(client, request, params.decimals);
  } catch (err) {
    if (permit) {
      const failure = await checkPermit(client, {
        ...permit,
        signedBy: "owner" in permit ? permit.owner : undefined,
        token: asset,
        owner: client.account.address,
        spender: params.coverManager,
      }).catch(() => undefined);
      if (failure) {
        throw new PermitFailedError({
          ...failure,
          token: asset,
          owner: client.account.address,
          spender: params.coverManager,
          deadline: permit.deadline,
          cause: err,
        });
      }
    }
    throw err;
  }
  const log = expectEvent(sent, { abi: coverManagerAbi, eventName: "CoverBought", action: "buyCover" });
  return {
    ...sent,
    policyId: log.args.policyId,
    premium: log.args.premium,
    commission: log.args.commission,
    start: log.args.start,
    end: log.args.end,
  };
}

/** The cover asset of a market (what buyCover pays in), read through the CoverManager's registry. */
export async function getCoverAsset(
  client: ReadClient,
  params: { coverManager: Address; marketId: bigint },
): Promise<Address> {
  return guarded(async () => {
    const markets = await readContract(client, {
      address: params.coverManager,
      abi: coverManagerAbi,
      functionName: "markets",
    });
    const m = await readContract(client, {
      address: markets,
      abi: marketsAbi,
      functionName: "market",
      args: [params.marketId],
    });
    return m.asset;
  });
}
