import { settlementAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type PayoutOfParameters = { settlement: Address; policyId: bigint };
export type PayoutOfReturnType = bigint;

/** What `claim(policyId)` would pay now: zero when unsettled, already paid, or outside the incident. */
export async function payoutOf(client: ReadClient, params: PayoutOfParameters): Promise<PayoutOfReturnType> {
  return guarded(() =>
    readContract(client, {
      address: params.settlement,
      abi: settlementAbi,
      functionName: "payoutOf",
      args: [params.policyId],
    }),
  );
}
