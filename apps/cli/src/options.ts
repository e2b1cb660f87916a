import type { ParseArgsConfig } from "node:util";

/** Options every chain command accepts. */
export const CHAIN_OPTIONS = {
  "rpc-url": { type: "string" },
  "private-key": { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export const CHAIN_USAGE = `  --rpc-url <url>      JSON-RPC endpoint (default http://127.0.0.1:8545, or $BACKSTOP_RPC_URL)
  --private-key <hex>  signer (default on the devnet: the first Hardhat dev account; or $BACKSTOP_PRIVATE_KEY)
  --json               machine-readable output`;

/** Prints `data` as JSON (bigints as decimal strings) when `json`, else the text. */
export function output(json: boolean | undefined, data: unknown, text: () => string): void {
  if (json) console.log(toJson(data));
  else console.log(text());
}

export function toJson(data: unknown): string {
  return JSON.stringify(data, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}
