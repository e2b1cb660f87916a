// Every table the indexer writes. Amounts are base units of the cover asset (numeric(78) bigints); ids are
// the contracts' ids. Pool-state columns mirror the contracts' storage (not their views), so the API can
// evaluate the views (capital, exposure, quote) at the indexed head with packages/core.
import { index, onchainTable, primaryKey } from "ponder";

/** Protocol-wide parameters (one row, id 1) and the indexed head. */
export const protocol = onchainTable("protocol", (t) => ({
  id: t.integer().primaryKey(),
  treasury: t.hex(),
  protocolFeeBps: t.integer().notNull().default(0),
  maxCommissionBps: t.integer().notNull().default(0),
  paused: t.boolean().notNull().default(false),
  headBlock: t.bigint().notNull().default(0n),
  headTime: t.bigint().notNull().default(0n),
  /** Set by events; cleared when the hourly history row is refreshed (historyTime). */
  dirty: t.boolean().notNull().default(true),
  historyTime: t.bigint().notNull().default(0n),
}));

export const group = onchainTable("correlation_group", (t) => ({
  id: t.integer().primaryKey(),
  name: t.hex().notNull(),
}));

export const market = onchainTable("market", (t) => ({
  id: t.bigint().primaryKey(),
  asset: t.hex().notNull(),
  trigger: t.hex().notNull(),
  groups: t.bigint().notNull(),
  status: t.integer().notNull(),
  claimMode: t.integer().notNull(),
  payoutMode: t.integer().notNull(),
  deductibleBps: t.integer().notNull(),
  maturationDelay: t.bigint().notNull(),
  minPeriod: t.bigint().notNull(),
  maxPeriod: t.bigint().notNull(),
  claimWindow: t.bigint().notNull(),
  baseRateBps: t.bigint().notNull(),
  minPoolCapacity: t.bigint().notNull().default(0n),
  assessorGroupId: t.bigint(),
  termsURI: t.text().notNull(),
  createdBlock: t.bigint().notNull(),
  createdAt: t.bigint().notNull(),
}));

/** One row per trigger contract (the market's trigger; zero address for assessed markets is not stored). */
export const trigger = onchainTable("trigger_state", (t) => ({
  address: t.hex().primaryKey(),
  marketId: t.bigint().notNull(),
  /** 0 ACTIVE, 1 FROZEN, 2 TRIGGERED (TriggerState). */
  state: t.integer().notNull(),
  candidateTime: t.bigint().notNull().default(0n),
  payoutWad: t.bigint().notNull().default(0n),
  updatedBlock: t.bigint().notNull(),
}));

export const pool = onchainTable("pool", (t) => ({
  id: t.integer().primaryKey(),
  address: t.hex().notNull(),
  curator: t.hex().notNull(),
  asset: t.hex(),
  curatorFeeBps: t.bigint().notNull().default(0n),
  leverageBps: t.bigint().notNull().default(10_000n),
  cooldown: t.bigint().notNull().default(0n),
  gate: t.hex(),
  timelock: t.bigint().notNull().default(259_200n),
  /** asset.balanceOf(pool), from the pool's own flows. */
  balance: t.bigint().notNull().default(0n),
  curatorFees: t.bigint().notNull().default(0n),
  protocolFees: t.bigint().notNull().default(0n),
  claimHold: t.bigint().notNull().default(0n),
  totalBooked: t.bigint().notNull().default(0n),
  totalSupply: t.bigint().notNull().default(0n),
  /** Premium stream as stored (PremiumStreamLib.Stream), accrued at the pool's events. */
  streamRateX: t.bigint().notNull().default(0n),
  streamLastAccrual: t.bigint().notNull().default(0n),
  streamUnearnedX: t.bigint().notNull().default(0n),
  streamMaxEndBucket: t.bigint().notNull().default(0n),
  /** Cumulative gross premium and the LPs' share of it. */
  premiumGross: t.bigint().notNull().default(0n),
  premiumLp: t.bigint().notNull().default(0n),
  createdBlock: t.bigint().notNull(),
  createdAt: t.bigint().notNull(),
}));

