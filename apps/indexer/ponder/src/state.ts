// Pool state kept as the contracts store it: the premium stream (PremiumStreamLib), exposure ledgers
// (ExposureLib) with the releases the contracts apply, and the asset balance from the pool's own flows.
// Every function mirrors a named Solidity function so the API can evaluate the views at any later time.

import type { Context } from "ponder:registry";
import { market, pool, poolGroup, poolMarket, releaseBucket, streamBucket, trigger } from "ponder:schema";
import { DAY, groupIds, min, releaseDelayDays, WAD } from "@backstop/core";
import { eq } from "ponder";

type Db = Context["db"];
export type PoolRow = typeof pool.$inferSelect;
export type PoolMarketRow = typeof poolMarket.$inferSelect;

const at = (time: bigint) => time / DAY;
const sat = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

export async function getPool(db: Db, poolId: number): Promise<PoolRow> {
  const p = await db.find(pool, { id: poolId });
  if (!p) throw new RangeError(`unknown pool ${poolId}`);
  return p;
}

/** `PremiumStreamLib.accrue`: the stream's rate and unearned premium at `time`, written back. */
export async function accrue(db: Db, p: PoolRow, time: bigint): Promise<PoolRow> {
  if (p.streamLastAccrual >= time) return p;
  let rateX = p.streamRateX;
  let t = p.streamLastAccrual;
  let earnedX = 0n;
  const last = min(at(time), p.streamMaxEndBucket);
  for (let b = at(t) + 1n; b <= last; b++) {
    const boundary = b * DAY;
    earnedX += rateX * (boundary - t);
    t = boundary;
    const ending = await db.find(streamBucket, { poolId: p.id, bucket: b });
    if (ending) rateX -= ending.rateX;
  }
  earnedX += rateX * (time - t);
  return db.update(pool, { id: p.id }).set({
    streamRateX: rateX,
    streamLastAccrual: time,
    streamUnearnedX: p.streamUnearnedX - earnedX,
  });
}

/** `Pool._capitalGiven(unearnedX)` on an accrued pool. */
export function capitalOf(p: PoolRow): bigint {
  return sat(p.balance, (p.streamUnearnedX + WAD - 1n) / WAD + p.curatorFees + p.protocolFees);
}

/** `PremiumStreamLib.add`: streams `amount` from `time` to the start of `endBucket` (accrue first). */
export async function addStream(db: Db, p: PoolRow, amount: bigint, endBucket: bigint, time: bigint) {
  const duration = endBucket * DAY - time;
  const rateX = (amount * WAD) / duration;
  await db
    .insert(streamBucket)
    .values({ poolId: p.id, bucket: endBucket, rateX })
    .onConflictDoUpdate((row) => ({ rateX: row.rateX + rateX }));
  return db.update(pool, { id: p.id }).set({
    streamUnearnedX: p.streamUnearnedX + rateX * duration,
    streamRateX: p.streamRateX + rateX,
    streamMaxEndBucket: endBucket > p.streamMaxEndBucket ? endBucket : p.streamMaxEndBucket,
  });
}

async function addToGroups(db: Db, poolId: number, groups: bigint, amount: bigint) {
  for (const groupId of groupIds(groups)) {
    await db
      .insert(poolGroup)
      .values({ poolId, groupId, booked: amount })
      .onConflictDoUpdate((row) => ({ booked: row.booked + amount }));
  }
}

/** `Pool._release` over `ExposureLib.release`: releases cover due up to day `upTo`. */
export async function release(db: Db, poolId: number, marketId: bigint, upTo: bigint): Promise<bigint> {
  const pm = await db.find(poolMarket, { poolId, marketId });
  if (!pm || pm.lastBucket >= upTo || pm.closed) return 0n;
  let released = 0n;
  const last = min(upTo, pm.maxReleaseBucket);
  for (let b = pm.lastBucket + 1n; b <= last; b++) {
    const r = await db.find(releaseBucket, { poolId, marketId, bucket: b });
    if (r) released += r.amount;
  }
  await db.update(poolMarket, { poolId, marketId }).set({ lastBucket: upTo, booked: pm.booked - released });
  if (released !== 0n) {
    const m = await db.find(market, { id: marketId });
    await addToGroups(db, poolId, m?.groups ?? 0n, -released);
    await db.update(pool, { id: poolId }).set((row) => ({ totalBooked: row.totalBooked - released }));
  }
  return released;
}

/** `Pool._releasable`: assessed, or the trigger reads ACTIVE. */
export async function releasable(db: Db, marketId: bigint): Promise<boolean> {
  const m = await db.find(market, { id: marketId });
  if (!m || /^0x0+$/.test(m.trigger)) return true;
  const t = await db.find(trigger, { address: m.trigger.toLowerCase() as `0x${string}` });
  return (t?.state ?? 0) === 0;
}

