// Serves GET /backstop.json (chain, RPC, API and deployment) from the dev and preview servers. The deployment
// file is read on every request, so a devnet restarted on the same port is picked up by a reload.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Plugin } from "vite";

/** What the server tells the app (the shape `src/config.ts` reads). */
export type ServeOptions = {
  rpcUrl: string;
  apiUrl: string;
  /** The deployment registry JSON (`<chainId>.json`, with the devnet's seed records when there are any). */
  deploymentFile: string;
  /** Hardhat's dev accounts are offered as wallets (development chains only). */
  devAccounts: { index: number; address: string; role: string }[];
};

export const CONFIG_ENV = "BACKSTOP_WEB_CONFIG";

function handler(req: IncomingMessage, res: ServerResponse, next: () => void) {
  if (req.url?.split("?")[0] !== "/backstop.json") return next();
  const raw = process.env[CONFIG_ENV];
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  if (!raw) {
    res.statusCode = 503;
    res.end(JSON.stringify({ error: "the server was started without a chain: use npm start" }));
    return;
  }
  try {
    const opts = JSON.parse(raw) as ServeOptions;
    const deployment = JSON.parse(readFileSync(opts.deploymentFile, "utf8"));
    res.end(
      JSON.stringify({
        chainId: deployment.chainId,
        rpcUrl: opts.rpcUrl,
        apiUrl: opts.apiUrl,
        deployment,
        devAccounts: opts.devAccounts,
      }),
    );
  } catch (err) {
    res.statusCode = 503;
    res.end(JSON.stringify({ error: `no deployment yet: ${(err as Error).message}` }));
  }
}

export function runtimeConfig(): Plugin {
  return {
    name: "backstop-runtime-config",
    configureServer: (server) => {
      server.middlewares.use(handler);
    },
    configurePreviewServer: (server) => {
      server.middlewares.use(handler);
    },
  };
}
