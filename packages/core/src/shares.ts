import { underwritingCapital } from "./capacity.ts";
import { DECIMALS_OFFSET } from "./constants.ts";
import { max, min, mulDiv, mulDivUp } from "./math.ts";

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

/**
 * Shares minted by `deposit(assets)` (rounded down, favouring the pool). `totalAssets` is the deposit price:
 * capital + reserveReceivable.
 */
export function previewDeposit(assets: bigint, totalSupply: bigint, totalAssets: bigint): bigint {
  return convertToShares(assets, totalSupply, totalAssets, "down");
}

/** The state an exit is valued at: share supply, capital and the claim hold (exit capital = capital - hold). */
export type ExitState = { totalSupply: bigint; capital: bigint; claimHold: bigint };

/**
 * The exit-price value of `shares`: shares x (exitCapital + 1) / (supply + 10**6), rounded down, where
 * exitCapital = capital - claim hold (reserves excluded). Mirrors `Pool._toAssetsDown(shares, _exitCapital(cap))`;
 * `requestRedeem` records this value.
 */
export function exitValue(shares: bigint, s: ExitState): bigint {
  return mulDiv(shares, underwritingCapital(s.capital, s.claimHold) + 1n, s.totalSupply + VIRTUAL_SHARES);
}

/** A controller's aggregated redeem request (`RedeemQueueLib.Request`). */
export type RedeemRequestState = { shares: bigint; assets: bigint; claimableAt: bigint };

/**
 * Assets paid by `redeem(shares)` from a request: min(request-price value rounded down, exit-price value now).
 * Mirrors `Pool.redeem`.
 */
export function redeemAssets(
  args: ExitState & { shares: bigint; requestShares: bigint; requestAssets: bigint },
): bigint {
  const atRequest = mulDiv(args.shares, args.requestAssets, args.requestShares);
  return min(atRequest, exitValue(args.shares, args));
}

/**
 * Shares burned by `withdraw(assets)` from a request: enough to be worth `assets` at both the request price and
 * the exit price, each rounded up. Mirrors `Pool.withdraw`.
 */
export function withdrawShares(
  args: ExitState & { assets: bigint; requestShares: bigint; requestAssets: bigint },
): bigint {
  const exitCapital = underwritingCapital(args.capital, args.claimHold);
  return max(
    mulDivUp(args.assets, args.requestShares, args.requestAssets),
    mulDivUp(args.assets, args.totalSupply + VIRTUAL_SHARES, exitCapital + 1n),
  );
}

/** What is left of a request after `shares` of it are claimed (`RedeemQueueLib.consume`). */
export function consumeRequest(r: RedeemRequestState, shares: bigint): RedeemRequestState {
  const assets = mulDivUp(shares, r.assets, r.shares);
  return {
    shares: r.shares - shares,
    assets: r.assets > assets ? r.assets - assets : 0n,
    claimableAt: r.claimableAt,
  };
}

/**
 * The shares of a request that `redeem` accepts now. Mirrors `Pool.maxRedeem`: zero while nothing is claimable
 * or exits are closed (a backed market's trigger is not ACTIVE); else all of them when their value fits in free
 * capital, or the share of them that it pays.
 */
export function maxRedeem(
  args: ExitState & { request: RedeemRequestState; now: bigint; exitsOpen: boolean; freeCapital: bigint },
): bigint {
  const r = args.request;
  if (r.shares === 0n || r.claimableAt > args.now || !args.exitsOpen) return 0n;
  const value = min(r.assets, exitValue(r.shares, args));
  if (value <= args.freeCapital) return r.shares;
  return mulDiv(r.shares, args.freeCapital, value);
}

/** The assets `withdraw` accepts now. Mirrors `Pool.maxWithdraw`. */
export function maxWithdraw(
  args: ExitState & { request: RedeemRequestState; now: bigint; exitsOpen: boolean; freeCapital: bigint },
): bigint {
  const r = args.request;
  if (r.shares === 0n || r.claimableAt > args.now || !args.exitsOpen) return 0n;
  return min(min(r.assets, exitValue(r.shares, args)), args.freeCapital);
}