/** Markets a pool has configured (its `_backedMarkets`), in configuration order. */
export async function backedMarkets(db: Db, poolId: number): Promise<PoolMarketRow[]> {
  const rows = await db.sql.select().from(poolMarket).where(eq(poolMarket.poolId, poolId));
  return rows.filter((r) => r.configured);
}

/** `Pool._releaseOthers`: releases every other backed market's expired cover whose trigger allows it. */
export async function releaseOthers(db: Db, poolId: number, marketId: bigint, today: bigint) {
  for (const pm of await backedMarkets(db, poolId)) {
    if (pm.marketId === marketId || pm.lastBucket >= today || pm.closed) continue;
    if (await releasable(db, pm.marketId)) await release(db, poolId, pm.marketId, today);
  }
}

/** `Pool._freeCapacity` with `Pool._fillable`'s capital, on an accrued pool. */
export async function freeCapacity(db: Db, poolId: number, marketId: bigint): Promise<bigint> {
  const p = await getPool(db, poolId);
  const pm = await db.find(poolMarket, { poolId, marketId });
  const m = await db.find(market, { id: marketId });
  if (!pm || !m) return 0n;
  const cap = sat(capitalOf(p), p.claimHold);
  let free = sat((cap * pm.weightBps) / 10_000n, pm.booked);
  free = min(free, sat((cap * p.leverageBps) / 10_000n, p.totalBooked));
  for (const groupId of groupIds(m.groups)) {
    const g = await db.find(poolGroup, { poolId, groupId });
    free = min(free, sat((cap * (g?.capBps ?? 0n)) / 10_000n, g?.booked ?? 0n));
  }
  return free;
}

/**
 * The releases `Pool.underwrite` applies before it fills: this market's cover due today and, when the pool
 * cannot fill `maxAmount` at first, every other market's (`Pool._fillable`). Returns false when the pool
 * returns early (not backing the market).
 */
export async function underwriteReleases(
  db: Db,
  poolId: number,
  marketId: bigint,
  maxAmount: bigint,
  time: bigint,
): Promise<boolean> {
  const pm = await db.find(poolMarket, { poolId, marketId });
  if (!pm || pm.weightBps === 0n || !pm.listed || pm.closed) return false;
  await accrue(db, await getPool(db, poolId), time);
  const today = at(time);
  await release(db, poolId, marketId, today);
  const free = await freeCapacity(db, poolId, marketId);
  if (min(maxAmount, free) < maxAmount) await releaseOthers(db, poolId, marketId, today);
  return true;
}

/** `ExposureLib.book` and the group and total books of `Pool._book`. */
export async function book(
  db: Db,
  poolId: number,
  marketId: bigint,
  amount: bigint,
  premium: bigint,
  releaseAt: bigint,
) {
  const m = await db.find(market, { id: marketId });
  await db
    .insert(releaseBucket)
    .values({ poolId, marketId, bucket: releaseAt, amount })
    .onConflictDoUpdate((row) => ({ amount: row.amount + amount }));
  await db.update(poolMarket, { poolId, marketId }).set((row) => ({
    booked: row.booked + amount,
    maxReleaseBucket: releaseAt > row.maxReleaseBucket ? releaseAt : row.maxReleaseBucket,
    coverWritten: row.coverWritten + amount,
    premium: row.premium + premium,
  }));
  await addToGroups(db, poolId, m?.groups ?? 0n, amount);
  await db.update(pool, { id: poolId }).set((row) => ({ totalBooked: row.totalBooked + amount }));
}

/** `Pool.settle`'s ledger part: release what ended before the incident, then close the market. */
export async function settleLedger(
  db: Db,
  poolId: number,
  marketId: bigint,
  incidentTime: bigint,
  time: bigint,
) {
  const pm = await db.find(poolMarket, { poolId, marketId });
  if (!pm) return;
  const firstLiveDay = (incidentTime + DAY - 1n) / DAY + pm.releaseDelayDays;
  await release(db, poolId, marketId, min(at(time), firstLiveDay - 1n));
  const after = await db.find(poolMarket, { poolId, marketId });
  const booked = after?.booked ?? 0n;
  const m = await db.find(market, { id: marketId });
  await db.update(poolMarket, { poolId, marketId }).set({ closed: true, booked: 0n });
  await addToGroups(db, poolId, m?.groups ?? 0n, -booked);
  await db.update(pool, { id: poolId }).set((row) => ({ totalBooked: row.totalBooked - booked }));
}

/** The release delay a pool fixes when it first configures a market (`Pool.setMarketConfig`). */
export function delayDaysOf(m: { claimMode: number; claimWindow: bigint }): bigint {
  return releaseDelayDays(m.claimMode === 0 ? "PARAMETRIC" : "ASSESSED", m.claimWindow);
}
