import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

// The CLI reaches the chain only through the SDK: no raw ABI, no second SDK. The devnet (moving to a package),
// its `dev` command and test set-up helpers are outside this rule.
const root = import.meta.dirname;
const exempt = (file: string) =>
  file.startsWith("devnet/") ||
  file.startsWith("chain/") ||
  file.startsWith("test/") ||
  file === "commands/dev.ts" ||
  file.endsWith(".test.ts");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

test("test_cli_reachesTheChainOnlyThroughTheSdk", () => {
  const offenders: string[] = [];
  for (const path of files(root)) {
    const file = relative(root, path);
    if (exempt(file)) continue;
    const source = readFileSync(path, "utf8");
    if (/from "@backstop\/abi"/.test(source)) offenders.push(`${file}: imports @backstop/abi`);
    if (/\b\w+Abi\b/.test(source.replace(/\/\/.*$/gm, ""))) offenders.push(`${file}: names an ABI`);
    if (/from "\.\.?\/(\.\.\/)?chain\//.test(source)) offenders.push(`${file}: imports chain/`);
    if (/from "(viem\/actions)"/.test(source)) offenders.push(`${file}: calls viem actions directly`);
  }
  assert.deepEqual(offenders, []);
});
