// End-to-end tests of the indexer and its API against a real local chain (Hardhat's EDR node): events to
// tables, live TVC, the quote against PoolLens, bad requests, OpenAPI, kill -9 and restart, PostgreSQL, and a
// chain restarted from scratch.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { coverManagerAbi, marketsAbi, mockTriggerAbi, poolAbi, poolLensAbi } from "@backstop/abi";
import { devPrivateKey, KEEPER_INDEX } from "@backstop/devnet";
import { startKeeper } from "@backstop/keeper";
import { payoutOf, quote as sdkQuote, settle } from "@backstop/sdk";
import type { Address } from "viem";
import { type Indexer, startIndexer } from "./start.ts";
import {
  type Actors,
  buy,
  DAY,
  deployScenario,
  freePort,
  type Node,
  requestRedeem,
  type Scenario,
  startNode,
  startPostgres,
  travel,
  usdc,
} from "./testing.ts";

type Json = Record<string, unknown> & { blockNumber?: number };
const debug = process.env.DEBUG_INDEXER ? (l: string) => console.error(l) : undefined;

async function get(indexer: Indexer, route: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${indexer.url}${route}`);
  return { status: res.status, body: (await res.json()) as Json };
}

/** Waits until the API has indexed the chain's latest block. */
async function synced(indexer: Indexer, s: Actors, timeoutMs = 60_000): Promise<number> {
  const target = Number(await s.publicClient.getBlockNumber());
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await get(indexer, "/v1/stats").catch(() => undefined);
    if (r?.status === 200 && (r.body.blockNumber ?? 0) >= target) return target;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the indexer did not reach block ${target}`);
}

/** Everything the chain says the API should say, read at `blockNumber`. */
async function chainView(s: Scenario, blockNumber: bigint) {
  const at = { blockNumber } as const;
  const read = s.publicClient.readContract;
  const pools = await Promise.all(
    s.pools.map(async (p) => ({
      id: p.id,
      capital: await read({ address: p.address, abi: poolAbi, functionName: "capital", ...at }),
      totalExposure: await read({ address: p.address, abi: poolAbi, functionName: "totalExposure", ...at }),
      totalSupply: await read({ address: p.address, abi: poolAbi, functionName: "totalSupply", ...at }),
    })),
  );
  const markets = await Promise.all(
    Object.values(s.markets).map(async (id) => ({
      id,
      tvc: await read({
        address: s.deployment.markets,
        abi: marketsAbi,
        functionName: "tvc",
        args: [id],
        ...at,
      }),
      exposures: await Promise.all(
        s.pools.map(async (p) => ({
          poolId: p.id,
          exposure: await read({
            address: p.address,
            abi: poolAbi,
            functionName: "exposure",
            args: [id],
            ...at,
          }),
        })),
      ),
    })),
  );
  const totalTvc = await read({
    address: s.deployment.markets,
    abi: marketsAbi,
    functionName: "totalTvc",
    ...at,
  });
  const policies = await read({
    address: s.deployment.coverManager,
    abi: coverManagerAbi,
    functionName: "totalSupply",
    ...at,
  }).catch(() => undefined);
  return { pools, markets, totalTvc, policies };
}

async function assertMatchesChain(indexer: Indexer, s: Scenario) {
  const block = await synced(indexer, s);
  const chain = await chainView(s, BigInt(block));
  const pools = (await get(indexer, "/v1/pools")).body.pools as Record<string, string | number>[];
  for (const p of chain.pools) {
    const api = pools.find((x) => x.id === p.id);
    assert.ok(api, `pool ${p.id} indexed`);
    assert.equal(api.capital, String(p.capital), `pool ${p.id} capital`);
    assert.equal(api.totalExposure, String(p.totalExposure), `pool ${p.id} total exposure`);
    assert.equal(api.totalSupply, String(p.totalSupply), `pool ${p.id} supply`);
  }
  for (const m of chain.markets) {
    const { body } = await get(indexer, `/v1/markets/${m.id}`);
    const market = body.market as { tvc: string; backers: { poolId: number; exposure: string }[] };
    assert.equal(market.tvc, String(m.tvc), `market ${m.id} tvc`);
    for (const e of m.exposures) {
      const b = market.backers.find((x) => x.poolId === e.poolId);
      assert.equal(b?.exposure ?? "0", String(e.exposure), `market ${m.id} pool ${e.poolId} exposure`);
    }
  }
  const stats = (await get(indexer, "/v1/stats")).body;
  assert.equal(stats.tvc, String(chain.totalTvc), "total TVC");
  assert.equal(stats.tvl, String(chain.pools.reduce((a, p) => a + p.capital, 0n)), "TVL");
  return { block, chain };
}

