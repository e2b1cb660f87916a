import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DAY, WAD } from "./constants.ts";
import { fillCheapest } from "./quote.ts";
import {
  bookedOf,
  capitalAt,
  coverInForceAt,
  exposureAt,
  type PoolMarketSnapshot,
  type PoolSnapshot,
  poolMarketStateAt,
  quoteSnapshot,
  unearnedXAt,
} from "./snapshot.ts";

/** PremiumStreamLib as written: add (after accrue) and accrued, walking end days. */
function streamModel() {
  let rateX = 0n;
  let unearnedX = 0n;
  let last = 0n;
  let maxEnd = 0n;
  const ending = new Map<bigint, bigint>();
  const accrued = (now: bigint) => {
    let r = rateX;
    let t = last;
    let earned = 0n;
    const upTo = now / DAY < maxEnd ? now / DAY : maxEnd;
    for (let b = t / DAY + 1n; b <= upTo; b++) {
      earned += r * (b * DAY - t);
      t = b * DAY;
      r -= ending.get(b) ?? 0n;
    }
    earned += r * (now - t);
    return { rateX: r, unearnedX: unearnedX - earned };
  };
  return {
    add(amount: bigint, endBucket: bigint, now: bigint) {
      ({ rateX, unearnedX } = accrued(now));
      last = now;
      const duration = endBucket * DAY - now;
      const r = (amount * WAD) / duration;
      unearnedX += r * duration;
      rateX += r;
      ending.set(endBucket, (ending.get(endBucket) ?? 0n) + r);
      if (endBucket > maxEnd) maxEnd = endBucket;
      return { bucket: endBucket, rateX: r };
    },
    unearnedAt: (now: bigint) => accrued(now).unearnedX,
  };
}

const T0 = 20_000n * DAY + 3_333n;

describe("snapshot", () => {
  it("test_unearnedXAt_equalsTheStreamsAccrual", () => {
    const model = streamModel();
    const ends = [
      model.add(1_234_567n, 20_031n, T0),
      model.add(99_999n, 20_010n, T0 + 5_000n),
      model.add(7n, 20_031n, T0 + 86_000n),
    ];
    const merged = new Map<bigint, bigint>();
    for (const e of ends) merged.set(e.bucket, (merged.get(e.bucket) ?? 0n) + e.rateX);
    const list = [...merged].map(([bucket, rateX]) => ({ bucket, rateX }));
    for (const dt of [86_000n, 100_000n, 9n * DAY, 10n * DAY + 1n, 30n * DAY, 40n * DAY]) {
      assert.equal(unearnedXAt(list, T0 + dt), model.unearnedAt(T0 + dt), `at +${dt}`);
    }
  });

  const pool: PoolSnapshot = {
    poolId: 3,
    balance: 1_000_000n,
    curatorFees: 1_000n,
    protocolFees: 500n,
    claimHold: 10_000n,
    totalBooked: 300_000n,
    leverageBps: 30_000n,
    curatorFeeBps: 1_000n,
    streamEnds: [{ bucket: 20_010n, rateX: WAD / 10n }],
    groups: new Map([[0, { booked: 300_000n, capBps: 8_000n }]]),
  };
  const pm: PoolMarketSnapshot = {
    weightBps: 5_000n,
    listed: true,
    followOracle: false,
    curve: { baseRateBps: 200n, slope1Bps: 300n, slope2Bps: 3_000n, kinkBps: 8_000n },
    releaseDelayDays: 7n,
    groups: 1n,
    lastBucket: 20_000n,
    closed: false,
    releases: [
      { bucket: 20_000n, amount: 50_000n },
      { bucket: 20_005n, amount: 100_000n },
      { bucket: 20_020n, amount: 200_000n },
    ],
    releasable: true,
  };

  it("test_capitalAt_roundsUnearnedUp", () => {
    const t = 20_009n * DAY + 1n;
    const unearned = (WAD / 10n) * (DAY - 1n);
    assert.equal(capitalAt(pool, t), 1_000_000n - (unearned + WAD - 1n) / WAD - 1_500n);
    assert.equal(capitalAt(pool, 20_010n * DAY), 1_000_000n - 1_500n);
  });

  it("test_exposureAt_releasesDueDaysUnlessTheTriggerIsNotActive", () => {
    assert.equal(bookedOf(pm), 300_000n);
    assert.equal(exposureAt(pm, 20_004n * DAY), 300_000n);
    assert.equal(exposureAt(pm, 20_005n * DAY), 200_000n);
    assert.equal(exposureAt({ ...pm, releasable: false }, 20_030n * DAY), 300_000n);
    assert.equal(exposureAt({ ...pm, closed: true }, 20_001n * DAY), 0n);
    // Cover in force: released days are end day + the release delay.
    assert.equal(coverInForceAt(pm, 20_004n * DAY), 200_000n);
    assert.equal(coverInForceAt(pm, 20_013n * DAY), 0n);
  });

  it("test_quoteSnapshot_equalsFillCheapestOverTheStates", () => {
    const other = { ...pool, poolId: 4, balance: 2_000_000n, streamEnds: [] };
    const backers = [
      { pool, market: pm },
      { pool: other, market: { ...pm, curve: { ...pm.curve, baseRateBps: 150n } } },
    ];
    const time = 20_003n * DAY;
    const q = quoteSnapshot({
      backers,
      oracleBaseRateBps: 100n,
      protocolFeeBps: 500n,
      amount: 400_000n,
      period: 30n * DAY,
      time,
      commissionBps: 100n,
    });
    const fill = fillCheapest(
      backers.map((b) => poolMarketStateAt(b.pool, b.market, time)),
      400_000n,
      { period: 30n * DAY, oracleBaseRateBps: 100n, protocolFeeBps: 500n },
    );
    assert.deepEqual(
      q.pools,
      fill.slices.map((x) => x.poolId),
    );
    assert.equal(q.premium, fill.premium);
    assert.equal(q.commission, fill.premium / 100n);
    assert.equal(q.filled, fill.filled);
  });
});
