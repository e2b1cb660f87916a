import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

const bin = resolve(import.meta.dirname, "../../bin/backstop.js");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

test("test_dev_exitAfterSeedPrintsSummaryAndWritesRegistry", async () => {
  const dir = mkdtempSync(join(tmpdir(), "backstop-dev-"));
  const port = await freePort();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bin, "dev", "--exit-after-seed", "--port", String(port), "--json"],
    { env: { ...process.env, BACKSTOP_DEPLOYMENTS_DIR: dir }, timeout: 120_000 },
  );
  const out = JSON.parse(stdout) as {
    rpcUrl: string;
    status: { pools: unknown[]; markets: { trigger: string }[]; tvc: string };
  };
  assert.equal(out.rpcUrl, `http://127.0.0.1:${port}`);
  assert.equal(out.status.pools.length, 3);
  assert.equal(out.status.markets.length, 8);
  assert.ok(BigInt(out.status.tvc) > 0n);
  const registry = JSON.parse(readFileSync(join(dir, "31337.json"), "utf8")) as { seed?: { feeds: object } };
  assert.deepEqual(Object.keys(registry.seed?.feeds ?? {}), ["USDC", "USDT"]);
  // The node is gone: the port is free again.
  await assert.rejects(fetch(out.rpcUrl, { method: "POST", body: "{}" }));
});

test("test_cli_unreachableNodeIsOneLineAndNonZero", async () => {
  await assert.rejects(
    promisify(execFile)(process.execPath, [
      bin,
      "status",
      "--rpc-url",
      `http://127.0.0.1:${await freePort()}`,
    ]),
    (err: { code?: number; stderr?: string }) => {
      assert.equal(err.code, 1);
      assert.match(
        err.stderr ?? "",
        /^backstop: no JSON-RPC node at http:\/\/127\.0\.0\.1:\d+: start one with/,
      );
      assert.equal((err.stderr ?? "").trim().split("\n").length, 1);
      return true;
    },
  );
});
