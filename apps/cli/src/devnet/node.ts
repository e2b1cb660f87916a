import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { DevnetError } from "../errors.ts";

const contractsDir = resolve(import.meta.dirname, "../../../../contracts");

export type LocalNode = { rpcUrl: string; pid: number; stop(): Promise<void> };

/**
 * Starts Hardhat's JSON-RPC node (EDR) as a child process of the contracts workspace on 127.0.0.1:`port`
 * and waits until it answers.
 */
export async function startLocalNode(port: number, timeoutMs = 90_000): Promise<LocalNode> {
  const entry = createRequire(resolve(contractsDir, "package.json")).resolve("hardhat");
  const cli = resolve(dirname(entry), "cli.js");
  const child = spawn(process.execPath, [cli, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: contractsDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const rpcUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(rpcUrl)) {
      // Stop draining the node's per-request log once it is up.
      child.stdout?.removeListener("data", keep);
      child.stdout?.resume();
      return { rpcUrl, pid: child.pid ?? 0, stop: () => stopChild(child, exited) };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopChild(child, exited);
  const reason = /EADDRINUSE|address already in use/i.test(log)
    ? `port ${port} is in use: pass --port`
    : `the node did not start within ${timeoutMs / 1000}s: ${log.trim().split("\n").pop() ?? ""}`;
  throw new DevnetError(reason);
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
