// Serves the web app on 127.0.0.1 for one chain: builds the bundle when a source is newer than it, then serves
// it with Vite's preview server (or the dev server with --dev), with /backstop.json telling the app where the
// chain, the API and the deployment are.
//   node --import tsx scripts/serve.ts --rpc http://127.0.0.1:8545 --api http://127.0.0.1:42069 \
//     --deployment .backstop/devnet-8545/31337.json [--port 5173] [--dev]
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEV_MNEMONIC, ROLES_BY_INDEX } from "@backstop/devnet";
import { mnemonicToAccount } from "viem/accounts";
import { build, createServer, preview } from "vite";
import { CONFIG_ENV, type ServeOptions } from "./runtimeConfig.ts";

const root = resolve(import.meta.dirname, "..");

/** The dev accounts and what the devnet seed made each of them. */
export function devAccounts(): ServeOptions["devAccounts"] {
  const r = ROLES_BY_INDEX;
  const role = (i: number) =>
    i === r.governance
      ? "governance, buyer"
      : (r.curators as readonly number[]).includes(i)
        ? `curator of pool ${r.curators.indexOf(i as never)}`
        : (r.lps as readonly number[]).includes(i)
          ? "liquidity provider"
          : (r.buyers as readonly number[]).includes(i)
            ? "buyer"
            : (r.committee as readonly number[]).includes(i)
              ? "assessor"
              : "spare";
  return Array.from({ length: 12 }, (_, index) => ({
    index,
    address: mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).address,
    role: role(index),
  }));
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than the app's sources. */
export function bundleIsStale(): boolean {
  const built = join(root, "dist/index.html");
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, "src")), statSync(join(root, "index.html")).mtimeMs);
  return sources > statSync(built).mtimeMs;
}

export type WebServer = { url: string; close(): Promise<void> };

export async function serveWeb(opts: ServeOptions & { port: number; dev?: boolean }): Promise<WebServer> {
  process.env[CONFIG_ENV] = JSON.stringify({
    rpcUrl: opts.rpcUrl,
    apiUrl: opts.apiUrl,
    deploymentFile: resolve(opts.deploymentFile),
    devAccounts: opts.devAccounts,
  } satisfies ServeOptions);
  const config = { root, configFile: join(root, "vite.config.ts"), logLevel: "warn" as const };
  if (opts.dev) {
    const server = await createServer({ ...config, server: { port: opts.port } });
    await server.listen();
    return { url: `http://127.0.0.1:${opts.port}`, close: () => server.close() };
  }
  if (bundleIsStale()) await build(config);
  const server = await preview({ ...config, preview: { port: opts.port } });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
      api: { type: "string", default: "http://127.0.0.1:42069" },
      deployment: { type: "string" },
      port: { type: "string", default: "5173" },
      dev: { type: "boolean", default: false },
    },
  });
  const rpcPort = new URL(values.rpc).port || "8545";
  const deploymentFile = values.deployment ?? resolve(root, `../../.backstop/devnet-${rpcPort}/31337.json`);
  try {
    const server = await serveWeb({
      rpcUrl: values.rpc,
      apiUrl: values.api,
      deploymentFile,
      devAccounts: devAccounts(),
      port: Number(values.port),
      dev: values.dev,
    });
    process.stdout.write(`web app ${server.url}\n`);
  } catch (err) {
    process.stderr.write(`web: ${(err as Error).message.split("\n")[0]}\n`);
    process.exit(1);
  }
}
