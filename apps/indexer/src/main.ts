// `npm run indexer`: indexes the devnet (or any chain by --rpc) and serves the API until interrupted.
// Options: --rpc <url> --chain-id <id> --deployment <file> --port <port> --host <hostname> --db-dir <dir>
// (DATABASE_URL selects PostgreSQL).
import { parseArgs } from "node:util";
import { startIndexer } from "./start.ts";

const { values } = parseArgs({
  options: {
    rpc: { type: "string", default: process.env.BACKSTOP_RPC_URL ?? "http://127.0.0.1:8545" },
    "chain-id": { type: "string" },
    deployment: { type: "string" },
    port: { type: "string", default: "42069" },
    host: { type: "string", default: "127.0.0.1" },
    "db-dir": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const indexer = await startIndexer({
  rpcUrl: values.rpc,
  ...(values["chain-id"] ? { chainId: Number(values["chain-id"]) } : {}),
  ...(values.deployment ? { deployment: values.deployment } : {}),
  port: Number(values.port),
  hostname: values.host,
  ...(values["db-dir"] ? { dbDir: values["db-dir"] } : {}),
  onLog: (line) => {
    if (values.quiet) return;
    try {
      const l = JSON.parse(line) as { level?: number; msg?: string };
      if ((l.level ?? 30) >= 30 && l.msg) console.log(`indexer: ${l.msg}`);
    } catch {
      console.log(`indexer: ${line}`);
    }
  },
});
console.log(`API on ${indexer.url} (OpenAPI: ${indexer.url}/openapi.json), schema ${indexer.schema}`);
const stop = async () => {
  await indexer.stop();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
