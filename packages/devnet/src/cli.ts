import { parseArgs } from "node:util";
import { KEEPER_INDEX } from "./accounts.ts";
import { watchAncestors } from "./ancestors.ts";
import { connectRead } from "./chain.ts";
import { DevnetError, PortInUseError } from "./errors.ts";
import { assertPortFree } from "./ports.ts";
import type { PeripherySeed } from "./seedTypes.ts";
import { startApiService, startWebService } from "./services.ts";
import { type Devnet, startDevnet } from "./start.ts";
import { formatStatus, readStatus } from "./summary.ts";
import { formatDuration } from "./table.ts";

export const DEV_USAGE = `usage: backstop dev [--port 8545] [--api-port 42069] [--web-port 5173] [--no-api] [--no-web] [--persist <dir>] [--exit-after-seed] [--poll <ms>] [--json]
Starts a local chain (Hardhat's EDR node), deploys Backstop, seeds markets, pools, capital and policies,
runs the keeper (it settles fired markets and pays every eligible policy to its holder), the indexer and its
HTTP API (OpenAPI at /openapi.json), the web app, and prints every URL.
Ctrl-C stops everything; so does the chain stopping. Without --persist, each start is a fresh chain.
  --port <n>          JSON-RPC port on 127.0.0.1 (default 8545); a busy port is refused before anything starts
  --api-port <n>      indexer HTTP API port on 127.0.0.1 (default 42069); refused before anything starts if busy
  --web-port <n>      web app port on 127.0.0.1 (default 5173); refused before anything starts if busy
  --no-api            run without the indexer and API (and so without the web app)
  --no-web            run without the web app
  --persist <dir>     keep the chain in <dir> (a journal of every state change, replayed at the next start
                      with the same <dir>: no new deployment or seed; chain time resumes where it stopped)
  --exit-after-seed   print the summary and exit (alias --once)
  --poll <ms>         keeper poll interval (default 1000)
  --json              machine-readable summary`;

/** Bad command-line usage of `backstop dev` (exit code 2). */
export class DevUsageError extends DevnetError {
  override name = "DevUsageError";
}

/**
 * A service started next to the chain and the keeper (the indexer + HTTP API will be one), stopped before them.
 */
export type DevService = { name: string; url: string; stop(): Promise<void> };
export type DevServiceFactory = (devnet: Devnet) => Promise<DevService>;

/** Services every devnet start launches after the keeper, besides the indexer and API (none today). */
export const DEV_SERVICES: DevServiceFactory[] = [];

type Io = { out: (s: string) => void; err: (s: string) => void };
const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x), 2);

/**
 * `backstop dev`: runs the devnet until Ctrl-C (SIGINT/SIGTERM), the chain process exiting, or the parent
 * process going away; returns the exit code (0 after a requested stop, 1 when the chain died).
 */