export const poolAddress = onchainTable("pool_address", (t) => ({
  address: t.hex().primaryKey(),
  poolId: t.integer().notNull(),
}));

export const poolGroup = onchainTable(
  "pool_group",
  (t) => ({
    poolId: t.integer().notNull(),
    groupId: t.integer().notNull(),
    booked: t.bigint().notNull().default(0n),
    capBps: t.bigint().notNull().default(0n),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.groupId] }) }),
);

/** A pool's configuration of a market and the market's exposure ledger in it. */
export const poolMarket = onchainTable(
  "pool_market",
  (t) => ({
    poolId: t.integer().notNull(),
    marketId: t.bigint().notNull(),
    /** Registry order of the market's backers (MarketPoolAdded). */
    slot: t.integer(),
    weightBps: t.bigint().notNull().default(0n),
    listed: t.boolean().notNull().default(false),
    followOracle: t.boolean().notNull().default(false),
    baseRateBps: t.bigint().notNull().default(0n),
    slope1Bps: t.bigint().notNull().default(0n),
    slope2Bps: t.bigint().notNull().default(0n),
    kinkBps: t.bigint().notNull().default(0n),
    releaseDelayDays: t.bigint().notNull().default(0n),
    configured: t.boolean().notNull().default(false),
    booked: t.bigint().notNull().default(0n),
    lastBucket: t.bigint().notNull().default(0n),
    maxReleaseBucket: t.bigint().notNull().default(0n),
    closed: t.boolean().notNull().default(false),
    coverWritten: t.bigint().notNull().default(0n),
    premium: t.bigint().notNull().default(0n),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.marketId] }) }),
);

export const releaseBucket = onchainTable(
  "release_bucket",
  (t) => ({
    poolId: t.integer().notNull(),
    marketId: t.bigint().notNull(),
    bucket: t.bigint().notNull(),
    amount: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.marketId, table.bucket] }) }),
);

export const streamBucket = onchainTable(
  "stream_bucket",
  (t) => ({
    poolId: t.integer().notNull(),
    bucket: t.bigint().notNull(),
    rateX: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.bucket] }) }),
);

export const policy = onchainTable(
  "policy",
  (t) => ({
    id: t.bigint().primaryKey(),
    marketId: t.bigint().notNull(),
    owner: t.hex().notNull(),
    amount: t.bigint().notNull(),
    premium: t.bigint().notNull(),
    commission: t.bigint().notNull(),
    start: t.bigint().notNull(),
    end: t.bigint().notNull(),
    integrator: t.hex().notNull(),
    paid: t.bigint().notNull().default(0n),
    block: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ ownerIdx: index().on(table.owner) }),
);

export const policySlice = onchainTable(
  "policy_slice",
  (t) => ({
    policyId: t.bigint().notNull(),
    poolId: t.integer().notNull(),
    amount: t.bigint().notNull(),
    premium: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.policyId, table.poolId] }) }),
);

/** Deposits (kind "deposit") and withdrawals (kind "withdraw") of pool capital. */
export const capitalFlow = onchainTable(
  "capital_flow",
  (t) => ({
    id: t.text().primaryKey(),
    kind: t.text().notNull(),
    poolId: t.integer().notNull(),
    sender: t.hex().notNull(),
    owner: t.hex().notNull(),
    assets: t.bigint().notNull(),
    shares: t.bigint().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ ownerIdx: index().on(table.owner) }),
);

export const redeemRequest = onchainTable(
  "redeem_request",
  (t) => ({
    poolId: t.integer().notNull(),
    controller: t.hex().notNull(),
    shares: t.bigint().notNull(),
    assets: t.bigint().notNull(),
    claimableAt: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.controller] }) }),
);

/** An LP's shares in a pool (escrowed request shares are the pool's own balance) and what they put in and took. */
export const position = onchainTable(
  "lp_position",
  (t) => ({
    poolId: t.integer().notNull(),
    owner: t.hex().notNull(),
    shares: t.bigint().notNull().default(0n),
    deposited: t.bigint().notNull().default(0n),
    withdrawn: t.bigint().notNull().default(0n),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.owner] }) }),
);

