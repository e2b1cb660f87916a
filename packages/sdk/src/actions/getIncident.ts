import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetIncidentParameters = { settlement: Address; marketId: bigint };
export type GetIncidentReturnType = {
  /** Whether every backing pool has reserved (settledAt != 0): claims are open. */
  settled: boolean;
  /** Whether settlement has started: the incident is fixed and the market TRIGGERED. */
  opened: boolean;
  /** Backing pools that have reserved so far (settlePools works through them in batches). */
  poolsSettled: number;
  time: bigint;
  settledAt: bigint;
  payoutPerUnitWad: bigint;
  swept: boolean;
  required: bigint;
  funded: bigint;
  /** Reserve still held for claims and top-ups. */
  reserve: bigint;
};

/** The incident of a parametric market (zeroes, opened = false and settled = false when there is none). */
export async function getIncident(
  client: ReadClient,
  params: GetIncidentParameters,
): Promise<GetIncidentReturnType> {
  const read = { address: params.settlement, abi: settlementAbi } as const;
  const [inc, reserve] = await guarded(() =>
    Promise.all([
      readContract(client, { ...read, functionName: "incident", args: [params.marketId] }),
      readContract(client, { ...read, functionName: "reserveOf", args: [params.marketId] }),
    ]),
  );
  return {
    settled: inc.settledAt !== 0,
    opened: inc.opened,
    poolsSettled: inc.poolsSettled,
    time: BigInt(inc.time),
    settledAt: BigInt(inc.settledAt),
    payoutPerUnitWad: inc.payoutPerUnitWad,
    swept: inc.swept,
    required: inc.required,
    funded: inc.funded,
    reserve,
  };
}
