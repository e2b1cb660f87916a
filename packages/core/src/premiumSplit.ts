import { BPS } from "./constants.ts";

/** How one pool's premium is shared. */
export type PremiumSplit = { curatorFee: bigint; protocolFee: bigint; lpShare: bigint };

/** Curator and protocol fees rounded down; LPs get the rest. Mirrors `Pool._book`. */
export function splitPremium(premium: bigint, curatorFeeBps: bigint, protocolFeeBps: bigint): PremiumSplit {
  const curatorFee = (premium * curatorFeeBps) / BPS;
  const protocolFee = (premium * protocolFeeBps) / BPS;
  return { curatorFee, protocolFee, lpShare: premium - curatorFee - protocolFee };
}

/** The integrator commission paid on top of the premium, rounded down. Mirrors `CoverManager._fill`. */
export function commission(premium: bigint, commissionBps: bigint): bigint {
  return (premium * commissionBps) / BPS;
}
