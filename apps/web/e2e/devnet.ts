// Starts the devnet the way `npm start` does (chain, keeper, indexer + API, web app) on free ports, in a
// private state folder. The browser tests and the web benchmark run against it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../../..");

export type SuiteDevnet = {
  urls: { web: string; api: string; rpc: string };
  registryFile: string;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

/** Waits until the API has indexed the chain up to its head at the time of the call (the seeded world). */
async function indexed(rpcUrl: string, apiUrl: string, timeoutMs: number) {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  const head = Number.parseInt(((await res.json()) as { result: string }).result, 16);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await fetch(`${apiUrl}/v1/stats`)
      .then((r) => (r.ok ? (r.json() as Promise<{ blockNumber: number }>) : undefined))
      .catch(() => undefined);
    if (stats && stats.blockNumber >= head) return;
    if (Date.now() > deadline) throw new Error(`the API did not index block ${head} in time`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startSuiteDevnet(timeoutMs = 300_000): Promise<SuiteDevnet> {
  const [rpc, api, web] = [await freePort(), await freePort(), await freePort()];
  const home = mkdtempSync(join(tmpdir(), "backstop-web-"));
  const args = ["--port", rpc, "--api-port", api, "--web-port", web, "--poll", 250].map(String);
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repo, "packages/devnet/bin/devnet.js"), ...args, "--json"],
    {
      cwd: repo,
      env: { ...process.env, BACKSTOP_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err = (err + c.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const summary = await new Promise<{ urls: Record<string, string>; registryFile: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the devnet did not start in time:\n${err}`)), timeoutMs);
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const start = out.indexOf("{");
      if (start < 0) return;
      try {
        const parsed = JSON.parse(out.slice(start));
        clearTimeout(timer);
        done(parsed);
      } catch {
        // the JSON summary is not complete yet
      }
    });
    void exited.then(() => fail(new Error(`the devnet exited:\n${err}`)));
  });
  const { web: webUrl, api: apiUrl, rpc: rpcUrl } = summary.urls;
  if (!webUrl || !apiUrl || !rpcUrl) throw new Error(`the devnet started without the web app: ${out}`);
  await indexed(rpcUrl, apiUrl, timeoutMs);
  return {
    urls: { web: webUrl, api: apiUrl, rpc: rpcUrl },
    registryFile: summary.registryFile,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
