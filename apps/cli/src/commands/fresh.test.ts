import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type LocalNode, startLocalNode } from "@backstop/devnet";
import type { Address } from "viem";
import { devAddress, devKey, freePort, mintMockStable, type Run, run } from "../test/harness.ts";

// A fresh chain: deploy seeds nothing; the role commands build a market and a pool, then LPs and buyers use them.
const home = mkdtempSync(join(tmpdir(), "backstop-cli-"));
let node: LocalNode;
let env: Record<string, string | undefined>;
let stable: Address;

const cli = (args: string[], extra: Record<string, string | undefined> = {}) =>
  run(args, { ...env, ...extra });

/** Runs a command that must succeed with --json; returns its output. */
async function ok(args: string[], extra: Record<string, string | undefined> = {}) {
  const r = await cli([...args, "--json"], extra);
  assert.equal(r.code, 0, `backstop ${args.join(" ")} failed: ${r.stderr}`);
  assert.ok(r.json, `backstop ${args.join(" ")} printed no JSON: ${r.stdout}`);
  // biome-ignore lint/suspicious/noExplicitAny: test assertions walk the JSON freely
  return r.json as Record<string, any>;
}

/** One line on stderr, no stack trace. */
function oneLine(r: Run) {
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

before(async () => {
  node = await startLocalNode(await freePort());
  env = {
    BACKSTOP_RPC_URL: node.rpcUrl,
    BACKSTOP_DEPLOYMENTS_DIR: join(home, "deployments"),
    BACKSTOP_KEYSTORE_DIR: join(home, "keystore"),
    BACKSTOP_SCRYPT_N: "1024",
    XDG_CONFIG_HOME: join(home, "config"),
    BACKSTOP_CONFIG: undefined,
    BACKSTOP_NETWORK: undefined,
    BACKSTOP_ACCOUNT: undefined,
    BACKSTOP_PRIVATE_KEY: undefined,
    BACKSTOP_PASSWORD: undefined,
  };
  // Governance delay of 1h: market and assessor changes are scheduled, then executed by repeating them.
  const d = await ok(["deploy", "--mock-stable", "--governance-delay", "1h"]);
  stable = d.stable as Address;
  for (const i of [0, 1, 2, 3]) await mintMockStable(node.rpcUrl, stable, devAddress(i), "1000000");
});

after(async () => {
  await node?.stop();
});

test("test_freshChain_deployMarketPoolConfigureDepositBuy", async () => {
  assert.deepEqual((await ok(["markets"])) as unknown, []);

  // Governance: scheduled behind the 1h delay, pending on a repeat, executed once the delay passed.
  const create = [
    "market",
    "create",
    "--name",
    "fresh-lending",
    "--claims",
    "assessed",
    "--groups",
    "stablecoins",
    "--base-rate",
    "2%",
    "--deductible",
    "10%",
    "--fast-track-limit",
    "100000",
  ];
  const scheduled = await ok(create);
  assert.equal(scheduled.status, "scheduled");
  assert.ok(Number(scheduled.executableAt) > 0);
  const text = await cli(create);
  assert.equal(text.code, 0);
  assert.match(
    text.stdout,
    /already scheduled; run the same command again after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (59m|1h)/,
  );
  await ok(["time", "advance", "1h"]);
  const created = await ok(create);
  assert.equal(created.status, "executed");
  assert.equal(created.marketId, 1);

  // Assessors: a group, then its assignment, each behind the delay.
  const add = ["assessors", "add", "--market", "1", "--assessor", devAddress(1), "--assessor", devAddress(2)];
  for (let i = 0; i < 4; i++) {
    const r = await ok(add);
    if (r.done) break;
    await ok(["time", "advance", "1h"]);
  }
  const listed = await ok(["assessors", "list", "--market", "1"]);
  assert.equal(listed.groupId, 1);
  assert.deepEqual(listed.groups[0].members, [devAddress(1), devAddress(2)]);
  assert.equal(listed.groups[0].quorum, 2);

  // Curator: a pool, configured before its first deposit (applies at once).
  const pool = await ok([
    "pool",
    "create",
    "--name",
    "Fresh Pool",
    "--symbol",
    "FRSH",
    "--fee",
    "10%",
    "--leverage",
    "3x",
  ]);
  assert.equal(pool.poolId, 0);
  const configured = await ok([
    "pool",
    "configure",
    "--pool",
    "0",
    "--market",
    "1:weight=60%,base=2%,slope1=3%,slope2=20%,kink=80%",
    "--cap",
    "stablecoins=100%",
  ]);
  assert.deepEqual(
    configured.changes.map((c: { status: string }) => c.status),
    ["applied", "applied"],
  );

  // LP.
  const dep = await ok(["deposit", "--pool", "0", "--amount", "100000"]);
  assert.equal(dep.poolId, 0);

  // With shares, a riskier change (higher fee) waits max(timelock 3d, cooldown 7d), printed as a date.
  const fee = ["pool", "configure", "--pool", "0", "--fee", "15%"];
  const queued = await cli(fee);
  assert.equal(queued.code, 0, queued.stderr);
  assert.match(
    queued.stdout,
    /queued\s+fee 15(\.00)?%.*takes effect when you run this command again after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 7d\)/,
  );
  assert.equal((await ok(fee)).changes[0].status, "pending");
  await ok(["time", "advance", "7d"]);
  assert.equal((await ok(fee)).changes[0].status, "applied");
  assert.equal((await ok(["pool", "show", "--pool", "0"])).curatorFeeBps, 1_500);

  // Buyer.
  const q = await ok(["quote", "--market", "1", "--amount", "1000", "--period", "30d"]);
  assert.equal(q.marketId, 1);
  assert.ok(BigInt(q.premium) > 0n);
  const bought = await ok(["buy", "--market", "1", "--amount", "1000", "--period", "30d"]);
  assert.equal(bought.policyId, 1);
  assert.deepEqual(bought.pools, [0]);
});

