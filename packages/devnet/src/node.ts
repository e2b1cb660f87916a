import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DevnetError, PortInUseError } from "./errors.ts";
import { repoRoot } from "./paths.ts";
import { assertPortFree } from "./ports.ts";

const contractsDir = resolve(repoRoot, "contracts");
const watchdog = pathToFileURL(resolve(import.meta.dirname, "watchdog.mjs")).href;

export type LocalNode = {
  rpcUrl: string;
  pid: number;
  /** Resolves when the node process exits, for whatever reason, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
};

/**
 * Starts Hardhat's JSON-RPC node (EDR) as a child process on 127.0.0.1:`port` and waits until it says it
 * listens. Refuses (PortInUseError) when anything already answers on the port: it never adopts another
 * process's chain. The child exits on its own when this process dies, even by SIGKILL (it watches its
 * parent pid and its stdin pipe).
 */
export async function startLocalNode(
  port: number,
  opts: { timeoutMs?: number; persist?: string } = {},
): Promise<LocalNode> {
  await assertPortFree(port);
  // With --persist the chain is served by chainProcess.ts (journal and replay; replay may take a while).
  const timeoutMs = opts.timeoutMs ?? (opts.persist ? 600_000 : 90_000);
  const entry = createRequire(resolve(contractsDir, "package.json")).resolve("hardhat");
  const cli = resolve(dirname(entry), "cli.js");
  const args = opts.persist
    ? [
        "--import",
        import.meta.resolve("tsx"),
        "--import",
        watchdog,
        resolve(import.meta.dirname, "chainProcess.ts"),
        "--port",
        String(port),
        "--persist",
        resolve(opts.persist),
      ]
    : ["--import", watchdog, cli, "node", "--hostname", "127.0.0.1", "--port", String(port)];
  const child = spawn(process.execPath, args, {
    cwd: contractsDir,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", BACKSTOP_WATCH_STDIN: "1" },
  });
  let log = "";
  let listening = false;
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
    if (/JSON-RPC server at/i.test(log)) listening = true;
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const rpcUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (listening && (await answers(rpcUrl))) {
      // Stop keeping the node's per-request log once it is up; keep draining it.
      child.stdout?.removeListener("data", keep);
      child.stdout?.resume();
      return { rpcUrl, pid: child.pid ?? 0, exited, stop: () => stopChild(child, exited) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child, exited);
  if (/EADDRINUSE|address already in use/i.test(log)) throw new PortInUseError(port);
  throw new DevnetError(
    `the node did not start within ${timeoutMs / 1000}s: ${log.trim().split("\n").pop() ?? ""}`,
  );
}

/** Whether a JSON-RPC node answers eth_chainId at `url`. */
export async function answers(url: string): Promise<boolean> {
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

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