describe("indexer", { timeout: 300_000 }, () => {
  let node: Node;
  let s: Scenario;
  let indexer: Indexer;
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), "backstop-indexer-"));
    dirs.push(d);
    return d;
  };

  /** An indexer killed with SIGKILL mid-backfill and restarted on the same database (started in before()). */
  let restarted: Promise<{ indexer: Indexer; killedAfterRanges: number; recovered: boolean }>;
  /** An indexer on a private PostgreSQL, or undefined without initdb (started in before()). */
  let onPostgres: Promise<{ indexer: Indexer; stop(): Promise<void> } | undefined>;

  before(async () => {
    node = await startNode();
    s = await deployScenario(node.rpcUrl, 4);
    const [, , , , b1, b2] = s.wallets as Actors["gov"][];
    await buy(s, b1 as Actors["gov"], s.markets.parametric, usdc(40_000), 30n);
    await buy(s, b2 as Actors["gov"], s.markets.assessed, usdc(25_000), 90n);
    await buy(s, b1 as Actors["gov"], s.markets.second, usdc(15_000), 10n);
    // More history, so that a backfill takes several committed ranges.
    for (let i = 0; i < 10; i++) {
      await buy(s, s.wallets[4 + (i % 2)] as Actors["gov"], s.markets.parametric, usdc(500 + i), 14n);
    }
    // Three indexers start together (their start-ups overlap): the main one (PGlite), one that is killed with
    // SIGKILL right after its first committed range and restarted, and one on PostgreSQL.
    restarted = (async () => {
      const lines: string[] = [];
      let committed: () => void = () => {};
      const firstRange = new Promise<void>((r) => {
        committed = r;
      });
      const opts = {
        rpcUrl: node.rpcUrl,
        deployment: s.deployment,
        port: await freePort(),
        dbDir: tmp(),
        onLog: (l: string) => {
          debug?.(l);
          lines.push(l);
          if (l.includes('"Indexed block range"') || l.includes('"Indexed block"')) committed();
        },
      };
      const first = await startIndexer(opts);
      await Promise.race([firstRange, new Promise((r) => setTimeout(r, 90_000))]);
      process.kill(-first.pid, "SIGKILL");
      const killedAfterRanges = lines.filter((l) => l.includes('"Indexed block')).length;
      await first.stop();
      const indexer = await startIndexer(opts);
      return { indexer, killedAfterRanges, recovered: lines.some((l) => l.includes("crash recovery")) };
    })();
    restarted.catch(() => {});
    onPostgres = (async () => {
      const pg = await startPostgres();
      if (!pg) return undefined;
      const indexer = await startIndexer({
        rpcUrl: node.rpcUrl,
        deployment: s.deployment,
        port: await freePort(),
        databaseUrl: pg.url,
        onLog: debug,
      }).catch(async (err) => {
        await pg.stop();
        throw err;
      });
      return {
        indexer,
        stop: async () => {
          await indexer.stop();
          await pg.stop();
        },
      };
    })();
    onPostgres.catch(() => {});
    indexer = await startIndexer({
      rpcUrl: node.rpcUrl,
      deployment: s.deployment,
      port: await freePort(),
      dbDir: tmp(),
      onLog: debug,
    });
    await indexer.ready();
  });

  after(async () => {
    await (await restarted?.catch(() => undefined))?.indexer.stop();
    await (await onPostgres?.catch(() => undefined))?.stop();
    await indexer?.stop();
    await node?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("test_indexer_tablesMatchChain", async () => {
    const lp = s.wallets[1] as Actors["gov"];
    const pool = s.pools[0] as { address: Address; id: number };
    const shares = await s.publicClient.readContract({
      address: pool.address,
      abi: poolAbi,
      functionName: "balanceOf",
      args: [lp.account.address],
    });
    await requestRedeem(lp, { pool: pool.address, shares: shares / 4n });
    const { chain } = await assertMatchesChain(indexer, s);
    const { body } = await get(indexer, `/v1/positions/${lp.account.address}`);
    const pos = (
      body.positions as { poolId: number; shares: string; request: { shares: string } | null }[]
    ).find((p) => p.poolId === pool.id);
    assert.equal(pos?.shares, String(shares - shares / 4n));
    assert.equal(pos?.request?.shares, String(shares / 4n));
    const policies = (await get(indexer, "/v1/policies")).body.policies as {
      amount: string;
      slices: { amount: string }[];
    }[];
    assert.equal(policies.length, 13);
    if (chain.policies !== undefined) assert.equal(BigInt(policies.length), chain.policies);
    for (const p of policies) {
      assert.equal(
        p.slices.reduce((a, x) => a + BigInt(x.amount), 0n),
        BigInt(p.amount),
        "slices sum to the policy",
      );
    }
    const owner = (s.wallets[5] as Actors["gov"]).account.address;
    const mine = (await get(indexer, `/v1/policies?owner=${owner}`)).body.policies as unknown[];
    assert.equal(mine.length, 6);
  });

  it("test_stats_tvcRisesWithinSecondsOfPurchase", async () => {
    await synced(indexer, s);
    const before = BigInt((await get(indexer, "/v1/stats")).body.tvc as string);
    await buy(s, s.wallets[4] as Actors["gov"], s.markets.parametric, usdc(5_000), 20n);
    const t0 = Date.now(); // from the purchase's receipt
    let tvc = before;
    while (Date.now() - t0 < 5_000 && tvc === before) {
      tvc = BigInt((await get(indexer, "/v1/stats")).body.tvc as string);
      if (tvc === before) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(tvc, before + usdc(5_000), `TVC rose ${Date.now() - t0} ms after the purchase`);
  });

  it("test_marketHistory_liveAndHourlyPointsAgreeWithTheMarket", async () => {
    // The first block of a new hour records it: the market as it stood then, before this hour's purchase.
    const id = s.markets.parametric;
    await travel(s, 2n * 3_600n);
    await synced(indexer, s);
    const atHourStart = (await get(indexer, `/v1/markets/${id}`)).body as { market: { tvc: string } };
    await buy(s, s.wallets[4] as Actors["gov"], id, usdc(1_000), 20n);
    await travel(s, 2n * 3_600n);
    await synced(indexer, s);
    const history = (await get(indexer, `/v1/markets/${id}/history?hours=48`)).body as {
      blockNumber: number;
      history: { hour: number; tvc: string; capacity: string }[];
    };
    const market = (await get(indexer, `/v1/markets/${id}`)).body as {
      blockNumber: number;
      market: { tvc: string; capacity: string };
    };
    assert.equal(history.blockNumber, market.blockNumber, "both read at one indexed head");
    const live = history.history.at(-1);
    assert.equal(live?.tvc, market.market.tvc);
    assert.equal(live?.capacity, market.market.capacity);
    assert.equal(
      history.history.at(-2)?.tvc,
      atHourStart.market.tvc,
      "the recorded hour before the purchase",
    );
    assert.equal(BigInt(live?.tvc ?? 0), BigInt(atHourStart.market.tvc) + usdc(1_000));
    const hours = history.history.map((p) => p.hour);
    assert.deepEqual(
      hours,
      [...hours].sort((a, b) => a - b),
      "oldest first",
    );
    assert.equal((await get(indexer, "/v1/markets/999/history")).status, 404);
    assert.equal((await get(indexer, `/v1/markets/${id}/history?hours=-1`)).status, 400);
  });

  it("test_quote_equalsPoolLensAcrossMarketsAndAmounts", async () => {
    const check = async () => {
      const block = await synced(indexer, s);
      let compared = 0;
      for (const market of Object.values(s.markets)) {
        for (const amount of [usdc(1_000), usdc(20_000), usdc(75_000), usdc(400_000)]) {
          for (const days of [7n, 90n, 365n]) {
            const { status, body } = await get(
              indexer,
              `/v1/quote?market=${market}&amount=${amount}&period=${days * DAY}`,
            );
            assert.equal(status, 200, JSON.stringify(body));
            assert.equal(body.blockNumber, block);
            const pools = body.pools as number[];
            if (pools.length === 0) {
              assert.equal(body.filled, "0");
              continue;
            }
            const lens = await s.publicClient.readContract({
              address: s.deployment.poolLens,
              abi: poolLensAbi,
              functionName: "quote",
              args: [market, amount, days * DAY, pools],
              blockNumber: BigInt(block),
            });
            const label = `market ${market} amount ${amount} ${days}d over ${pools}`;
            assert.equal(body.filled, String(lens.filled), `filled: ${label}`);
            assert.equal(body.premium, String(lens.premium), `premium: ${label}`);
            assert.equal(body.annualRateBps, Number(lens.annualRateBps), `rate: ${label}`);
            const sdk = await sdkQuote(s.publicClient, {
              markets: s.deployment.markets,
              poolLens: s.deployment.poolLens,
              marketId: market,
              amount,
              period: days * DAY,
              onchain: false,
            });
            assert.deepEqual(sdk.pools, pools, `order: ${label}`);
            compared++;
          }
        }
      }
      return compared;
    };
    assert.ok((await check()) >= 20);
    // Forty days later: streams ended, cover released (by purchases, redemption and other markets' sales).
    await travel(s, 40n * DAY);
    await buy(s, s.wallets[5] as Actors["gov"], s.markets.assessed, usdc(30_000), 60n);
    await buy(s, s.wallets[4] as Actors["gov"], s.markets.parametric, usdc(60_000), 120n);
    await assertMatchesChain(indexer, s);
    assert.ok((await check()) >= 20);
  });

  it("test_api_badRequestsAre400WithFieldAndReason", async () => {
    const cases: [string, string][] = [
      ["/v1/quote?market=abc&amount=1&period=604800", "market"],
      ["/v1/quote?market=1&amount=-5&period=604800", "amount"],
      ["/v1/quote?market=1&amount=1.5&period=604800", "amount"],
      ["/v1/quote?market=1&amount=0&period=604800", "amount"],
      ["/v1/quote?market=1&amount=1000", "period"],
      ["/v1/quote?market=1&amount=1000&period=60", "period"],
      ["/v1/policies?owner=0x123", "owner"],
      ["/v1/policies?limit=0", "limit"],
      ["/v1/positions/not-an-address", "address"],
      ["/v1/pools/0xzz", "address"],
      ["/v1/markets/x1", "id"],
      ["/v1/stats?hours=-1", "hours"],
    ];
    for (const [route, field] of cases) {
      const { status, body } = await get(indexer, route);
      assert.equal(status, 400, `${route}: ${JSON.stringify(body)}`);
      const issues = body.issues as { field: string; reason: string }[];
      assert.ok(
        issues.some((i) => i.field === field && i.reason.length > 0),
        `${route} names ${field}: ${JSON.stringify(body)}`,
      );
    }
    assert.equal((await get(indexer, "/v1/markets/999")).status, 404);
    assert.equal((await get(indexer, "/v1/quote?market=999&amount=1&period=604800")).status, 404);
  });

  it("test_openapi_isValidOpenApi3", async () => {
    const { status, body } = await get(indexer, "/openapi.json");
    assert.equal(status, 200);
    assert.match(String(body.openapi), /^3\.0\.\d$/);
    const paths = body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    for (const p of [
      "/v1/stats",
      "/v1/markets",
      "/v1/markets/{id}",
      "/v1/pools",
      "/v1/pools/{address}",
      "/v1/policies",
      "/v1/claims",
      "/v1/incidents",
      "/v1/positions/{address}",
      "/v1/quote",
    ]) {
      assert.ok(paths[p]?.get?.responses["200"], `${p} documented`);
    }
    // Every $ref resolves.
    const text = JSON.stringify(body);
    for (const [, ref] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      assert.ok(
        (body.components as { schemas: Record<string, unknown> }).schemas[ref as string],
        `${ref} defined`,
      );
    }
    assert.equal((await fetch(`${indexer.url}/ready`)).status, 200);
  });

  it("test_indexer_survivesKill9AndRestart", async () => {
    const { indexer: second, killedAfterRanges, recovered } = await restarted;
    assert.ok(killedAfterRanges >= 1, "killed after a committed range");
    assert.ok(recovered, "the restart resumed from the last checkpoint (Ponder crash recovery)");
    await second.ready();
    await assertMatchesChain(second, s);
    await synced(indexer, s);
    for (const route of ["/v1/policies?limit=1000", "/v1/pools", "/v1/markets", "/v1/stats"]) {
      assert.deepEqual(
        (await get(second, route)).body,
        (await get(indexer, route)).body,
        `${route} after a kill -9 and restart equals an uninterrupted indexer's`,
      );
    }
  });

  it("test_indexer_postgres", async (t) => {
    const pg = await onPostgres;
    if (!pg) {
      t.skip(
        "initdb not found (or running as root without a postgres user): PostgreSQL 15 binaries are needed for this test (apt-get install postgresql)",
      );
      return;
    }
    await pg.indexer.ready();
    await assertMatchesChain(pg.indexer, s);
    await synced(indexer, s);
    for (const route of [
      "/v1/pools",
      "/v1/markets",
      "/v1/policies",
      "/v1/stats",
      "/v1/quote?market=1&amount=5000000000&period=2592000",
    ]) {
      assert.deepEqual((await get(pg.indexer, route)).body, (await get(indexer, route)).body, route);
    }
  });

  it("test_indexer_triggerAndSettlementIndexed", async () => {
    const gov = s.gov;
    const now = (await s.publicClient.getBlock()).timestamp;
    await s.write(gov, {
      address: s.triggers.second,
      abi: mockTriggerAbi,
      functionName: "fire",
      args: [now - 3_600n, 10n ** 18n],
      account: gov.account,
      chain: s.chain,
    });
    await settle(gov, { settlement: s.deployment.settlement, marketId: s.markets.second });
    await assertMatchesChain(indexer, s);
    const incidents = (await get(indexer, "/v1/incidents")).body.incidents as {
      marketId: number;
      reserves: unknown[];
    }[];
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]?.marketId, Number(s.markets.second));
    const m = (await get(indexer, `/v1/markets/${s.markets.second}`)).body.market as { triggerState: number };
    assert.equal(m.triggerState, 2);
  });

  it("test_keeper_readsPendingWorkFromTheIndexer", async () => {
    // The keeper given the API lists the settled market's unpaid policies (and the open claims) from it, pays
    // every payable one, and leaves none unpaid.
    const entries: { event?: string; source?: string; marketId?: bigint; reason?: string }[] = [];
    const keeper = await startKeeper({
      rpcUrl: node.rpcUrl,
      privateKey: devPrivateKey(KEEPER_INDEX),
      deployment: s.deployment,
      stateFile: path.join(mkdtempSync(path.join(tmpdir(), "backstop-keeper-")), "state.json"),
      pollIntervalMs: 200,
      apiUrl: indexer.url,
      logger: (entry) => entries.push(entry as (typeof entries)[number]),
    });
    try {
      const deadline = Date.now() + 60_000;
      const seen = () =>
        entries.find(
          (e) => e.event === "pay.candidates" && e.source === "indexer" && e.marketId === s.markets.second,
        );
      while (!seen() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.ok(
        seen(),
        `the keeper never read the market's policies from the indexer: ${JSON.stringify(entries.filter((e) => e.event !== "tick").slice(0, 8), (_, v) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
    } finally {
      await keeper.stop();
    }
    const next = await s.publicClient.readContract({
      address: s.deployment.coverManager,
      abi: coverManagerAbi,
      functionName: "nextPolicyId",
    });
    for (let id = 1n; id < next; id++) {
      const owed = await payoutOf(s.publicClient, { settlement: s.deployment.settlement, policyId: id });
      assert.equal(owed, 0n, `policy ${id} is still owed ${owed}`);
    }
  });
});
