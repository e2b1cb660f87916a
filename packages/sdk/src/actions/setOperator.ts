import { poolAbi } from "@backstop/abi";
import type { Address } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareSetOperatorParameters = { pool: Address; operator: Address; approved: boolean };
export type PrepareSetOperatorReturnType = PreparedRequest<typeof poolAbi, "setOperator">;

/** Builds ERC-7540 `setOperator(operator, approved)`; pure. */
export function prepareSetOperator(params: PrepareSetOperatorParameters): PrepareSetOperatorReturnType {
  return {
    address: params.pool,
    abi: poolAbi,
    functionName: "setOperator",
    args: [params.operator, params.approved],
  };
}

export type SetOperatorParameters = {
  pool: Address;
  operator: Address;
  /** Approve (default) or revoke. */
  approved?: boolean;
};
export type SetOperatorReturnType = Sent;
export type SetOperatorErrorType = ContractRevertError | UnknownRevertError;

/**
 * ERC-7540 `setOperator`: lets `operator` request and claim redemptions for the client's account in `pool`
 * (e.g. a vault or a keeper); `approved: false` revokes.
 */
export async function setOperator(
  client: WriteClient,
  params: SetOperatorParameters,
): Promise<SetOperatorReturnType> {
  return send(client, prepareSetOperator({ ...params, approved: params.approved ?? true }));
}
