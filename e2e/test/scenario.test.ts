// `npm run scenario` runs on its own in-process chain: it succeeds, prints a transcript and writes no file.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

const e2e = resolve(import.meta.dirname, "..");
const legacy = resolve(e2e, "../deployments/31337.json");

test("test_scenario_succeedsOnItsOwnChainAndWritesNoDeployment", async () => {
  const before = existsSync(legacy) ? statSync(legacy).mtimeMs : undefined;
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(e2e, "scenario.ts")],
    { cwd: e2e, timeout: 300_000 },
  );
  assert.match(stdout, /^deployed: markets 0x[0-9a-fA-F]{40}/m);
  assert.match(stdout, /^policy #\d+ /m);
  assert.match(stdout, /redeemed \d+ shares/);
  assert.match(stdout, /^totals: TVL [\d,.]+ USDC, TVC [\d,.]+ USDC, policies held \d+/m);
  assert.doesNotMatch(`${stdout}\n${stderr}`, /InsufficientCapacity|^\s+at /m);
  assert.equal(
    existsSync(legacy) ? statSync(legacy).mtimeMs : undefined,
    before,
    "deployments/31337.json untouched",
  );
});
