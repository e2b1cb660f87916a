// `npm start` / `backstop dev` as a user runs them: real chains on real ports, real processes and signals.
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import {
  connectRead,
  devnetDeploymentsDir,
  devWallets,
  readDevnetDeployment,
  startDevnet,
} from "@backstop/devnet";
import { createPublicClient, defineChain, erc20Abi, http, parseUnits } from "viem";

const root = resolve(import.meta.dirname, "../..");
const cliBin = join(root, "apps/cli/bin/backstop.js");
const devnetBin = join(root, "packages/devnet/bin/devnet.js");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const listening = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      done(true);
    });
    s.once("error", () => done(false));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A long-running `npm start` (the devnet bin, build skipped: the suite built the contracts). */
function startDev(port: number, home: string): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, [devnetBin, "--port", String(port), "--poll", "200", "--no-api"], {
    env: { ...process.env, BACKSTOP_HOME: home, BACKSTOP_SKIP_BUILD: "1", CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  return { child, out: () => out, err: () => err };
}

test("test_dev_busyPortIsRefusedBeforeAnythingIsDeployed", async () => {
  const home = mkdtempSync(join(tmpdir(), "backstop-busy-"));
  // Something that answers JSON-RPC on the port (e.g. another devnet): it must receive no request at all.
  let requests = 0;
  const server = createHttpServer((_, res) => {
    requests++;
    res.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x7a69" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  try {
    for (const argv of [
      [devnetBin, "--port", String(port)],
      [cliBin, "dev", "--port", String(port), "--exit-after-seed"],
    ]) {
      await assert.rejects(
        promisify(execFile)(process.execPath, argv, {
          env: { ...process.env, BACKSTOP_HOME: home, BACKSTOP_DEPLOYMENTS_DIR: home },
          timeout: 60_000,
        }),
        (err: { code?: number; stderr?: string }) => {
          assert.equal(err.code, 1);
          assert.equal(err.stderr, `backstop: port ${port} is in use: pass --port\n`);
          return true;
        },
      );
    }
    assert.equal(requests, 0, "nothing was sent to the chain on the busy port");
    assert.equal(existsSync(join(home, `devnet-${port}`)), false, "no devnet files written");
    assert.equal(existsSync(join(home, "31337.json")), false, "no deployment written");
  } finally {
    server.close();
  }
});

test("test_dev_busyWebPortIsRefusedBeforeTheChainStarts", async () => {
  const home = mkdtempSync(join(tmpdir(), "backstop-busyweb-"));
  const server = createHttpServer((_, res) => res.end("taken"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port: webPort } = server.address() as { port: number };
  const freePort = () =>
    new Promise<number>((r) => {
      const probe = createHttpServer();
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => r(port));
      });
    });
  const [free, api] = [await freePort(), await freePort()];
  const run = (args: string[]) =>
    promisify(execFile)(
      process.execPath,
      [devnetBin, "--port", String(free), "--api-port", String(api), ...args],
      {
        env: { ...process.env, BACKSTOP_HOME: home, BACKSTOP_SKIP_BUILD: "1" },
        timeout: 60_000,
      },
    );
  try {
    await assert.rejects(run(["--web-port", String(webPort)]), (err: { code?: number; stderr?: string }) => {
      assert.equal(err.code, 1);
      assert.equal(err.stderr, `backstop: port ${webPort} is in use: pass --web-port\n`);
      return true;
    });
    assert.equal(existsSync(join(home, `devnet-${free}`)), false, "nothing started");
    await assert.rejects(run(["--web-port", String(api)]), (err: { code?: number; stderr?: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr ?? "", new RegExp(`invalid --web-port "${api}"`));
      return true;
    });
  } finally {
    server.close();
  }
});

test("test_dev_exitAfterSeedPrintsUrlsAndWritesThePortsRegistry", async () => {
  const home = mkdtempSync(join(tmpdir(), "backstop-dev-"));
  const port = await freePort();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cliBin, "dev", "--exit-after-seed", "--port", String(port), "--json"],
    { env: { ...process.env, BACKSTOP_HOME: home }, timeout: 180_000 },
  );
  const out = JSON.parse(stdout) as {
    rpcUrl: string;
    urls: Record<string, string>;
    registryFile: string;
    persistent: boolean;
    status: { pools: unknown[]; markets: { trigger: string }[]; tvc: string };
  };
  assert.equal(out.rpcUrl, `http://127.0.0.1:${port}`);
  assert.equal(out.urls.rpc, out.rpcUrl);
  assert.equal(out.persistent, false);
  assert.equal(out.registryFile, join(home, `devnet-${port}`, "31337.json"));
  assert.equal(out.status.pools.length, 3);
  assert.equal(out.status.markets.length, 8);
  assert.ok(BigInt(out.status.tvc) > 0n);
  const registry = JSON.parse(readFileSync(out.registryFile, "utf8")) as { seed?: { feeds: object } };
  assert.deepEqual(Object.keys(registry.seed?.feeds ?? {}), ["USDC", "USDT"]);
  // The node is gone: the port is free again.
  assert.equal(await listening(port), false);
});

