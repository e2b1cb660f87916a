import { marketsAbi, poolFactoryAbi } from "@backstop/abi";
import { type Address, parseEventLogs } from "viem";
import type { ContractRevertError, PoolConfigError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { WriteClient } from "../internal/types.ts";

export type CreatePoolParameters = {
  poolFactory: Address;
  /** A governance-allowed cover asset. */
  asset: Address;
  name: string;
  symbol: string;
  /** Runs the pool (default: the client's account). */
  curator?: Address;
  curatorFeeBps: number;
  /** Total exposure / capital cap, in bps (10_000 = 1x). */
  leverageBps: number;
  /** Redemption cooldown in seconds. */
  cooldown: number;
};
export type CreatePoolReturnType = Sent & { poolId: number; pool: Address };
export type CreatePoolErrorType = PoolConfigError | ContractRevertError | UnknownRevertError;

/** Deploys a pool through the PoolFactory (permissionless) and returns its id and address. */
export async function createPool(
  client: WriteClient,
  params: CreatePoolParameters,
): Promise<CreatePoolReturnType> {
  const sent = await send(client, {
    address: params.poolFactory,
    abi: poolFactoryAbi,
    functionName: "createPool",
    args: [
      params.asset,
      params.name,
      params.symbol,
      params.curator ?? client.account.address,
      params.curatorFeeBps,
      params.leverageBps,
      params.cooldown,
    ],
  });
  const [log] = parseEventLogs({ abi: marketsAbi, logs: sent.receipt.logs, eventName: "PoolRegistered" });
  return { ...sent, poolId: Number(log?.args.poolId ?? 0n), pool: log?.args.pool as Address };
}
