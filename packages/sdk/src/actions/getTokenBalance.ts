import { type Address, erc20Abi } from "viem";
import { readContract } from "viem/actions";
import { guarded } from "../internal/read.ts";
import type { ReadClient } from "../internal/types.ts";

export type GetTokenBalanceParameters = { token: Address; owner: Address };
export type GetTokenBalanceReturnType = bigint;

/** An ERC-20 balance (the cover asset's, in its units). */
export async function getTokenBalance(
  client: ReadClient,
  params: GetTokenBalanceParameters,
): Promise<GetTokenBalanceReturnType> {
  return guarded(() =>
    readContract(client, {
      address: params.token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [params.owner],
    }),
  );
}
