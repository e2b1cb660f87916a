import { coverManagerAbi, marketsAbi } from "@backstop/abi";
import { type Address, erc20Abi, parseEventLogs, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";
import { signPermit } from "./signPermit.ts";

export type BuyCoverParameters = {
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
  /** Receives the policy NFT; defaults to the client's account. */
  owner?: Address;
  integrator?: Address;
  commissionBps?: number;
  /** Pay through an EIP-2612 permit signed now, instead of an approval (true, or a deadline). */
  permit?: boolean | { deadline: bigint };
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
export type BuyCoverErrorType = ContractRevertError | UnknownRevertError;

/** Buys cover: the contract fills `pools` greedily and mints the policy NFT to `owner`. */
export async function buyCover(client: WriteClient, params: BuyCoverParameters): Promise<BuyCoverReturnType> {
  const p = {
    marketId: params.marketId,
    amount: params.amount,
    period: params.period,
    pools: [...params.pools],
    maxPremium: params.maxPremium,
    owner: params.owner ?? client.account.address,
    integrator: params.integrator ?? zeroAddress,
    commissionBps: params.commissionBps ?? 0,
  };
  const asset = await marketAsset(client, params.coverManager, params.marketId);
  let sent: Sent;
  if (params.permit) {
    const permit = await signPermit(client, {
      token: asset,
      spender: params.coverManager,
      value: params.maxPremium,
      ...(typeof params.permit === "object" ? { deadline: params.permit.deadline } : {}),
    });
    sent = await send(
      client,
      {
        address: params.coverManager,
        abi: coverManagerAbi,
        functionName: "buyCoverWithPermit",
        args: [p, permit.value, permit.deadline, permit.v, permit.r, permit.s],
      },
      params.decimals,
    );
  } else {
    const allowance = await readContract(client, {
      address: asset,
      abi: erc20Abi,
      functionName: "allowance",
      args: [client.account.address, params.coverManager],
    });
    if (allowance < params.maxPremium) {
      await send(client, {
        address: asset,
        abi: erc20Abi,
        functionName: "approve",
        args: [params.coverManager, params.maxPremium],
      });
    }
    sent = await send(
      client,
      { address: params.coverManager, abi: coverManagerAbi, functionName: "buyCover", args: [p] },
      params.decimals,
    );
  }
  const [log] = parseEventLogs({ abi: coverManagerAbi, logs: sent.receipt.logs, eventName: "CoverBought" });
  return {
    ...sent,
    policyId: log?.args.policyId ?? 0n,
    premium: log?.args.premium ?? 0n,
    commission: log?.args.commission ?? 0n,
    start: log?.args.start ?? 0n,
    end: log?.args.end ?? 0n,
  };
}

async function marketAsset(client: WriteClient, coverManager: Address, marketId: bigint): Promise<Address> {
  const markets = await readContract(client, {
    address: coverManager,
    abi: coverManagerAbi,
    functionName: "markets",
  });
  const m = await readContract(client, {
    address: markets,
    abi: marketsAbi,
    functionName: "market",
    args: [marketId],
  });
  return m.asset;
}
