import { insuredVaultAbi } from "@backstop/abi";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareRollCoverParameters = { vault: Address };
export type PrepareRollCoverReturnType = PreparedRequest<typeof insuredVaultAbi, "rollCover">;

/** Builds `InsuredVault.rollCover()`; pure. Keepers and the owner only. */
export function prepareRollCover(p: PrepareRollCoverParameters): PrepareRollCoverReturnType {
  return { address: p.vault, abi: insuredVaultAbi, functionName: "rollCover", args: [] };
}

export type RollCoverParameters = PrepareRollCoverParameters & { onHash?: OnHash };
export type RollCoverReturnType = Sent & {
  /** The policy bought; 0n when the vault was already covered (rollCover is idempotent). */
  policyId: bigint;
  amount: bigint;
  premium: bigint;
  /** Coverage after the roll, in bps of the vault's assets (0n when nothing was bought). */
  coveredBps: bigint;
  /** Policies that left the live list because they expired. */
  expired: bigint[];
};
export type RollCoverErrorType = ContractRevertError | UnknownRevertError;

/**
 * Buys the cover the insured vault lacks (from yield). No `CoverRolled` event is not an error here: a vault that
 * is covered buys nothing, and the result says so with `policyId` 0n.
 */
export async function rollCover(
  client: WriteClient,
  params: RollCoverParameters,
): Promise<RollCoverReturnType> {
  const sent = await send(client, prepareRollCover(params), undefined, params.onHash);
  const logs = parseEventLogs({
    abi: insuredVaultAbi,
    logs: sent.receipt.logs.filter((l) => isAddressEqual(l.address, params.vault)),
  });
  const expired = logs.flatMap((l) => (l.eventName === "PolicyExpired" ? [l.args.policyId] : []));
  const rolled = logs.find((l) => l.eventName === "CoverRolled");
  if (rolled?.eventName !== "CoverRolled")
    return { ...sent, policyId: 0n, amount: 0n, premium: 0n, coveredBps: 0n, expired };
  const a = rolled.args;
  return {
    ...sent,
    policyId: a.policyId,
    amount: a.amount,
    premium: a.premium,
    coveredBps: a.coveredBps,
    expired,
  };
}
