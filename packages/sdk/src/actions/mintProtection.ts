import { protectionSeriesAbi } from "@backstop/abi";
import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { MissingEventError } from "../errors/action.ts";
import type { ContractRevertError, UnknownRevertError } from "../errors/contract.ts";
import { approveIfNeeded } from "../internal/approve.ts";
import { expectEvent } from "../internal/events.ts";
import { guarded } from "../internal/read.ts";
import { type OnHash, type Sent, send } from "../internal/send.ts";
import type { PreparedRequest, WriteClient } from "../internal/types.ts";

export type PrepareMintProtectionParameters = {
  series: Address;
  /** Protection to mint (= cover bought into the series), in the cover asset's units. */
  amount: bigint;
  /** Candidate pools, filled in order. */
  pools: readonly number[];
  /** Pulled from the sender; the unspent part is refunded. */
  maxPremium: bigint;
};
export type PrepareMintProtectionReturnType = PreparedRequest<typeof protectionSeriesAbi, "mint">;

/** Builds `ProtectionSeries.mint`; pure. The sender must have approved the series for `maxPremium`. */
export function prepareMintProtection(p: PrepareMintProtectionParameters): PrepareMintProtectionReturnType {
  return {
    address: p.series,
    abi: protectionSeriesAbi,
    functionName: "mint",
    args: [p.amount, [...p.pools], p.maxPremium],
  };
}

export type MintProtectionParameters = PrepareMintProtectionParameters & {
  /** Approve the series for `maxPremium` first when short (default true). */
  approve?: boolean;
  onHash?: OnHash;
};
export type MintProtectionReturnType = Sent & {
  policyId: bigint;
  amount: bigint;
  premium: bigint;
  /** The tokens stay locked in the minter's balance until after this time (then `resolveProtection`). */
  maturesAt: bigint;
};
export type MintProtectionErrorType = MissingEventError | ContractRevertError | UnknownRevertError;

/** Buys cover ending at the series' expiry into the series and mints the tokens (locked until they mature). */
export async function mintProtection(
  client: WriteClient,
  params: MintProtectionParameters,
): Promise<MintProtectionReturnType> {
  if (params.approve ?? true) {
    const asset = await guarded(() =>
      readContract(client, { address: params.series, abi: protectionSeriesAbi, functionName: "ASSET" }),
    );
    await approveIfNeeded(client, asset, params.series, params.maxPremium);
  }
  const sent = await send(client, prepareMintProtection(params), undefined, params.onHash);
  const log = expectEvent(sent, {
    abi: protectionSeriesAbi,
    eventName: "ProtectionMinted",
    action: "mintProtection",
  });
  return {
    ...sent,
    policyId: log.args.policyId,
    amount: log.args.amount,
    premium: log.args.premium,
    maturesAt: log.args.maturesAt,
  };
}
