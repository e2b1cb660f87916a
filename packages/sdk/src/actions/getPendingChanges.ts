import { poolAbi } from "@backstop/abi";
import { type Address, type BlockNumber, type BlockTag, decodeFunctionData, type Hex } from "viem";
import { getBlock, getContractEvents, readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";
import type { PoolChange } from "./configurePool.ts";

/** The pool drops a queued change not applied within this long after it became executable (Pool.MAX_TIMELOCK). */
const MAX_TIMELOCK = 30n * 86_400n;

export type PendingPoolChange = {
  /** The queue id (keccak256 of the call data). */
  changeId: Hex;
  /** The change as configurePool takes it: pass it again once `executableAt` has passed to apply it. */
  change: PoolChange;
  /** Unix seconds from when it may apply. */
  executableAt: bigint;
  /** Whether it may apply now (chain time). */
  due: boolean;
  /** Past its window: configurePool would queue it afresh. */
  expired: boolean;
};
export type GetPendingChangesParameters = {
  pool: Address;
  /** Where to start scanning ChangeQueued logs (the deployment's start block); default the earliest. */
  fromBlock?: BlockNumber | BlockTag;
};
export type GetPendingChangesReturnType = PendingPoolChange[];

/** A pool's risk-increasing curator changes still queued behind its timelock, oldest first. */
export async function getPendingChanges(
  client: ReadClient,
  params: GetPendingChangesParameters,
): Promise<GetPendingChangesReturnType> {
  const read = { address: params.pool, abi: poolAbi } as const;
  const [logs, block] = await guarded(() =>
    Promise.all([
      getContractEvents(client, {
        ...read,
        eventName: "ChangeQueued",
        fromBlock: params.fromBlock ?? "earliest",
      }),
      getBlock(client),
    ]),
  );
  // The latest queueing of each id; the pool's own record says whether it is still pending.
  const data = new Map<Hex, Hex>();
  for (const log of logs) if (log.args.changeId && log.args.data) data.set(log.args.changeId, log.args.data);
  const pending = await guarded(() =>
    Promise.all(
      [...data].map(async ([changeId, calldata]) => {
        const at = await readContract(client, { ...read, functionName: "pendingChange", args: [changeId] });
        return { changeId, calldata, at };
      }),
    ),
  );
  return pending
    .filter((p) => p.at !== 0n)
    .map((p) => ({
      changeId: p.changeId,
      change: changeOf(p.calldata),
      executableAt: p.at,
      due: block.timestamp >= p.at && block.timestamp <= p.at + MAX_TIMELOCK,
      expired: block.timestamp > p.at + MAX_TIMELOCK,
    }))
    .sort((a, b) => (a.executableAt < b.executableAt ? -1 : a.executableAt > b.executableAt ? 1 : 0));
}

/** The PoolChange a queued call encodes (the inverse of configurePool's call). */
function changeOf(calldata: Hex): PoolChange {
  const call = decodeFunctionData({ abi: poolAbi, data: calldata });
  switch (call.functionName) {
    case "setMarketConfig": {
      const [marketId, weightBps, curve, followOracle] = call.args;
      return { type: "market", marketId, weightBps, curve: { ...curve }, followOracle };
    }
    case "setGroupCap":
      return { type: "groupCap", groupId: call.args[0], capBps: call.args[1] };
    case "setPoolParams": {
      const [curatorFeeBps, leverageBps, cooldown, gate] = call.args;
      return { type: "params", curatorFeeBps, leverageBps, cooldown, gate };
    }
    case "setTimelock":
      return { type: "timelock", timelock: call.args[0] };
    default:
      throw new Error(`unexpected queued call ${call.functionName}`);
  }
}
