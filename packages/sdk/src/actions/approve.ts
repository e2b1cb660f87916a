import { type Address, erc20Abi } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareApproveParameters = {
  /** The ERC-20 token (a pool's or market's asset). */
  token: Address;
  /** Who may spend: a pool (deposit), the CoverManager (buyCover), AssessedClaims (claim deposit, bond). */
  spender: Address;
  amount: bigint;
};
export type PrepareApproveReturnType = PreparedRequest<typeof erc20Abi, "approve">;

/** Builds an ERC-20 `approve` (viem's `erc20Abi`); pure. */
export function prepareApprove(params: PrepareApproveParameters): PrepareApproveReturnType {
  return {
    address: params.token,
    abi: erc20Abi,
    functionName: "approve",
    args: [params.spender, params.amount],
  };
}

export type ApproveParameters = PrepareApproveParameters;
export type ApproveReturnType = Sent;
export type ApproveErrorType = ContractRevertError | UnknownRevertError;

/** Approves `spender` for `amount` of `token` from the client's account. */
export async function approve(client: WriteClient, params: ApproveParameters): Promise<ApproveReturnType> {
  return send(client, prepareApprove(params));
}
