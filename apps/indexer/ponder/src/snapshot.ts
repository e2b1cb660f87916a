// Loads the indexed tables into packages/core snapshots, for the API and the hourly history. Shared by the
// indexing functions (context.db.sql) and the API (ponder:api's db): both are drizzle query builders.

import {
  market,
  pool,
  poolGroup,
  poolMarket,
  protocol,
  releaseBucket,
  streamBucket,
  trigger,
} from "ponder:schema";
import {
  capacityAt,
  capitalAt,
  coverInForceAt,
  type PoolMarketSnapshot,
  type PoolSnapshot,
  type ReleaseAt,
  type StreamEnd,
} from "@backstop/core";

type Row<T extends { $inferSelect: unknown }> = T["$inferSelect"];
/** The part of a drizzle database the loader uses. */
export type SelectDb = {
  select(): { from<T extends { $inferSelect: unknown }>(table: T): PromiseLike<Row<T>[]> };
};

export type MarketRow = Row<typeof market>;
export type PoolRow = Row<typeof pool>;
export type PoolMarketRow = Row<typeof poolMarket>;

export type IndexedState = {
  headBlock: bigint;
  headTime: bigint;
  protocolFeeBps: bigint;
  markets: Map<bigint, MarketRow>;
  /** Trigger state by lowercase trigger address: 0 ACTIVE, 1 FROZEN, 2 TRIGGERED. */
  triggers: Map<string, number>;
  pools: Map<number, { row: PoolRow; snapshot: PoolSnapshot }>;
  /** Every (pool, market) configuration, with its ledger as a core snapshot. */
  poolMarkets: { row: PoolMarketRow; snapshot: PoolMarketSnapshot }[];
};

const from = <T extends { $inferSelect: unknown }>(db: SelectDb, table: T) => db.select().from(table);

/** Reads every table the views depend on (one query per table). */
export async function loadState(db: SelectDb): Promise<IndexedState> {
  const [protocols, markets, pools, groups, pms, releases, streams, triggers] = await Promise.all([
    from(db, protocol),
    from(db, market),
    from(db, pool),
    from(db, poolGroup),
    from(db, poolMarket),
    from(db, releaseBucket),
    from(db, streamBucket),
    from(db, trigger),
  ]);
  const head = protocols[0];
  const triggerState = new Map(triggers.map((t) => [t.address.toLowerCase(), t.state]));
  const streamsOf = new Map<number, StreamEnd[]>();
  for (const s of streams) {
    const list = streamsOf.get(s.poolId) ?? [];
    list.push({ bucket: s.bucket, rateX: s.rateX });
    streamsOf.set(s.poolId, list);
  }
  const groupsOf = new Map<number, Map<number, { booked: bigint; capBps: bigint }>>();
  for (const g of groups) {
    const map = groupsOf.get(g.poolId) ?? new Map();
    map.set(g.groupId, { booked: g.booked, capBps: g.capBps });
    groupsOf.set(g.poolId, map);
  }
  const releasesOf = new Map<string, ReleaseAt[]>();
  for (const r of releases) {
    const key = `${r.poolId}:${r.marketId}`;
    const list = releasesOf.get(key) ?? [];
    list.push({ bucket: r.bucket, amount: r.amount });
    releasesOf.set(key, list);
  }
  const marketMap = new Map(markets.map((m) => [m.id, m]));
  return {
    headBlock: head?.headBlock ?? 0n,
    headTime: head?.headTime ?? 0n,
    protocolFeeBps: BigInt(head?.protocolFeeBps ?? 0),
    markets: marketMap,
    triggers: triggerState,
    pools: new Map(
      pools.map((p) => [
        p.id,
        {
          row: p,
          snapshot: {
            poolId: p.id,
            balance: p.balance,
            curatorFees: p.curatorFees,
            protocolFees: p.protocolFees,
            claimHold: p.claimHold,
            totalBooked: p.totalBooked,
            leverageBps: p.leverageBps,
            curatorFeeBps: p.curatorFeeBps,
            streamEnds: streamsOf.get(p.id) ?? [],
            groups: groupsOf.get(p.id) ?? new Map(),
          },
        },
      ]),
    ),
    poolMarkets: pms
      .filter((pm) => pm.configured)
      .map((pm) => {
        const m = marketMap.get(pm.marketId);
        const trig = m?.trigger.toLowerCase() ?? "";
        const releasable = !m || /^0x0+$/.test(trig) || (triggerState.get(trig) ?? 0) === 0;
        return {
          row: pm,
          snapshot: {
            weightBps: pm.weightBps,
            listed: pm.listed,
            followOracle: pm.followOracle,
            curve: {
              baseRateBps: pm.baseRateBps,
              slope1Bps: pm.slope1Bps,
              slope2Bps: pm.slope2Bps,
              kinkBps: pm.kinkBps,
            },
            releaseDelayDays: pm.releaseDelayDays,
            groups: m?.groups ?? 0n,
            lastBucket: pm.lastBucket,
            closed: pm.closed,
            releases: releasesOf.get(`${pm.poolId}:${pm.marketId}`) ?? [],
            releasable,
          },
        };
      }),
  };
}

/** TVL (sum of pool capital) and TVC (cover in force) at `time`. */
/** A market's cover in force and capacity over all the pools that back it. */
export function marketTotals(
  state: IndexedState,
  marketId: bigint,
  time: bigint,
): { tvc: bigint; capacity: bigint } {
  let tvc = 0n;
  let capacity = 0n;
  for (const pm of state.poolMarkets) {
    if (pm.row.marketId !== marketId) continue;
    tvc += coverInForceAt(pm.snapshot, time);
    const p = state.pools.get(pm.row.poolId);
    if (p) capacity += capacityAt(p.snapshot, pm.snapshot, time);
  }
  return { tvc, capacity };
}

export function totals(state: IndexedState, time: bigint): { tvl: bigint; tvc: bigint } {
  let tvl = 0n;
  for (const p of state.pools.values()) tvl += capitalAt(p.snapshot, time);
  let tvc = 0n;
  for (const pm of state.poolMarkets) tvc += coverInForceAt(pm.snapshot, time);
  return { tvl, tvc };
}
