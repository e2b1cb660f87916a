// The hourly TVL / TVC / utilisation history (overall and per market), refreshed at the first block of each
// hour and after events.
import type { Context } from "ponder:registry";
import { history, marketHistory, protocol } from "ponder:schema";
import { loadState, marketTotals, type SelectDb, totals } from "./snapshot.ts";

const WAD = 10n ** 18n;

export async function recordHistory(db: Context["db"], time: bigint) {
  const state = await loadState(db.sql as unknown as SelectDb);
  const { tvl, tvc } = totals(state, time);
  let premiumLp = 0n;
  for (const p of state.pools.values()) premiumLp += p.row.premiumLp;
  const values = {
    timestamp: time,
    tvl,
    tvc,
    utilisationWad: tvl === 0n ? 0n : (tvc * WAD) / tvl,
    premiumLp,
  };
  await db
    .insert(history)
    .values({ hour: time / 3600n, ...values })
    .onConflictDoUpdate(() => values);
  for (const marketId of state.markets.keys()) {
    const values = { timestamp: time, ...marketTotals(state, marketId, time) };
    await db
      .insert(marketHistory)
      .values({ marketId, hour: time / 3600n, ...values })
      .onConflictDoUpdate(() => values);
  }
  await db.update(protocol, { id: 1 }).set({ dirty: false, historyTime: time });
}
