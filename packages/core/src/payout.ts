import { BPS, WAD } from "./constants.ts";
import { mulDiv } from "./math.ts";

/** How much a valid claim pays: BINARY pays the full amount, PROPORTIONAL the trigger's ratio of it. */
export type PayoutMode = "BINARY" | "PROPORTIONAL";

/**
 * Payout per unit of cover (WAD) fixed when an incident is opened. Mirrors `Settlement._open`: a zero ratio
 * stays zero in either mode; BINARY, or a ratio above 100%, pays 100%; then x (BPS - deductible) / BPS,
 * rounded down.
 */
export function payoutPerUnitWad(args: {
  payoutWad: bigint;
  deductibleBps: bigint;
  mode?: PayoutMode;
}): bigint {
  let ratio = args.payoutWad;
  if (ratio !== 0n && (args.mode === "BINARY" || ratio > WAD)) ratio = WAD;
  return (ratio * (BPS - args.deductibleBps)) / BPS;
}

/**
 * What a policy of `amount` is paid. Mirrors `Settlement._share`: amount x payoutPerUnit / WAD rounded down
 * (Solady `mulWad`), then x funded / required rounded down when the pools funded less than required (the
 * haircut every claimant bears alike).
 */
export function payout(args: {
  amount: bigint;
  payoutWad: bigint;
  deductibleBps: bigint;
  mode?: PayoutMode;
  /** Reserve the pools funded and what they were required to fund; omitted: fully funded. */
  funded?: bigint;
  required?: bigint;
}): bigint {
  return payoutOfIncident(args.amount, payoutPerUnitWad(args), args.funded, args.required);
}

/** A policy's payout from a recorded incident's payoutPerUnitWad, funded and required. */
export function payoutOfIncident(
  amount: bigint,
  perUnitWad: bigint,
  funded?: bigint,
  required?: bigint,
): bigint {
  const p = mulDiv(amount, perUnitWad, WAD);
  if (funded !== undefined && required !== undefined && funded < required) return mulDiv(p, funded, required);
  return p;
}