export async function runDev(
  argv: string[],
  opts: { io?: Io; services?: DevServiceFactory[] } = {},
): Promise<number> {
  const io = opts.io ?? stdio;
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "8545" },
      persist: { type: "string" },
      "exit-after-seed": { type: "boolean", default: false },
      once: { type: "boolean", default: false },
      poll: { type: "string", default: "1000" },
      "api-port": { type: "string", default: "42069" },
      "no-api": { type: "boolean", default: false },
      "web-port": { type: "string", default: "5173" },
      "no-web": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(DEV_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new DevUsageError(`invalid --port "${values.port}"`);
  const poll = Number(values.poll);
  if (!Number.isInteger(poll) || poll < 50)
    throw new DevUsageError(`invalid --poll "${values.poll}": expected ms >= 50`);
  const once = values["exit-after-seed"] || values.once;
  const apiPort = Number(values["api-port"]);
  if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65_535 || apiPort === port)
    throw new DevUsageError(`invalid --api-port "${values["api-port"]}"`);
  const webPort = Number(values["web-port"]);
  if (
    !Number.isInteger(webPort) ||
    webPort < 1 ||
    webPort > 65_535 ||
    webPort === port ||
    webPort === apiPort
  )
    throw new DevUsageError(`invalid --web-port "${values["web-port"]}"`);
  const withApi = !once && !values["no-api"];
  const withWeb = withApi && !values["no-web"];
  // Busy ports are refused before the chain starts or anything is deployed, like a busy --port.
  if (withApi)
    await assertPortFree(apiPort).catch(() => {
      throw new PortInUseError(apiPort, "--api-port");
    });
  if (withWeb)
    await assertPortFree(webPort).catch(() => {
      throw new PortInUseError(webPort, "--web-port");
    });
  const say = (s: string) => {
    if (!values.json) io.out(s);
  };
  const devnet = await startDevnet({
    port,
    keeper: !once,
    ...(process.env.BACKSTOP_DEPLOYMENTS_DIR ? { deploymentsDir: process.env.BACKSTOP_DEPLOYMENTS_DIR } : {}),
    pollIntervalMs: poll,
    ...(withApi ? { keeperApiUrl: `http://127.0.0.1:${apiPort}` } : {}),
    ...(values.persist ? { persist: values.persist } : {}),
    onStep: say,
    logger: { info: say, warn: io.err },
  });
  const services: DevService[] = [];
  const stopAll = async () => {
    for (const s of services.reverse()) await s.stop().catch(() => {});
    await devnet.stop();
  };
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    type Named = [what: string, start: DevServiceFactory];
    const factories: Named[] = opts.services
      ? opts.services.map((f): Named => ["a service", f])
      : [
          ...(withApi ? [["the indexer and API", (d: Devnet) => startApiService(d, apiPort)] as Named] : []),
          ...(withWeb ? [["the web app", (d: Devnet) => startWebService(d, webPort, apiUrl)] as Named] : []),
          ...DEV_SERVICES.map((f): Named => ["a service", f]),
        ];
    for (const [what, start] of factories) {
      say(`starting ${what}...`);
      services.push(await start(devnet));
    }
    const { publicClient } = await connectRead(devnet.rpcUrl);
    const status = await readStatus(publicClient, devnet.deployment);
    const d = devnet.deployment;
    const urls = {
      rpc: devnet.rpcUrl,
      ...(devnet.keeper ? { keeperHealth: devnet.keeper.healthUrl } : {}),
      ...Object.fromEntries(services.map((s) => [s.name, s.url])),
    };
    if (values.json)
      io.out(
        json({
          rpcUrl: devnet.rpcUrl,
          urls,
          registryFile: devnet.registryFile,
          persistent: devnet.persistDir !== undefined,
          persistDir: devnet.persistDir,
          resumed: devnet.resumed,
          deployment: d,
          status,
          timings: devnet.timings,
        }),
      );
    else
      io.out(
        [
          "",
          `Backstop devnet (chain ${d.chainId})`,
          `  JSON-RPC       ${devnet.rpcUrl}   (wallets: chain id ${d.chainId})`,
          devnet.keeper
            ? `  keeper health  ${devnet.keeper.healthUrl}`
            : "  keeper         not running (--exit-after-seed)",
          ...services.map((s) => `  ${s.name.padEnd(14)} ${s.url}`),
          ...(services.length === 0
            ? ["  indexer + API  not wired in yet (http://127.0.0.1:42069 once it is)"]
            : []),
          `  deployment     ${devnet.registryFile}`,
          devnet.persistDir
            ? `  state          persisted in ${devnet.persistDir} (${devnet.resumed ? "resumed" : "new"}; journal replayed at the next start with --persist ${devnet.persistDir})`
            : "  state          not persisted: a fresh chain every start (--persist <dir> keeps it)",
          `  markets ${d.markets}   cover manager ${d.coverManager}   settlement ${d.settlement}`,
          `  pool factory ${d.poolFactory}   assessed claims ${d.assessedClaims}   USDC (mock) ${d.stable}`,
          `  feeds USDC ${d.seed?.feeds.USDC?.join(", ")}`,
          `        USDT ${d.seed?.feeds.USDT?.join(", ")}`,
          ...peripheryLines(d.seed?.periphery),
          `  de-peg rule: below $0.995 for ${formatDuration(d.seed?.pegWindow ?? 0)} without a $0.999 recovery; bridge ${d.seed?.bridge}`,
          `  ready in ${((devnet.timings.nodeMs + devnet.timings.deployMs + devnet.timings.seedMs) / 1000).toFixed(1)}s (node ${(devnet.timings.nodeMs / 1000).toFixed(1)}s, deploy ${(devnet.timings.deployMs / 1000).toFixed(1)}s, seed ${(devnet.timings.seedMs / 1000).toFixed(1)}s)`,
          "",
          formatStatus(status),
          "",
          once
            ? "exiting (--exit-after-seed)"
            : [
                `keeper: @backstop/keeper as dev account #${KEEPER_INDEX}; it settles fired markets and pays every eligible policy`,
                ...services
                  .filter((s) => s.name === "web")
                  .map(
                    (s) =>
                      `web app: open ${s.url} and connect "Dev account #0" (or a browser wallet on chain ${d.chainId})`,
                  ),
                "your account: dev account #0 (1,000,000 USDC). In another terminal:",
                `  npm run backstop -- markets --rpc-url ${devnet.rpcUrl}`,
                "  npm run backstop -- buy --market 3 --amount 10000 --period 30d",
                "  npm run backstop -- feed set --asset USDC --price 0.97 && npm run backstop -- time advance 25h",
                "  (the keeper then settles and pays the holder: no claim needed)",
                "  npm run backstop -- vault show --vault demo && npm run backstop -- protect show --series demo",
                "Ctrl-C stops the chain and the keeper.",
              ].join("\n"),
        ].join("\n"),
      );
  } catch (err) {
    await stopAll();
    throw err;
  }
  if (once) {
    await stopAll();
    return 0;
  }
  const why = await new Promise<"signal" | "chain" | "parent">((done) => {
    process.once("SIGINT", () => done("signal"));
    process.once("SIGTERM", () => done("signal"));
    process.once("SIGHUP", () => done("signal"));
    void devnet.chainExited.then(() => done("chain"));
    // The process that started us (or npm above it) was killed: stop rather than run forever.
    watchAncestors(() => done("parent"));
  });
  if (why === "chain") {
    const { code, signal } = await devnet.chainExited;
    io.err(`the chain process exited (${signal ?? `code ${code}`}): stopping the keeper`);
  } else if (why === "parent")
    io.err("the process that started the devnet is gone: stopping the keeper and the chain");
  else say("stopping the keeper and the chain...");
  await stopAll();
  return why === "chain" ? 1 : 0;
}

/** The periphery's addresses, by the names the CLI accepts (`--vault demo`, `--series demo`). */
export function peripheryLines(p: PeripherySeed | undefined): string[] {
  if (!p) return [];
  const series = Object.entries(p.series).map(
    ([name, x]) =>
      `${name} ${x.address} (market ${x.marketId}, expiry ${new Date(Number(x.expiry) * 1000).toISOString().slice(0, 10)})`,
  );
  return [
    `  periphery: insured router ${p.router}   protection factory ${p.protectionFactory}`,
    `    yield vault (mock)  ${Object.entries(p.yieldVaults)
      .map(([n, a]) => `${n} ${a}`)
      .join(", ")}`,
    `    insured vault       ${Object.entries(p.insuredVaults)
      .map(([n, a]) => `${n} ${a}`)
      .join(", ")} (cover rolled: policy #${p.policies.vault})`,
    `    protection series   ${series.join(", ")}`,
    `    risk-price feeds    ${Object.entries(p.riskFeeds)
      .map(([m, a]) => `market ${m} ${a}`)
      .join(", ")}`,
  ];
}
