import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { DevService } from "./cli.ts";
import { DevnetError } from "./errors.ts";
import { repoRoot } from "./paths.ts";

const watchdog = pathToFileURL(resolve(import.meta.dirname, "watchdog.mjs")).href;

/**
 * Runs an app's TypeScript entry (`script`, relative to the repository) as a child process beside the devnet
 * and waits until `readyPath` answers 200 on `port`. Started by path, not imported (a package never imports an
 * app); the watchdog ends the child when the devnet dies, so it never holds the port alone.
 */
export async function startChildService(opts: {
  name: string;
  /** What the service is, for errors: "the indexer", "the web app". */
  what: string;
  script: string;
  args: string[];
  port: number;
  readyPath: string;
  timeoutMs: number;
}): Promise<DevService> {
  const main = resolve(repoRoot, opts.script);
  if (!existsSync(main)) throw new DevnetError(`${opts.what} is missing (${main}): run npm run setup`);
  const child = spawn(process.execPath, ["--import", "tsx", "--import", watchdog, main, ...opts.args], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-2_000);
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await answers(`${url}${opts.readyPath}`))
      return { name: opts.name, url, stop: () => stop(child, exited) };
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop(child, exited);
  throw new DevnetError(`${opts.what} did not start: ${log.trim().split("\n").pop() ?? "no output"}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
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
