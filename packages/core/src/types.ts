/** A curator's rate curve for one market in one pool (annual rates in basis points). */
export type RateCurve = {
  baseRateBps: bigint;
  slope1Bps: bigint;
  slope2Bps: bigint;
  kinkBps: bigint;
};

/** How a pool backs one market. */
export type MarketConfig = {
  weightBps: bigint;
  followOracle: boolean;
  groups: bigint;
  curve: RateCurve;
};

/** One correlation group's booked exposure and cap in a pool. */
export type GroupExposure = { groupId: number; booked: bigint; capBps: bigint };

/** The state of one pool as seen by a sale of one market. */
export type PoolMarketState = {
  poolId: number;
  /** Pool capital (ERC-4626 totalAssets). */
  capital: bigint;
  /** The market's live exposure in the pool. */
  exposure: bigint;
  /** The pool's total booked exposure. */
  totalExposure: bigint;
  leverageBps: bigint;
  curatorFeeBps: bigint;
  config: MarketConfig;
  /** The market's groups in this pool. */
  groups: GroupExposure[];
};
