import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { InvalidArgumentError } from "../errors.ts";
import { parseMarketId } from "./risk-market.ts";

const bin = resolve(import.meta.dirname, "../../bin/backstop.js");

test("test_parseMarketId_positiveIntegersOnly", () => {
  assert.equal(parseMarketId("7"), 7n);
  for (const bad of ["0", "-1", "x", "1.5", "01", ""])
    assert.throws(() => parseMarketId(bad), InvalidArgumentError, bad);
});

test("test_riskPrice_unreachableChainIsOneNamedLine", async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  await assert.rejects(
    promisify(execFile)(process.execPath, [
      bin,
      "risk",
      "price",
      "--market",
      "1",
      "--rpc-url",
      `http://127.0.0.1:${port}`,
    ]),
    (err: { code?: number; stderr?: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr ?? "", /^backstop: no JSON-RPC node at http:\/\/127\.0\.0\.1:\d+/);
      assert.equal((err.stderr ?? "").trim().split("\n").length, 1);
      return true;
    },
  );
});