test("test_buy_afterTimeAdvance2hStillPermits", async () => {
  // Regression: the permit deadline must follow chain time, not the wall clock.
  await ok(["time", "advance", "2h"]);
  const bought = await ok(["buy", "--market", "1", "--amount", "500", "--period", "30d"]);
  assert.equal(bought.policyId, 2);
});

test("test_position_valuesSharesAndRequests", async () => {
  const before = await ok(["position", "--pool", "0"]);
  const p = before.positions[0];
  assert.equal(p.poolId, 0);
  assert.ok(BigInt(p.value) >= 100_000_000_000n - 1n, p.value);
  assert.equal(BigInt(p.deposited), 100_000_000_000n);
  assert.equal(p.request.status, "none");
  const req = await ok(["withdraw", "--pool", "0", "--amount", "10000"]);
  assert.equal(req.action, "request");
  const pending = (await ok(["position"])).positions[0];
  assert.equal(pending.request.status, "pending");
  assert.ok(BigInt(pending.request.shares) > 0n);
  const text = await cli(["position"]);
  assert.match(text.stdout, /pending, claimable \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 7d\)/);
});

test("test_withdraw_allClaimsTheRequestAndRequestsTheRest", async () => {
  // Pending: refused with a human date, not unix seconds.
  const early = await cli(["withdraw", "--pool", "0", "--all"]);
  assert.equal(early.code, 1);
  assert.match(early.stderr, /claimable at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 7d\)/);
  oneLine(early);
  await ok(["time", "advance", "7d"]);
  const before = (await ok(["position"])).positions[0];
  assert.equal(before.request.status, "claimable");
  const all = await ok(["withdraw", "--pool", "0", "--all"]);
  assert.equal(all.action, "redeem+request");
  assert.ok(BigInt(all.assets) > 0n);
  assert.equal(BigInt(all.requested.shares), BigInt(before.shares));
  const afterAll = (await ok(["position"])).positions[0];
  assert.equal(BigInt(afterAll.shares), 0n);
  assert.equal(afterAll.request.status, "pending");
  assert.equal(BigInt(afterAll.request.shares), BigInt(before.shares));
});

