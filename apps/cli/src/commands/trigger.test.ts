import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type LocalNode, startLocalNode } from "@backstop/devnet";
import { devAddress, freePort, run } from "../test/harness.ts";

// A parametric market on a fresh deployment: deploy its trigger, then create the market over it.
const home = mkdtempSync(join(tmpdir(), "backstop-trigger-"));
let node: LocalNode;
const cli = (...args: string[]) =>
  run(args, {
    BACKSTOP_RPC_URL: node.rpcUrl,
    BACKSTOP_DEPLOYMENTS_DIR: join(home, "deployments"),
    BACKSTOP_NETWORK: undefined,
    BACKSTOP_CONFIG: undefined,
    BACKSTOP_PRIVATE_KEY: undefined,
    BACKSTOP_ACCOUNT: undefined,
  });

before(async () => {
  node = await startLocalNode(await freePort());
  assert.equal((await cli("deploy", "--mock-stable", "--governance-delay", "0", "--json")).code, 0);
});

after(async () => {
  await node?.stop();
});

test("test_trigger_deployCommitteeThenParametricMarket", async () => {
  const deployed = await cli(
    "trigger",
    "deploy",
    "--kind",
    "committee",
    "--member",
    devAddress(1),
    "--member",
    devAddress(2),
    "--threshold",
    "2",
    "--vetoer",
    devAddress(0),
    "--challenge-period",
    "1d",
    "--json",
  );
  assert.equal(deployed.code, 0, deployed.stderr);
  const trigger = deployed.json?.trigger as string;
  assert.match(trigger, /^0x[0-9a-fA-F]{40}$/);
  const shown = await cli("trigger", "show", "--trigger", trigger, "--json");
  assert.equal(shown.json?.kind, "committee");
  assert.equal(shown.json?.state, "ACTIVE");
  const created = await cli(
    "market",
    "create",
    "--name",
    "exchange-halt",
    "--claims",
    "parametric",
    "--trigger",
    trigger,
    "--groups",
    "stablecoins",
    "--base-rate",
    "3%",
    "--deductible",
    "10%",
    "--json",
  );
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.json?.marketId, 1);
  const markets = (await cli("markets", "--json")).json as unknown as {
    id: number;
    trigger: string;
    state: string;
    triggerState: string;
  }[];
  assert.deepEqual(
    markets.map((m) => [m.id, m.trigger, m.state, m.triggerState]),
    [[1, trigger, "ACTIVE", "ACTIVE"]],
  );
  const bad = await cli("trigger", "deploy", "--kind", "oracle");
  assert.equal(bad.code, 2);
  assert.equal(
    bad.stderr,
    'backstop: invalid --kind "oracle": expected committee, optimistic, peg or drain\n',
  );
  const noMembers = await cli("trigger", "deploy", "--kind", "committee", "--threshold", "1");
  assert.equal(noMembers.code, 2);
  assert.match(noMembers.stderr, /needs --member <address>/);
});
