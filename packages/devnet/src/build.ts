// Builds the contracts and generates @backstop/abi, printing progress while solc (wasm) works. No workspace
// imports: this runs before @backstop/abi exists on a fresh clone.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./paths.ts";

const contractsDir = resolve(repoRoot, "contracts");

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let out = "";
    const keep = (c: Buffer) => {
      out = (out + c.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", fail);
    child.once("exit", (code) => done({ code, out }));
  });
}

/**
 * `hardhat build` (incremental: a few seconds when nothing changed) then the ABI generator. `onProgress`
 * gets a line when it starts and then every `everyMs` while solc compiles (the first build takes minutes).
 */
export async function buildContracts(
  p: { onProgress?: (line: string) => void; everyMs?: number } = {},
): Promise<{ ms: number; compiled: boolean }> {
  const say = p.onProgress ?? (() => {});
  const fresh = !existsSync(resolve(contractsDir, "artifacts"));
  const t0 = Date.now();
  say(
    fresh
      ? "compiling the contracts (first run: about 4-5 minutes on 2 cores; later runs take seconds)..."
      : "checking the contracts build...",
  );
  const timer = setInterval(() => {
    const s = Math.round((Date.now() - t0) / 1000);
    say(`  still compiling... ${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`);
  }, p.everyMs ?? 15_000);
  timer.unref();
  try {
    const hardhat = resolve(repoRoot, "node_modules/hardhat/dist/src/cli.js");
    const built = await run(process.execPath, [hardhat, "build", "--quiet"], contractsDir);
    if (built.code !== 0) throw new Error(`hardhat build failed:\n${built.out.trim()}`);
    const tsx = resolve(repoRoot, "node_modules/tsx/dist/cli.mjs");
    const gen = await run(process.execPath, [tsx, "scripts/gen-abi.ts"], contractsDir);
    if (gen.code !== 0) throw new Error(`ABI generation failed:\n${gen.out.trim()}`);
  } finally {
    clearInterval(timer);
  }
  const ms = Date.now() - t0;
  say(`contracts ready (${(ms / 1000).toFixed(1)}s)`);
  return { ms, compiled: fresh };
}
