import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type LocalNode, startLocalNode } from "@backstop/devnet";
import { bin, devKey, freePort } from "../test/harness.ts";

// The confirmation prompt before a write on a non-local network, answered on a real terminal (a pty from
// util-linux `script`); skipped where `script` is missing.
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const home = mkdtempSync(join(tmpdir(), "backstop-confirm-"));
let node: LocalNode | undefined;

before(async () => {
  if (!hasScript) return;
  node = await startLocalNode(await freePort());
  writeFileSync(
    join(home, "backstop.config.json"),
    JSON.stringify({ networks: { staging: { rpcUrl: node.rpcUrl, chainId: 31337 } } }),
  );
});

after(async () => {
  await node?.stop();
});

/** Runs the command on a pseudo-terminal, typing `answer`; returns the exit code and what the terminal showed. */
function onTerminal(args: string[], answer: string): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ");
  return new Promise((done) => {
    const child = execFile(
      "script",
      ["-qec", command, "/dev/null"],
      {
        env: {
          ...process.env,
          BACKSTOP_CONFIG: join(home, "backstop.config.json"),
          BACKSTOP_PRIVATE_KEY: devKey(0),
          BACKSTOP_DEPLOYMENTS_DIR: join(home, "deployments"),
        },
        timeout: 60_000,
      },
      (error, stdout) => done({ code: error ? Number(error.code ?? 1) : 0, screen: stdout }),
    );
    setTimeout(() => child.stdin?.write(`${answer}\n`), 4_000);
  });
}

test("test_confirm_askedOnANonLocalNetworkAndDeclined", { skip: !hasScript }, async () => {
  const r = await onTerminal(["deploy", "--network", "staging", "--mock-stable"], "n");
  assert.match(r.screen, /deploy Backstop .* on network "staging" \(chain 31337\) from 0xf39F\w+\? \[y\/N\]/);
  assert.match(r.screen, /backstop: aborted: did not deploy Backstop/);
  assert.equal(r.code, 1);
});
