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
  /** Among the market's listed backers (settlement and sales reach only listed pools). */
  listed: boolean;
  /** Days ended cover stays booked: the incident look-back (parametric) or the claim window (assessed). */
  releaseDelayDays: bigint;
  groups: bigint;
  curve: RateCurve;
};

/** One correlation group's booked exposure and cap in a pool. */
export type GroupExposure = { groupId: number; booked: bigint; capBps: bigint };

/** The state of one pool as seen by a sale of one market. */
export type PoolMarketState = {
  poolId: number;
  /**
   * Underwriting capital: capital (assets held minus unearned premium and fees) minus the claim hold
   * (`PoolLens.underwritingCapital`). Capacity and every limit are taken on it.
   */
  capital: bigint;
  /** The market's booked exposure in the pool, net of releases due today (`Pool.exposure`). */
  exposure: bigint;
  /** The market was settled in this pool: it sells no more cover there. */
  closed: boolean;
  /** The pool's total booked exposure. */
  totalExposure: bigint;
  leverageBps: bigint;
  curatorFeeBps: bigint;
  config: MarketConfig;
  /** The market's groups in this pool. */
  groups: GroupExposure[];
};
