import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetIncidentParameters = { settlement: Address; marketId: bigint };
export type GetIncidentReturnType = {
  /** Whether the market has been settled (settledAt != 0). */
  settled: boolean;
  time: bigint;
  settledAt: bigint;
  payoutPerUnitWad: bigint;
  swept: boolean;
  required: bigint;
  funded: bigint;
  /** Reserve still held for claims. */
  reserve: bigint;
};

/** The settled incident of a parametric market (zeroes and settled = false when not settled). */
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
    time: BigInt(inc.time),
    settledAt: BigInt(inc.settledAt),
    payoutPerUnitWad: inc.payoutPerUnitWad,
    swept: inc.swept,
    required: inc.required,
    funded: inc.funded,
    reserve,
  };
}
