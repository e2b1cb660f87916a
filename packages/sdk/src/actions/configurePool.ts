import { poolAbi } from "@backstop/abi";
import { type Address, encodeFunctionData, type Hex, keccak256, parseEventLogs } from "viem";
import { getBlock, readContract } from "viem/actions";
import type { ContractRevertError, PoolConfigError, UnknownRevertError } from "../errors/contract.ts";
import { guarded } from "../internal/read.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

/** One curator change. */
export type PoolChange =
  | {
      type: "market";
      marketId: bigint;
      weightBps: number;
      curve: { baseRateBps: number; slope1Bps: number; slope2Bps: number; kinkBps: number };
      followOracle?: boolean;
    }
  | { type: "groupCap"; groupId: number; capBps: number }
  | { type: "params"; curatorFeeBps: number; leverageBps: number; cooldown: number; gate: Address }
  | { type: "timelock"; timelock: number };

export type PoolChangeResult = {
  change: PoolChange;
  /**
   * `applied`: in effect now. `queued`: risk-increasing, queued behind the pool's timelock just now.
   * `pending`: queued earlier and not yet executable (nothing sent). Repeat the same change once
   * `executableAt` has passed to apply it.
   */
  status: "applied" | "queued" | "pending";
  /** The queue id (keccak256 of the call data). */
  changeId: Hex;
  /** Unix seconds when a queued or pending change may apply. */
  executableAt?: bigint;
  sent?: Sent;
};
export type ConfigurePoolParameters = { pool: Address; changes: readonly PoolChange[] };
export type ConfigurePoolReturnType = PoolChangeResult[];
export type ConfigurePoolErrorType = PoolConfigError | ContractRevertError | UnknownRevertError;

/**
 * Applies curator changes in order. Risk-decreasing ones apply at once; risk-increasing ones on a pool with
 * shares are queued for max(timelock, cooldown) and applied when the same change is made again after that:
 * calling this again with the same changes applies those that are due and skips (status `pending`) those
 * that are not, without sending a transaction that would revert.
 */
export async function configurePool(
  client: WriteClient,
  params: ConfigurePoolParameters,
): Promise<ConfigurePoolReturnType> {
  const results: PoolChangeResult[] = [];
  for (const change of params.changes) {
    const call = callOf(params.pool, change);
    // biome-ignore lint/suspicious/noExplicitAny: the call is one of four pool functions
    const changeId = keccak256(encodeFunctionData(call as any));
    const [at, block] = await guarded(() =>
      Promise.all([
        readContract(client, {
          address: params.pool,
          abi: poolAbi,
          functionName: "pendingChange",
          args: [changeId],
        }),
        getBlock(client),
      ]),
    );
    if (at !== 0n && block.timestamp < at) {
      results.push({ change, status: "pending", changeId, executableAt: at });
      continue;
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const sent = await send(client, call as any);
    const [queued] = parseEventLogs({ abi: poolAbi, logs: sent.receipt.logs, eventName: "ChangeQueued" });
    results.push(
      queued
        ? { change, status: "queued", changeId, executableAt: queued.args.executableAt, sent }
        : { change, status: "applied", changeId, sent },
    );
  }
  return results;
}

function callOf(pool: Address, change: PoolChange) {
  const base = { address: pool, abi: poolAbi } as const;
  switch (change.type) {
    case "market":
      return {
        ...base,
        functionName: "setMarketConfig",
        args: [change.marketId, change.weightBps, change.curve, change.followOracle ?? false],
      } as const;
    case "groupCap":
      return { ...base, functionName: "setGroupCap", args: [change.groupId, change.capBps] } as const;
    case "params":
      return {
        ...base,
        functionName: "setPoolParams",
        args: [change.curatorFeeBps, change.leverageBps, change.cooldown, change.gate],
      } as const;
    case "timelock":
      return { ...base, functionName: "setTimelock", args: [change.timelock] } as const;
  }
}
