// Regenerates src/api/schema.d.ts (the API's types) from a running API's OpenAPI document:
//   npm run -w @backstop/web gen:api [-- http://127.0.0.1:42069]
// The Playwright suite checks the committed file against the API it starts.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

export async function apiTypes(apiUrl: string): Promise<string> {
  const ast = await openapiTS(new URL("/openapi.json", apiUrl));
  return `// Generated from the API's /openapi.json by scripts/gen-api-types.ts; do not edit.\n${astToString(ast)}`;
}

export const SCHEMA_FILE = resolve(import.meta.dirname, "../src/api/schema.d.ts");

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const url = process.argv[2] ?? "http://127.0.0.1:42069";
  writeFileSync(SCHEMA_FILE, await apiTypes(url));
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
