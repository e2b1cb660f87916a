import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { connectRead, type Devnet, devWallets, startDevnet } from "@backstop/devnet";
import { pokeTrigger, settle } from "@backstop/sdk";
import { freePort, run } from "../test/harness.ts";

// The seeded devnet (keeper running): a de-peg freezes, fires and settles a market; the CLI must say so.
const deploymentsDir = mkdtempSync(join(tmpdir(), "backstop-defects-"));
let devnet: Devnet;
let marketId: number;
let policyId: number;

const cli = (...args: string[]) =>
  run([...args, "--json"], {
    BACKSTOP_RPC_URL: devnet.rpcUrl,
    BACKSTOP_DEPLOYMENTS_DIR: deploymentsDir,
    BACKSTOP_NETWORK: undefined,
    BACKSTOP_CONFIG: undefined,
    BACKSTOP_PRIVATE_KEY: undefined,
    BACKSTOP_ACCOUNT: undefined,
  });

async function ok(...args: string[]) {
  const r = await cli(...args);
  assert.equal(r.code, 0, `backstop ${args.join(" ")}: ${r.stderr}`);
  // biome-ignore lint/suspicious/noExplicitAny: test assertions walk the JSON freely
  return r.json as Record<string, any>;
}

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const policy = async () =>
  ((await ok("policies")).policies as { policyId: number; status: string; payout: string }[]).find(
    (p) => p.policyId === policyId,
  );

before(async () => {
  devnet = await startDevnet({ port: await freePort(), deploymentsDir, pollIntervalMs: 200 });
  const usdt = devnet.deployment.seed?.markets.find((m) => m.name === "usdt-depeg");
  assert.ok(usdt);
  marketId = Number(usdt.id);
  const bought = await ok("buy", "--market", String(marketId), "--amount", "10000", "--period", "60d");
  policyId = bought.policyId as number;
  assert.equal(typeof policyId, "number");
});

after(async () => {
  await devnet?.stop();
});

test("test_quoteAndBuy_refuseAFrozenMarket_marketsAndStatusShowFrozen", async () => {
  await ok("feed", "set", "--asset", "USDT", "--price", "0.96");
  const markets = await until(
    "the USDT market to freeze",
    async () => (await ok("markets")) as unknown as { id: number; state: string; triggerState: string }[],
    (list) => list.find((m) => m.id === marketId)?.state === "FROZEN",
  );
  assert.equal(markets.find((m) => m.id === marketId)?.triggerState, "FROZEN");
  const status = await ok("status");
  assert.equal(status.markets.find((m: { id: number }) => m.id === marketId).status, "FROZEN");
  for (const cmd of ["quote", "buy"]) {
    const r = await cli(cmd, "--market", String(marketId), "--amount", "1000", "--period", "30d");
    assert.equal(r.code, 1, `${cmd}: ${r.stdout}`);
    const error = r.json?.error as { code: string; message: string };
    assert.equal(error.code, "MARKET_FROZEN");
    assert.match(
      error.message,
      new RegExp(`^market ${marketId} is FROZEN: its trigger is confirming a candidate incident`),
    );
    assert.equal(r.stderr, `backstop: ${error.message}\n`);
  }
  assert.equal((await policy())?.status, "ACTIVE");
});

test("test_policies_claimableThenWindowClosed", async () => {
  // The keeper would pay the holder at once (claimMany); with it stopped, the policy stays claimable and its
  // claim window can close, which is the state this test is about.
  await devnet.keeper?.stop();
  await ok("time", "advance", "25h");
  const [wallet] = devWallets((await connectRead(devnet.rpcUrl)).chain, devnet.rpcUrl, 1);
  const trigger = devnet.deployment.seed?.markets.find((m) => Number(m.id) === marketId)?.trigger;
  assert.ok(wallet && trigger);
  await pokeTrigger(wallet, { trigger });
  await settle(wallet, { settlement: devnet.deployment.settlement, marketId: BigInt(marketId) });
  const claimable = await until("the settlement", policy, (p) => p?.status === "CLAIMABLE");
  assert.equal(BigInt(claimable?.payout ?? 0), 400_000_000n); // 4% of 10,000 USDC
  const markets = (await ok("markets")) as unknown as { id: number; state: string }[];
  assert.equal(markets.find((m) => m.id === marketId)?.state, "TRIGGERED");
  // Past the 30-day claim window: no payout is shown, and claiming is refused.
  await ok("time", "advance", "31d");
  const closed = await policy();
  assert.equal(closed?.status, "WINDOW_CLOSED");
  assert.equal(BigInt(closed?.payout ?? -1), 0n);
  const claim = await cli("claim", "--policy", String(policyId));
  assert.equal(claim.code, 1);
  assert.match(
    String((claim.json?.error as { message?: string } | undefined)?.message),
    /pays nothing .* at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
  );
});
