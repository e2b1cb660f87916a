import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createWorld, DAY, usd, type World } from "../test/world.ts";
import { configurePool, type PoolChange } from "./configurePool.ts";
import { deposit } from "./deposit.ts";
import { getPendingChanges } from "./getPendingChanges.ts";
import { getPoolConfig } from "./getPoolConfig.ts";

let w: World;

describe("getPendingChanges: queued curator changes, decoded", { timeout: 240_000 }, () => {
  before(async () => {
    w = await createWorld();
    // With shares in the pool, risk-increasing changes wait the timelock.
    await deposit(w.lp, { pool: w.pools[0].address, assets: usd(100_000) });
  });
  after(async () => {
    await w?.chain.close();
  });

  it("test_getPendingChanges_listsQueuedUntilApplied", async () => {
    const pool = w.pools[0].address;
    const before = await getPoolConfig(w.chain.publicClient, { pool, markets: w.d.markets });
    const raise: PoolChange[] = [
      {
        type: "market",
        marketId: w.markets.assessed,
        weightBps: 6_000,
        curve: { baseRateBps: 150, slope1Bps: 300, slope2Bps: 3_000, kinkBps: 8_000 },
        followOracle: false,
      },
      {
        type: "params",
        curatorFeeBps: 1_500,
        leverageBps: before.leverageBps,
        cooldown: before.cooldown,
        gate: before.gate,
      },
    ];
    const queued = await configurePool(w.curator, { pool, changes: raise });
    assert.deepEqual(
      queued.map((r) => r.status),
      ["queued", "queued"],
    );

    const pending = await getPendingChanges(w.chain.publicClient, { pool });
    assert.deepEqual(
      pending.map((p) => p.change),
      raise,
    );
    assert.deepEqual(
      pending.map((p) => p.executableAt),
      queued.map((r) => r.executableAt),
    );
    assert.ok(pending.every((p) => !p.due && !p.expired));

    await w.chain.increaseTime(8n * DAY);
    assert.ok((await getPendingChanges(w.chain.publicClient, { pool })).every((p) => p.due));
    const applied = await configurePool(w.curator, { pool, changes: pending.map((p) => p.change) });
    assert.deepEqual(
      applied.map((r) => r.status),
      ["applied", "applied"],
    );
    assert.deepEqual(await getPendingChanges(w.chain.publicClient, { pool }), []);
    const after = await getPoolConfig(w.chain.publicClient, { pool, markets: w.d.markets });
    assert.equal(after.curatorFeeBps, 1_500);
    assert.equal(after.markets.find((m) => m.marketId === w.markets.assessed)?.weightBps, 6_000);
  });
});
