import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { type Health, type Keeper, type KeeperState, startKeeper } from "@backstop/keeper";
import { getIncident, payoutOf, pokeTrigger, readTrigger, settle } from "@backstop/sdk";
import { type Address, type Hex, toFunctionSelector } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { PEG_WINDOW, pegWorld } from "../lib/pegWorld.ts";
import { RpcBridge } from "../lib/rpcBridge.ts";

// Hardhat's default account #6 (the well-known development mnemonic): the keeper signs with it.
const KEEPER_KEY: Hex = "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e";
const keeperAddress = privateKeyToAccount(KEEPER_KEY).address;
const DEPEG = 95_000_000n;
const SETTLE_SELECTORS = [
  toFunctionSelector("settle(uint256)"),
  toFunctionSelector("settlePools(uint256,uint256)"),
];

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function health(port: number): Promise<{ status: number; body: Health }> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return { status: res.status, body: (await res.json()) as Health };
}

describe("keeper against a local chain served over HTTP", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "keeper-"));
  const stateFile = path.join(dir, "state.json");
  const logs: Record<string, unknown>[] = [];
  const logger = (entry: object) => logs.push(entry as Record<string, unknown>);
  let keeper: Keeper | undefined;
  let bridge: RpcBridge | undefined;
  after(async () => {
    await keeper?.stop();
    await bridge?.close();
  });

  it("settles a sustained de-peg exactly once across restarts, an RPC outage and a chain restart", async () => {
    const world = await pegWorld({ riskOracle: keeperAddress });
    const { chain, d, market, trigger, setPrice } = world;
    assert.equal(
      keeperAddress.toLowerCase(),
      chain.wallets[6]?.account?.address.toLowerCase(),
      "the keeper key is a funded development account",
    );
    bridge = new RpcBridge(chain.provider);
    await bridge.open();
    const start = () =>
      startKeeper({
        rpcUrl: bridge?.url ?? "",
        privateKey: KEEPER_KEY,
        deployment: d,
        stateFile,
        pollIntervalMs: 100,
        maxBackoffMs: 400,
        retry: { retries: 1, baseDelayMs: 20 },
        logger,
      });
    const settleTxs = async (settlement: Address) => {
      const head = await chain.publicClient.getBlockNumber();
      let n = 0;
      for (let b = 0n; b <= head; b++) {
        const block = await chain.publicClient.getBlock({ blockNumber: b, includeTransactions: true });
        for (const tx of block.transactions) {
          // Settles only: the keeper also sends claimMany to the Settlement to pay the holders.
          if (
            tx.to?.toLowerCase() === settlement.toLowerCase() &&
            tx.from.toLowerCase() === keeperAddress.toLowerCase() &&
            SETTLE_SELECTORS.includes(tx.input.slice(0, 10))
          )
            n++;
        }
      }
      return n;
    };
    const readState = () => JSON.parse(readFileSync(stateFile, "utf8")) as KeeperState;

    // 1. Health and the first poke: the keeper pokes on new feed rounds; the de-peg opens a candidate.
    keeper = await start();
    await waitFor("a healthy first tick", async () => (await health(keeper?.port ?? 0)).body.ok);
    await setPrice(DEPEG);
    await waitFor(
      "the trigger to freeze",
      async () => (await readTrigger(chain.publicClient, { trigger })).state === "FROZEN",
    );

    // 2. Stop mid-way; the window elapses and fresh rounds arrive while the keeper is down.
    await keeper.stop();
    keeper = undefined;
    const pokesBefore = readState().done.filter((a) => a.kind === "poke").length;
    assert.ok(pokesBefore >= 1);
    await chain.increaseTime(PEG_WINDOW + 1);
    await setPrice(DEPEG);

    // 3. Restart: it fires the trigger and settles once.
    keeper = await start();
    const inc = await waitFor("the settlement", async () => {
      const i = await getIncident(chain.publicClient, {
        settlement: d.settlement,
        marketId: market.marketId,
      });
      return i.settled && i;
    });
    const t = await readTrigger(chain.publicClient, { trigger });
    assert.equal(BigInt(inc.time), t.incidentTime);
    const s = readState();
    await waitFor("the settle to be recorded", async () =>
      readState().done.some((a) => a.key === `settle:${market.marketId}` && a.outcome === "success"),
    );
    // 3b. It pays the holder too (Settlement.claimMany), without the holder doing anything.
    await waitFor("the holder to be paid", async () =>
      readState().done.some(
        (a) => a.key === `claim:${market.marketId}:${world.policy.policyId}` && a.outcome === "success",
      ),
    );
    assert.equal(
      await payoutOf(chain.publicClient, { settlement: d.settlement, policyId: world.policy.policyId }),
      0n,
    );
    assert.equal(readState().paidThrough?.[market.marketId.toString()], Number(world.policy.policyId));

    // 4. RPC outage: /health keeps answering with ok:false, then recovers.
    await bridge.close();
    await waitFor("an unhealthy report", async () => {
      const h = await health(keeper?.port ?? 0);
      return h.status === 503 && !h.body.ok && h.body.errors > 0;
    });
    await bridge.open();
    await waitFor("recovery", async () => (await health(keeper?.port ?? 0)).body.ok);

    // 5. Crash after broadcast: the settle looks pending again, plus a transaction the node never saw.
    await keeper.stop();
    keeper = undefined;
    const crashed = readState();
    const settled = crashed.done.find(
      (a) => a.key === `settle:${market.marketId}` && a.outcome === "success",
    );
    assert.ok(settled?.hash);
    crashed.done = crashed.done.filter((a) => a !== settled);
    crashed.pending = [
      { key: settled.key, kind: "settle", hash: settled.hash, sentAt: "before the crash" },
      { key: "poke:dropped", kind: "poke", hash: `0x${"ab".repeat(32)}`, sentAt: "before the crash" },
    ];
    writeFileSync(stateFile, JSON.stringify(crashed));
    keeper = await start();
    await waitFor(
      "reconciliation",
      async () => readState().pending.length === 0 && readState().lastBlock !== null,
    );
    const after = readState();
    assert.equal(after.done.filter((a) => a.key === `settle:${market.marketId}`).length, 1);
    assert.ok(logs.some((l) => l.event === "tx.dropped"));
    assert.ok(logs.some((l) => l.event === "tx.reconciled" && l.key === `settle:${market.marketId}`));
    assert.equal(await settleTxs(d.settlement), 1, "exactly one settle transaction was ever sent");
    assert.ok(s.lastBlock !== null);

    // 6. Chain restart: the same deployment on a fresh chain (block numbers go back); the cursor resets and
    // the keeper works on the new chain.
    const fresh = await pegWorld({ riskOracle: keeperAddress });
    assert.equal(fresh.d.settlement, d.settlement, "deterministic addresses");
    const settlesMined = () =>
      logs.filter((l) => l.event === "tx.mined" && l.key === `settle:${market.marketId}`).length;
    const settlesBefore = settlesMined();
    bridge.setProvider(fresh.chain.provider);
    await waitFor("the reset", async () => logs.some((l) => l.event === "chain.reset"));
    await fresh.setPrice(DEPEG);
    await waitFor(
      "the new trigger to freeze",
      async () =>
        (await readTrigger(fresh.chain.publicClient, { trigger: fresh.trigger })).state === "FROZEN",
    );
    await fresh.chain.increaseTime(PEG_WINDOW + 1);
    await fresh.setPrice(DEPEG);
    await waitFor("the settlement on the new chain", async () => {
      const i = await getIncident(fresh.chain.publicClient, {
        settlement: d.settlement,
        marketId: market.marketId,
      });
      return i.settled;
    });
    // The block holding the settle exists before the keeper has polled its receipt: until then the settle is
    // rightly still pending in /health, so wait for the keeper to record it rather than read /health at once.
    await waitFor("the settle on the new chain to be recorded", async () => settlesMined() > settlesBefore);
    const h = await health(keeper.port);
    assert.equal(h.body.ok, true);
    assert.deepEqual(h.body.pending, []);
    assert.deepEqual(
      logs.filter((l) => l.event === "action.failed"),
      [],
      "no action reverted: each was derived from chain state",
    );
  });
});

