import { DECIMALS_OFFSET } from "./constants.ts";
import { min, mulDiv, mulDivUp } from "./math.ts";

/** Rounding direction of an ERC-4626 conversion. */
export type Rounding = "down" | "up";

const VIRTUAL_SHARES = 10n ** DECIMALS_OFFSET;

/** OpenZeppelin ERC-4626 `_convertToShares`: assets x (supply + 10**6) / (totalAssets + 1). */
export function convertToShares(
  assets: bigint,
  totalSupply: bigint,
  totalAssets: bigint,
  rounding: Rounding = "down",
): bigint {
  const f = rounding === "up" ? mulDivUp : mulDiv;
  return f(assets, totalSupply + VIRTUAL_SHARES, totalAssets + 1n);
}

/** OpenZeppelin ERC-4626 `_convertToAssets`: shares x (totalAssets + 1) / (supply + 10**6). */
export function convertToAssets(
  shares: bigint,
  totalSupply: bigint,
  totalAssets: bigint,
  rounding: Rounding = "down",
): bigint {
  const f = rounding === "up" ? mulDivUp : mulDiv;
  return f(shares, totalAssets + 1n, totalSupply + VIRTUAL_SHARES);
}

/** Shares minted by `deposit(assets)` (rounded down, favouring the pool). */
export function previewDeposit(assets: bigint, totalSupply: bigint, totalAssets: bigint): bigint {
  return convertToShares(assets, totalSupply, totalAssets, "down");
}

/**
 * Assets paid by `redeem(shares)` from a request of `requestShares` valued `requestAssets` at request time:
 * min(value at request, value now) (the exit price). Mirrors `Pool.redeem`.
 */
export function redeemAssets(args: {
  shares: bigint;
  requestShares: bigint;
  requestAssets: bigint;
  totalSupply: bigint;
  totalAssets: bigint;
}): bigint {
  const atRequest = mulDiv(args.shares, args.requestAssets, args.requestShares);
  return min(atRequest, convertToAssets(args.shares, args.totalSupply, args.totalAssets, "down"));
}