test("test_dev_twoDevnetsStayApart_chainDeathStopsDev_sigkillLeavesNoNode", async () => {
  const home = mkdtempSync(join(tmpdir(), "backstop-two-"));
  const [pa, pb] = [await freePort(), await freePort()];
  const a = startDev(pa, home);
  const b = startDev(pb, home);
  const exitOf = (c: ChildProcess) =>
    new Promise<{ code: number | null; signal: string | null }>((done) =>
      c.once("exit", (code, signal) => done({ code, signal })),
    );
  const aExit = exitOf(a.child);
  const bExit = exitOf(b.child);
  try {
    await until(
      "both devnets to be ready",
      () => /Ctrl-C stops/.test(a.out()) && /Ctrl-C stops/.test(b.out()),
      240_000,
    );
    const [ua, ub] = [`http://127.0.0.1:${pa}`, `http://127.0.0.1:${pb}`];
    // Each devnet has its own folder: deployment, keeper state and lock.
    assert.equal(devnetDeploymentsDir(ua, home), join(home, `devnet-${pa}`));
    assert.equal(devnetDeploymentsDir(ub, home), join(home, `devnet-${pb}`));
    assert.ok(readDevnetDeployment(ua, home) && readDevnetDeployment(ub, home));
    for (const p of [pa, pb])
      await until(`keeper state of ${p}`, () => existsSync(join(home, `devnet-${p}`, "keeper-state.json")));
    assert.match(a.out(), new RegExp(`JSON-RPC\\s+${ua}`));
    assert.match(a.out(), /keeper health\s+http:\/\/127\.0\.0\.1:\d+\/health/);
    assert.match(a.out(), /state\s+not persisted/);
    // A transfer on one chain does not show on the other.
    const d = readDevnetDeployment<{ stable: `0x${string}` }>(ua, home);
    const chain = defineChain({
      id: 31337,
      name: "devnet",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [ua] } },
    });
    const [me] = devWallets(chain, ua, 1);
    const to = "0x000000000000000000000000000000000000dEaD";
    const hash = await me?.writeContract({
      address: d?.stable as `0x${string}`,
      abi: erc20Abi,
      functionName: "transfer",
      args: [to, parseUnits("1", 6)],
    });
    const read = (url: string) => createPublicClient({ transport: http(url) });
    await read(ua).waitForTransactionReceipt({ hash: hash as `0x${string}` });
    const bal = (url: string) =>
      read(url).readContract({
        address: d?.stable as `0x${string}`,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [to],
      });
    assert.equal(await bal(ua), parseUnits("1", 6));
    assert.equal(await bal(ub), 0n);

    // Killing A's chain stops A's `backstop dev` (and its keeper) with exit code 1; B runs on.
    const lockA = JSON.parse(readFileSync(join(home, `devnet-${pa}`, "devnet.json"), "utf8")) as {
      nodePid: number;
    };
    process.kill(lockA.nodePid, "SIGKILL");
    const ea = await aExit;
    assert.equal(ea.code, 1);
    assert.match(a.err(), /the chain process exited .*: stopping the keeper/);
    assert.equal(await listening(pb), true);

    // SIGKILL of B's devnet process: its chain process goes too, and the port is free again.
    const lockB = JSON.parse(readFileSync(join(home, `devnet-${pb}`, "devnet.json"), "utf8")) as {
      nodePid: number;
    };
    assert.ok(alive(lockB.nodePid));
    b.child.kill("SIGKILL");
    await bExit;
    await until("B's chain process to exit", () => !alive(lockB.nodePid), 10_000);
    await until("B's port to be free", async () => !(await listening(pb)), 10_000);
  } finally {
    a.child.kill("SIGKILL");
    b.child.kill("SIGKILL");
  }
});

test("test_cli_unreachableNodeIsOneLineAndNonZero", async () => {
  await assert.rejects(
    promisify(execFile)(process.execPath, [
      cliBin,
      "status",
      "--rpc-url",
      `http://127.0.0.1:${await freePort()}`,
    ]),
    (err: { code?: number; stderr?: string }) => {
      assert.equal(err.code, 1);
      assert.match(
        err.stderr ?? "",
        /^backstop: no JSON-RPC node at http:\/\/127\.0\.0\.1:\d+: start one with/,
      );
      assert.equal((err.stderr ?? "").trim().split("\n").length, 1);
      return true;
    },
  );
});

test("test_dev_persistReplaysTheChainAtTheNextStart", async () => {
  const home = mkdtempSync(join(tmpdir(), "backstop-persist-home-"));
  const dir = mkdtempSync(join(tmpdir(), "backstop-persist-"));
  const port = await freePort();
  const to = "0x000000000000000000000000000000000000bEEF";
  const first = await startDevnet({ port, stateRoot: home, persist: dir, keeper: false });
  let last: bigint;
  try {
    assert.equal(first.resumed, false);
    const { publicClient, chain } = await connectRead(first.rpcUrl);
    const [me] = devWallets(chain, first.rpcUrl, 1);
    const hash = await me?.writeContract({
      address: first.deployment.stable as `0x${string}`,
      abi: erc20Abi,
      functionName: "transfer",
      args: [to, parseUnits("7", 6)],
    });
    await publicClient.waitForTransactionReceipt({ hash: hash as `0x${string}` });
    await publicClient.request({ method: "evm_increaseTime", params: [86_400] } as never);
    await publicClient.request({ method: "evm_mine", params: [] } as never);
    last = (await publicClient.getBlock()).timestamp;
  } finally {
    await first.stop();
  }
  const second = await startDevnet({ port, stateRoot: home, persist: dir, keeper: false });
  try {
    assert.equal(second.resumed, true);
    assert.deepEqual(second.deployment, first.deployment);
    const { publicClient } = await connectRead(second.rpcUrl);
    const balance = await publicClient.readContract({
      address: second.deployment.stable as `0x${string}`,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [to],
    });
    assert.equal(balance, parseUnits("7", 6), "the transfer survived the restart");
    assert.ok((await publicClient.getBlock()).timestamp >= last, "chain time resumes where it stopped");
  } finally {
    await second.stop();
  }
});