describe("keeper when the RPC switches chains in the middle of a tick", () => {
  type World = Awaited<ReturnType<typeof pegWorld>>;
  const incidentSelector = toFunctionSelector("incident(uint256)");

  /** Keeps `a` over a bridge, swaps in `b` at the first request `at` matches; returns the keeper's logs. */
  async function switchMidTick(a: World, b: World, at: (method: string, params: unknown[]) => boolean) {
    const dir = mkdtempSync(path.join(tmpdir(), "keeper-switch-"));
    const logs: Record<string, unknown>[] = [];
    const bridge = new RpcBridge(a.chain.provider);
    await bridge.open();
    let switched = false;
    bridge.onRequest = (req) => {
      if (!switched && at(req.method, req.params ?? [])) {
        switched = true;
        bridge.setProvider(b.chain.provider);
      }
    };
    const keeper = await startKeeper({
      rpcUrl: bridge.url,
      privateKey: KEEPER_KEY,
      deployment: a.d,
      stateFile: path.join(dir, "state.json"),
      pollIntervalMs: 50,
      maxBackoffMs: 100,
      retry: { retries: 1, baseDelayMs: 20 },
      logger: (entry: object) => logs.push(entry as Record<string, unknown>),
    });
    try {
      await waitFor("the switch", async () => switched);
      await waitFor("the reset", async () => logs.some((l) => l.event === "chain.reset"));
      await waitFor("a tick on the new chain", async () => (await health(keeper.port)).body.ok);
    } finally {
      await keeper.stop();
      await bridge.close();
    }
    return logs;
  }

  it("abandons a poke mined on the old chain instead of failing on the new one", async () => {
    const a = await pegWorld({ riskOracle: keeperAddress });
    const b = await pegWorld({ riskOracle: keeperAddress });
    // The post-poke state read is pinned to the poke's block: that block exists on the old chain only.
    const logs = await switchMidTick(
      a,
      b,
      (method, params) =>
        method === "eth_call" && typeof params[1] === "string" && params[1].startsWith("0x"),
    );
    assert.deepEqual(
      logs.filter((l) => l.event === "action.failed"),
      [],
    );
    assert.ok(logs.some((l) => l.event === "tick.failed" && String(l.error).includes("chain changed")));
  });

  it("never settles on the new chain from the old chain's trigger state", async () => {
    const a = await pegWorld({ riskOracle: keeperAddress });
    await a.setPrice(DEPEG);
    await pokeTrigger(a.lp, { trigger: a.trigger });
    await a.chain.increaseTime(PEG_WINDOW + 1);
    await a.setPrice(DEPEG);
    await pokeTrigger(a.lp, { trigger: a.trigger });
    await settle(a.lp, { settlement: a.d.settlement, marketId: a.market.marketId });
    const b = await pegWorld({ riskOracle: keeperAddress });
    // The old chain's trigger is TRIGGERED; the incident is then read from the new chain, where it is unsettled.
    const logs = await switchMidTick(
      a,
      b,
      (method, params) =>
        method === "eth_call" && String((params[0] as { data?: string }).data).startsWith(incidentSelector),
    );
    assert.deepEqual(
      logs.filter((l) => l.event === "action.failed"),
      [],
    );
    assert.ok(!logs.some((l) => l.event === "tx.sent" && l.kind === "settle"), "no settle was sent");
  });
});
