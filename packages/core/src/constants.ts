/** Basis points: 10_000 = 100%. */
export const BPS = 10_000n;
/** Fixed-point unit of ratios (utilisation, payout ratio): 1e18 = 100%. */
export const WAD = 10n ** 18n;
/** Rates are annual; a year is 365 days. */
export const YEAR = 365n * 86_400n;
/** The length of an exposure bucket. */
export const DAY = 86_400n;
/** The pool's ERC-4626 decimals offset (virtual shares 10**6, virtual assets 1). */
export const DECIMALS_OFFSET = 6n;
/** The most pools one policy may be split across. */
export const MAX_POOLS = 8;
/** The largest uint256. */
export const MAX_UINT256 = 2n ** 256n - 1n;
