import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { PortInUseError } from "./errors.ts";
import { devnetDeploymentsDir, devnetFiles, devnetPortOf, readDevnetDeployment } from "./paths.ts";
import { assertPortFree } from "./ports.ts";

test("test_devnetPortOf_localUrlsOnly", () => {
  assert.equal(devnetPortOf("http://127.0.0.1:8545"), 8545);
  assert.equal(devnetPortOf("http://localhost:9545/"), 9545);
  assert.equal(devnetPortOf("http://[::1]:7000"), 7000);
  assert.equal(devnetPortOf("https://rpc.example.org"), undefined);
  assert.equal(devnetPortOf("not a url"), undefined);
});

test("test_devnetDeploymentsDir_onePerPort", () => {
  const root = mkdtempSync(join(tmpdir(), "backstop-paths-"));
  const a = devnetFiles(8545, root);
  const b = devnetFiles(9545, root);
  assert.notEqual(a.dir, b.dir);
  assert.equal(devnetDeploymentsDir("http://127.0.0.1:8545", root), undefined, "nothing written yet");
  mkdirSync(a.dir, { recursive: true });
  writeFileSync(a.deployment, JSON.stringify({ chainId: 31337, markets: "0x01" }));
  assert.equal(devnetDeploymentsDir("http://127.0.0.1:8545", root), a.dir);
  assert.equal(devnetDeploymentsDir("http://127.0.0.1:9545", root), undefined);
  assert.deepEqual(readDevnetDeployment("http://localhost:8545", root), { chainId: 31337, markets: "0x01" });
});

test("test_assertPortFree_refusesAListeningPort", async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await assert.rejects(assertPortFree(port), (err: Error) => {
    assert.ok(err instanceof PortInUseError);
    assert.equal(err.message, `port ${port} is in use: pass --port`);
    return true;
  });
  await new Promise((r) => server.close(r));
  await assertPortFree(port);
});
