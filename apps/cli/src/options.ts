import type { ParseArgsConfig } from "node:util";

/** Options every chain command accepts. */
export const CHAIN_OPTIONS = {
  network: { type: "string" },
  "rpc-url": { type: "string" },
  account: { type: "string" },
  yes: { type: "boolean", short: "y", default: false },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  // Rejected with a message: keys never come from the command line.
  "private-key": { type: "string" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export const CHAIN_USAGE = `  --network <name>     a network of the config file, or local (default; or $BACKSTOP_NETWORK)
  --rpc-url <url>      JSON-RPC endpoint, overriding the network's (or $BACKSTOP_RPC_URL for local)
  --account <name>     signer from the encrypted keystore (\`backstop keys\`; or $BACKSTOP_ACCOUNT);
                       else $BACKSTOP_PRIVATE_KEY; on local, the first development account
  --yes, -y            skip the confirmation asked before a write on a non-local network
  --json               machine-readable output (errors too: {"error":{"code","message"}} on stdout)`;

/** Prints `data` as JSON when `json`, else the text. */
export function output(json: boolean | undefined, data: unknown, text: () => string): void {
  if (json) console.log(toJson(data));
  else console.log(text());
}

/** Keys whose values are ids: always JSON numbers. */
const ID_KEY = /^(id|ids|pools)$|(Id|Ids)$/;

/** Bigints as decimal strings (amounts keep full precision), ids as numbers. */
export function normalizeJson(value: unknown, key = ""): unknown {
  const isId = ID_KEY.test(key);
  if (typeof value === "bigint") return isId ? Number(value) : value.toString();
  if (isId && typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  if (Array.isArray(value)) return value.map((v) => normalizeJson(v, isId ? key : ""));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeJson(v, k)]));
  }
  return value;
}

export function toJson(data: unknown): string {
  return JSON.stringify(normalizeJson(data), null, 2);
}
