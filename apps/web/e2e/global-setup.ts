// Starts the devnet the way `npm start` does (chain, keeper, indexer + API, web app) on free ports, for the
// whole suite; its URLs reach the tests through the environment.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../../..");

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

export default async function globalSetup() {
  const [rpc, api, web] = [await freePort(), await freePort(), await freePort()];
  const home = mkdtempSync(join(tmpdir(), "backstop-web-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repo, "packages/devnet/bin/devnet.js"),
      "--port",
      String(rpc),
      "--api-port",
      String(api),
      "--web-port",
      String(web),
      "--poll",
      "250",
      "--json",
    ],
    { cwd: repo, env: { ...process.env, BACKSTOP_HOME: home }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    err = (err + c.toString()).slice(-4_000);
  });
  const summary = await new Promise<{ urls: Record<string, string>; registryFile: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the devnet did not start in 5 min:\n${err}`)), 300_000);
    const check = () => {
      const start = out.indexOf("{");
      if (start < 0) return;
      try {
        const parsed = JSON.parse(out.slice(start));
        clearTimeout(timer);
        done(parsed);
      } catch {
        // not complete yet
      }
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => fail(new Error(`the devnet exited (${code}):\n${err}`)));
  });
  process.env.BACKSTOP_WEB_URL = summary.urls.web;
  process.env.BACKSTOP_API_URL = summary.urls.api;
  process.env.BACKSTOP_RPC_URL = summary.urls.rpc;
  process.env.BACKSTOP_REGISTRY = summary.registryFile;
  return async () => {
    child.kill("SIGTERM");
    await new Promise((done) => child.once("exit", done));
  };
}