test("test_assessedClaim_challengeVotePaid_policiesShowPaid", async () => {
  const filed = await ok(["claim", "--policy", "1", "--amount", "500", "--evidence", "ipfs://post-mortem"]);
  assert.equal(filed.claimId, 1);
  assert.equal(filed.status, "FAST_TRACK");
  const list = (await ok(["claims"])) as unknown as { claimId: number; status: string; policyId: number }[];
  assert.deepEqual(
    list.map((c) => [c.claimId, c.policyId, c.status]),
    [[1, 1, "FAST_TRACK"]],
  );
  const shown = await cli(["claims", "show", "1"]);
  assert.match(shown.stdout, /challenge window ends \d{4}-\d\d-\d\d/);
  // A third party challenges; both assessors approve.
  const challenged = await ok(["challenge", "--claim", "1"], { BACKSTOP_PRIVATE_KEY: devKey(3) });
  assert.equal(challenged.status, "VOTING");
  for (const i of [1, 2])
    await ok(["vote", "--claim", "1", "--approve"], { BACKSTOP_PRIVATE_KEY: devKey(i) });
  await ok(["time", "advance", "3d"]);
  const finalized = await ok(["claim", "--policy", "1"]);
  assert.equal(finalized.action, "status");
  assert.equal(finalized.status, "APPROVED");
  await ok(["time", "advance", "1d"]);
  const paid = await ok(["claim", "--policy", "1"]);
  assert.equal(paid.action, "redeem");
  assert.equal(BigInt(paid.paid), 500_000_000n);
  // Defect: a policy paid by an assessed claim showed "-".
  const pol = await ok(["policies"]);
  const one = pol.policies.find((p: { policyId: number }) => p.policyId === 1);
  assert.equal(one.status, "PAID");
  assert.equal(BigInt(one.paid), 500_000_000n);
  assert.equal(one.claimId, 1);
  const two = pol.policies.find((p: { policyId: number }) => p.policyId === 2);
  assert.equal(two.status, "ACTIVE");
  const table = await cli(["policies"]);
  assert.match(table.stdout, /#1 .* PAID\s+500(\.00)?\s+#1/);
});

test("test_marketPause_quoteRefusesWithNamedError", async () => {
  const paused = await ok(["market", "pause", "--market", "1"]);
  assert.equal(paused.status, "executed");
  assert.equal(paused.state, "PAUSED");
  const markets = (await ok(["markets"])) as unknown as { id: number; state: string }[];
  assert.deepEqual(
    markets.map((m) => [m.id, m.state]),
    [[1, "PAUSED"]],
  );
  const r = await cli(["quote", "--market", "1", "--amount", "100", "--period", "30d", "--json"]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.json, {
    error: { code: "MARKET_PAUSED", message: r.json ? (r.json.error as { message: string }).message : "" },
  });
  assert.match(r.stderr, /^backstop: market 1 is PAUSED: governance paused it/);
  // Unpausing and retiring are governance: scheduled behind the delay.
  assert.equal((await ok(["market", "retire", "--market", "1"])).status, "scheduled");
});

test("test_usageErrors_oneLineExitTwoAndJsonErrors", async () => {
  const neg = await cli(["deposit", "--pool", "0", "--amount", "-5"]);
  assert.equal(neg.code, 2);
  assert.equal(
    neg.stderr,
    'backstop: invalid --amount "-5": expected a decimal amount in token units, e.g. 1000.5\n',
  );
  const negJson = await cli(["deposit", "--pool", "0", "--amount", "-5", "--json"]);
  assert.equal(negJson.code, 2);
  assert.deepEqual(negJson.json, {
    error: {
      code: "INVALID_ARGUMENT",
      message: 'invalid --amount "-5": expected a decimal amount in token units, e.g. 1000.5',
    },
  });
  for (const args of [
    ["deposit", "--pool", "0"], // missing --amount
    ["deposit", "--pool", "x", "--amount", "1"], // invalid id
    ["deposit", "--pool", "0", "--amount", "1", "--bogus"], // unknown option
    ["deposit", "--pool", "0", "--amount"], // missing value
    ["quote", "--market", "1", "--amount", "1", "--period", "-3d"], // negative duration
    ["deposit", "--pool", "0", "--amount", "1", "--private-key", devKey(0)], // keys never on the command line
    ["frobnicate"], // unknown command
    ["status", "--network", "nowhere"], // unknown network
  ]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    oneLine(r);
    const j = await cli([...args, "--json"]);
    assert.equal(j.code, 2);
    assert.equal(
      typeof (j.json?.error as { code?: string })?.code,
      "string",
      `${args.join(" ")}: ${j.stdout}`,
    );
  }
  // Runtime failures exit 1, also one line.
  const missing = await cli(["deposit", "--pool", "7", "--amount", "1", "--json"]);
  assert.equal(missing.code, 1);
  assert.deepEqual(missing.json, {
    error: { code: "POOL_NOT_FOUND", message: "pool 7 does not exist: ids are 0..0 (see `backstop pools`)" },
  });
});

test("test_networksKeystoreAndConfirmation", async () => {
  const config = join(home, "backstop.config.json");
  writeFileSync(
    config,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config file expands ${VAR} itself
    JSON.stringify({ networks: { staging: { rpcUrl: "${STAGING_RPC}", chainId: 31337 } } }),
  );
  const netEnv = { BACKSTOP_CONFIG: config, STAGING_RPC: node.rpcUrl };
  // Reads work on a named network; writes need a signer there (no development default).
  assert.equal((await ok(["pools", "--network", "staging"], netEnv)).length, 1);
  const noSigner = await cli(["deposit", "--network", "staging", "--pool", "0", "--amount", "1"], netEnv);
  assert.equal(noSigner.code, 2);
  assert.match(noSigner.stderr, /no signer for network "staging": pass --account/);
  // Keystore: import from the environment, list without a password, sign with the password.
  const imported = await ok(["keys", "import", "--name", "alice"], {
    BACKSTOP_PRIVATE_KEY: devKey(3),
    BACKSTOP_PASSWORD: "pw",
  });
  assert.equal(imported.address, devAddress(3));
  assert.deepEqual(
    (await ok(["keys", "list"])).accounts.map((a: { name: string; address: string }) => [a.name, a.address]),
    [["alice", devAddress(3)]],
  );
  // Non-local network, no terminal, no --yes: refused before anything is sent.
  const refused = await cli(
    ["deposit", "--network", "staging", "--account", "alice", "--pool", "0", "--amount", "1"],
    {
      ...netEnv,
      BACKSTOP_PASSWORD: "pw",
    },
  );
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /refusing to deposit 1(\.00)? USDC into pool 0 on network "staging" \(chain 31337\) .* no terminal to ask; pass --yes/,
  );
  const wrong = await cli(
    ["deposit", "--network", "staging", "--account", "alice", "--pool", "0", "--amount", "1", "--yes"],
    {
      ...netEnv,
      BACKSTOP_PASSWORD: "nope",
    },
  );
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /wrong password/);
  const dep = await ok(
    ["deposit", "--network", "staging", "--account", "alice", "--pool", "0", "--amount", "1", "--yes"],
    {
      ...netEnv,
      BACKSTOP_PASSWORD: "pw",
    },
  );
  assert.ok(BigInt(dep.shares) > 0n);
  const pos = await ok(["position", "--network", "staging", "--account", "alice"], netEnv);
  assert.equal(pos.owner, devAddress(3));
  // A config network whose node reports another chain id is refused.
  writeFileSync(
    config,
    JSON.stringify({ networks: { staging: { rpcUrl: node.rpcUrl, chainId: 11155111 } } }),
  );
  const mismatch = await cli(["status", "--network", "staging"], netEnv);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /expects chain 11155111 but .* is chain 31337/);
});