export const claim = onchainTable("claim", (t) => ({
  id: t.bigint().primaryKey(),
  policyId: t.bigint().notNull(),
  claimant: t.hex().notNull(),
  amount: t.bigint().notNull(),
  evidenceURI: t.text().notNull(),
  /** ClaimStatus as numbered in IAssessedClaims. */
  status: t.integer().notNull(),
  challenger: t.hex(),
  bond: t.bigint().notNull().default(0n),
  paid: t.bigint().notNull().default(0n),
  submittedBlock: t.bigint().notNull(),
  submittedAt: t.bigint().notNull(),
}));

/** Votes on claims (kind "claim") and on trigger disputes (kind "dispute"). */
export const vote = onchainTable(
  "vote",
  (t) => ({
    kind: t.text().notNull(),
    subjectId: t.bigint().notNull(),
    assessor: t.hex().notNull(),
    approve: t.boolean().notNull(),
    deadline: t.bigint().notNull(),
    block: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.kind, table.subjectId, table.assessor] }) }),
);

export const dispute = onchainTable("trigger_dispute", (t) => ({
  id: t.bigint().primaryKey(),
  marketId: t.bigint().notNull(),
  proposalId: t.bigint().notNull(),
  deadline: t.bigint().notNull(),
  resolved: t.boolean().notNull().default(false),
  upheld: t.boolean(),
}));

/** A settled incident (one per market: settlement retires it for good). */
export const incident = onchainTable("incident", (t) => ({
  marketId: t.bigint().primaryKey(),
  incidentTime: t.bigint().notNull(),
  payoutPerUnitWad: t.bigint().notNull(),
  required: t.bigint().notNull(),
  funded: t.bigint().notNull(),
  paid: t.bigint().notNull().default(0n),
  returned: t.bigint().notNull().default(0n),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

export const incidentReserve = onchainTable(
  "incident_reserve",
  (t) => ({
    marketId: t.bigint().notNull(),
    poolId: t.integer().notNull(),
    eligible: t.bigint().notNull(),
    required: t.bigint().notNull(),
    funded: t.bigint().notNull(),
    returned: t.bigint().notNull().default(0n),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.marketId, table.poolId] }) }),
);

/** Parametric payouts (PolicyPaid) and assessed-claim payments (ClaimRedeemed). */
export const payout = onchainTable("payout", (t) => ({
  id: t.text().primaryKey(),
  kind: t.text().notNull(),
  policyId: t.bigint(),
  claimId: t.bigint(),
  marketId: t.bigint(),
  to: t.hex().notNull(),
  amount: t.bigint().notNull(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** Hourly history: the last values seen in each hour (hour = timestamp / 3600). */
export const history = onchainTable("history_hourly", (t) => ({
  hour: t.bigint().primaryKey(),
  timestamp: t.bigint().notNull(),
  tvl: t.bigint().notNull(),
  tvc: t.bigint().notNull(),
  /** TVC / TVL, WAD (1e18 = 100%). */
  utilisationWad: t.bigint().notNull(),
  premiumLp: t.bigint().notNull(),
}));

/** Hourly history per market: cover in force and capacity, the last values seen in each hour. */
export const marketHistory = onchainTable(
  "market_history_hourly",
  (t) => ({
    marketId: t.bigint().notNull(),
    hour: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    tvc: t.bigint().notNull(),
    capacity: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.marketId, table.hour] }) }),
);

/** Per-transaction progress of a purchase's fill, to replay the releases of pools that filled nothing. */
export const fillProgress = onchainTable("fill_progress", (t) => ({
  txHash: t.hex().primaryKey(),
  filled: t.bigint().notNull(),
  next: t.integer().notNull(),
}));

/** Events with no table of their own (governance and curator bookkeeping), kept verbatim: args as JSON strings. */
export const otherEvent = onchainTable("other_event", (t) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  name: t.text().notNull(),
  args: t.text().notNull(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));
