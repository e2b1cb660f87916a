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
/** The most pools one market may list as backers (`Markets.MAX_POOLS_PER_MARKET`). */
export const MAX_POOLS_PER_MARKET = 32;
/** The largest uint256. */
export const MAX_UINT256 = 2n ** 256n - 1n;
/** The earliest a trigger may date an incident, counted back from its report (`ConstantsLib`). */
export const MAX_INCIDENT_LOOKBACK = 7n * DAY;
/** The shortest redemption cooldown a pool may set (`Pool.MIN_COOLDOWN`). */
export const MIN_COOLDOWN = 7n * DAY;
/** The longest redemption cooldown (`Pool.MAX_COOLDOWN`). */
export const MAX_COOLDOWN = 90n * DAY;
/** Bounds of a pool's curator timelock (`Pool.MIN_TIMELOCK`, `Pool.MAX_TIMELOCK`); new pools start at 3 days. */
export const MIN_TIMELOCK = DAY;
export const MAX_TIMELOCK = 30n * DAY;
export const DEFAULT_TIMELOCK = 3n * DAY;
/** The lowest base rate a curator's curve may carry, bps (`Pool.MIN_RATE_BPS`). */
export const MIN_RATE_BPS = 10n;
