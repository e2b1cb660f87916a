import { BPS, WAD } from "./constants.ts";
import { mulDiv } from "./math.ts";

/** How much a valid claim pays: BINARY pays the full amount, PROPORTIONAL the trigger's ratio of it. */
export type PayoutMode = "BINARY" | "PROPORTIONAL";

/**
 * amount x payout ratio x (1 - deductible), each step rounded down (favouring the pool).
 * BINARY markets use a payout ratio of 100%.
 */
export function payout(args: {
  amount: bigint;
  payoutWad: bigint;
  deductibleBps: bigint;
  mode?: PayoutMode;
}): bigint {
  const ratio = args.mode === "BINARY" ? WAD : args.payoutWad;
  return mulDiv(mulDiv(args.amount, ratio, WAD), BPS - args.deductibleBps, BPS);
}
