import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DevService } from "./cli.ts";
import { DevnetError } from "./errors.ts";
import { repoRoot } from "./paths.ts";
import type { Devnet } from "./start.ts";

const watchdog = pathToFileURL(resolve(import.meta.dirname, "watchdog.mjs")).href;

/**
 * The indexer and HTTP API (apps/indexer) beside the devnet. Started as its own process by path, not imported
 * (a package never imports an app); the watchdog ends it if the devnet dies, so it never holds the port alone.
 * Its PGlite database is per chain and RPC port, and it resets itself when the chain's history changed.
 */
export async function startApiService(
  devnet: Devnet,
  port: number,
  timeoutMs = 180_000,
): Promise<DevService> {
  const main = resolve(repoRoot, "apps/indexer/src/main.ts");
  if (!existsSync(main)) throw new DevnetError(`the indexer is missing (${main}): run npm run setup`);
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      watchdog,
      main,
      "--rpc",
      devnet.rpcUrl,
      "--deployment",
      devnet.registryFile,
      "--port",
      String(port),
      "--quiet",
    ],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-2_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await healthy(url)) return { name: "api", url, stop: () => stop(child, exited) };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop(child, exited);
  throw new DevnetError(`the indexer did not start: ${log.trim().split("\n").pop() ?? "no output"}`);
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
  await exited;
  clearTimeout(timer);
}
