// The devnet's chain when it persists (`--persist <dir>`): Hardhat's EDR chain in this process, served over
// HTTP JSON-RPC on 127.0.0.1, with every state-changing call journaled to <dir>/journal.jsonl and replayed at
// the next start. Hardhat 3's node has no state dump/load; a replayed journal rebuilds the same state (the
// same transactions, each block pinned to its recorded timestamp, on a genesis with the recorded date).
// Chain time resumes from the last block: the time the devnet was stopped does not pass on chain.
// Run as a child of the devnet (node --import tsx --import watchdog.mjs chainProcess.ts --port <n> --persist <dir>).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createHardhatRuntimeEnvironment, importUserConfig } from "hardhat/hre";

const { values } = parseArgs({ options: { port: { type: "string" }, persist: { type: "string" } } });
const port = Number(values.port);
const dir = resolve(values.persist ?? ".");
mkdirSync(dir, { recursive: true });
const journal = join(dir, "journal.jsonl");
const header = join(dir, "chain.json");

/** Calls that change chain state; everything else (reads, estimates, filters) is not journaled. */
const MINING = new Set(["eth_sendTransaction", "eth_sendRawTransaction", "evm_mine", "hardhat_mine"]);
const STATE = new Set([
  ...MINING,
  "hardhat_setBalance",
  "hardhat_setCode",
  "hardhat_setNonce",
  "hardhat_setStorageAt",
  "hardhat_impersonateAccount",
  "hardhat_stopImpersonatingAccount",
  "hardhat_setNextBlockBaseFeePerGas",
  "hardhat_setPrevRandao",
  "hardhat_setCoinbase",
  "evm_snapshot",
  "evm_revert",
]);
type Entry = { m: string; p: unknown[]; ts?: number };

const resuming = existsSync(header) && existsSync(journal);
const initialDate = resuming
  ? (JSON.parse(readFileSync(header, "utf8")) as { initialDate: string }).initialDate
  : new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
if (!resuming) {
  writeFileSync(header, `${JSON.stringify({ initialDate, version: 1 }, null, 2)}\n`);
  writeFileSync(journal, "");
}

const contractsRoot = resolve(import.meta.dirname, "../../../contracts");
const configPath = join(contractsRoot, "hardhat.config.ts");
const hre = await createHardhatRuntimeEnvironment(
  await importUserConfig(configPath),
  { config: configPath },
  contractsRoot,
);
const { provider } = await hre.network.create({ network: "node", override: { initialDate } });
const request = (method: string, params: unknown[] = []) =>
  provider.request({ method, params } as never) as Promise<unknown>;
const latest = async () => {
  const b = (await request("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  return Number(b.timestamp);
};

if (resuming) {
  const lines = readFileSync(journal, "utf8").split("\n").filter(Boolean);
  let replayed = 0;
  let failed = 0;
  for (const line of lines) {
    let e: Entry;
    try {
      e = JSON.parse(line) as Entry;
    } catch {
      continue; // a line cut short by a kill
    }
    try {
      if (e.ts !== undefined && e.ts > (await latest())) await request("evm_setNextBlockTimestamp", [e.ts]);
      await request(e.m, e.p);
      replayed++;
    } catch {
      failed++;
    }
  }
  // Pinning a block's timestamp moves the chain clock with it: chain time resumes where it stopped.
  console.log(
    `replayed ${replayed} journaled calls${failed ? ` (${failed} failed again)` : ""} from ${journal}`,
  );
}

async function handle(req: { jsonrpc: "2.0"; id: unknown; method: string; params?: unknown[] }) {
  try {
    const result = await request(req.method, req.params ?? []);
    if (STATE.has(req.method)) {
      const entry: Entry = { m: req.method, p: req.params ?? [] };
      if (MINING.has(req.method)) entry.ts = await latest();
      appendFileSync(journal, `${JSON.stringify(entry)}\n`);
    }
    return { jsonrpc: "2.0", id: req.id, result: result ?? null };
  } catch (err) {
    const e = err as { code?: number; message?: string; data?: unknown };
    return {
      jsonrpc: "2.0",
      id: req.id,
      error: { code: e.code ?? -32603, message: e.message ?? String(err), data: e.data },
    };
  }
}

const body = (req: IncomingMessage) =>
  new Promise<string>((done, fail) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      text += c;
    });
    req.on("end", () => done(text));
    req.on("error", fail);
  });

// One request at a time, in arrival order: the journal's order is the chain's order.
let queue: Promise<unknown> = Promise.resolve();
const server = createServer((req, res) => {
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return;
  }
  void body(req).then((text) => {
    queue = queue.then(async () => {
      let out: unknown;
      try {
        const parsed = JSON.parse(text) as Parameters<typeof handle>[0] | Parameters<typeof handle>[0][];
        if (Array.isArray(parsed)) {
          const all: unknown[] = [];
          for (const r of parsed) all.push(await handle(r));
          out = all;
        } else out = await handle(parsed);
      } catch {
        out = { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } };
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
    });
  });
});
server.listen(port, "127.0.0.1", () =>
  console.log(`JSON-RPC server at http://127.0.0.1:${port}/ (journal ${journal})`),
);
server.on("error", (err) => {
  console.error(String(err));
  process.exit(1);
});
for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => server.close(() => process.exit(0)));
