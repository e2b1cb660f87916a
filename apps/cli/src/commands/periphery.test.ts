import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type Devnet, startDevnet } from "@backstop/devnet";
import { freePort, type Run, run } from "../test/harness.ts";

// The periphery commands on a seeded devnet (no keeper): names recorded by the seed, --json, one-line errors.
const home = mkdtempSync(join(tmpdir(), "backstop-cli-periphery-"));
let devnet: Devnet;
let env: Record<string, string | undefined>;

const cli = (args: string[]) => run([...args, "--rpc-url", devnet.rpcUrl], env);

async function ok(args: string[]) {
  const r = await cli([...args, "--json"]);
  assert.equal(r.code, 0, `backstop ${args.join(" ")} failed: ${r.stderr}`);
  assert.ok(r.json, `backstop ${args.join(" ")} printed no JSON: ${r.stdout}`);
  // biome-ignore lint/suspicious/noExplicitAny: test assertions walk the JSON freely
  return r.json as Record<string, any>;
}

function oneLine(r: Run) {
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

before(async () => {
  devnet = await startDevnet({
    port: await freePort(),
    deploymentsDir: join(home, "deployments"),
    stateRoot: join(home, "state"),
    keeper: false,
  });
  env = {
    BACKSTOP_DEPLOYMENTS_DIR: join(home, "deployments"),
    BACKSTOP_CONFIG: undefined,
    BACKSTOP_NETWORK: undefined,
    BACKSTOP_ACCOUNT: undefined,
    BACKSTOP_PRIVATE_KEY: undefined,
  };
});

after(async () => {
  await devnet?.stop();
});

const depegId = () => devnet.deployment.seed?.markets.find((m) => m.name === "usdc-depeg")?.id as string;

test("test_vaultShow_demoIsCoveredByTheSeededRoll", async () => {
  const v = await ok(["vault", "show", "--vault", "demo"]);
  assert.equal(v.address, devnet.deployment.seed?.periphery?.insuredVaults.demo);
  assert.equal(v.policies.length, 1);
  assert.ok(BigInt(v.coverageRatioBps) >= 10_000n);
  assert.equal(v.config.marketId, Number(depegId()));
  const text = await cli(["vault", "show", "--vault", "demo"]);
  assert.match(text.stdout, /share price 1\.\d+ USDC/);
});

test("test_insureDeposit_sharesAndPolicyInOneTransaction", async () => {
  const r = await ok([
    "insure",
    "deposit",
    "--vault",
    "demo",
    "--amount",
    "1000",
    "--market",
    depegId(),
    "--period",
    "30d",
  ]);
  assert.ok(Number(r.policyId) > 0);
  // The shares' asset value: the deposit, less ERC-4626 rounding.
  assert.ok(1_000_000_000n - BigInt(r.coverAmount) <= 1n, r.coverAmount);
  assert.ok(BigInt(r.shares) > 0n && BigInt(r.premium) > 0n);
});

test("test_vaultDepositRollRedeem", async () => {
  const dep = await ok(["vault", "deposit", "--vault", "demo", "--amount", "5000"]);
  assert.ok(BigInt(dep.shares) > 0n);
  const roll = await ok(["vault", "roll", "--vault", "demo"]);
  assert.ok(Number(roll.policyId) > 0);
  const again = await ok(["vault", "roll", "--vault", "demo"]);
  assert.equal(again.policyId, 0);
  const red = await ok(["vault", "redeem", "--vault", "demo", "--shares", "100"]);
  assert.ok(BigInt(red.assets) > 0n);
});

test("test_protectMintShowAndRiskFeed", async () => {
  const m = await ok(["protect", "mint", "--series", "demo", "--amount", "1000"]);
  assert.ok(Number(m.lotId) > 0, JSON.stringify(m));
  const s = await ok(["protect", "show", "--series", "demo"]);
  assert.equal(s.holder.locked, "1000000000");
  assert.equal(BigInt(s.expiry) % 86_400n, 0n);
  const early = await cli(["protect", "resolve", "--series", "demo", "--lot", String(m.lotId)]);
  assert.equal(early.code, 1);
  oneLine(early);
  assert.match(early.stderr, /^backstop: LotNotMature: lot \d+ matures at .*; resolve it after that time/);
  const f = await ok(["risk-feed", "--market", depegId()]);
  assert.equal(f.decimals, 8);
  assert.equal(BigInt(f.answer), BigInt(f.rateBps) * 10_000n);
});

test("test_periphery_errorsAreOneLineWithCodes", async () => {
  const unknown = await cli(["vault", "show", "--vault", "nope", "--json"]);
  assert.equal(unknown.code, 1);
  assert.equal((unknown.json as { error: { code: string } }).error.code, "PERIPHERY_NOT_FOUND");
  const missing = await cli(["protect", "show"]);
  assert.equal(missing.code, 2);
  oneLine(missing);
  const badSub = await cli(["vault", "fly", "--vault", "demo"]);
  assert.equal(badSub.code, 2);
  const noFeed = await cli(["risk-feed", "--market", "99"]);
  assert.equal(noFeed.code, 1);
  oneLine(noFeed);
  const notKeeper = await run(["vault", "roll", "--vault", "demo", "--rpc-url", devnet.rpcUrl], {
    ...env,
    BACKSTOP_PRIVATE_KEY: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  });
  assert.equal(notKeeper.code, 1);
  assert.match(notKeeper.stderr, /neither a keeper nor the owner/);
});
