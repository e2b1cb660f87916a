import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

/** EIP-170: deployed code of at most 24,576 bytes. The core keeps 10% of room to grow. */
const EIP170 = 24_576;
const LIMIT = Math.floor(EIP170 * 0.9);
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.resolve(here, "../../artifacts/src");

function* artifactFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* artifactFiles(full);
    else if (name.endsWith(".json") && !name.endsWith(".dbg.json")) yield full;
  }
}

describe("contract sizes", () => {
  it(`every deployable contract is at most 90% of EIP-170 (${LIMIT} bytes)`, () => {
    const sizes: Record<string, number> = {};
    for (const file of artifactFiles(artifacts)) {
      const artifact = JSON.parse(readFileSync(file, "utf8")) as {
        contractName?: string;
        deployedBytecode?: string;
      };
      if (!artifact.contractName || !artifact.deployedBytecode || artifact.deployedBytecode === "0x")
        continue;
      sizes[artifact.contractName] = (artifact.deployedBytecode.length - 2) / 2;
    }
    assert.ok(sizes.Pool !== undefined && sizes.PoolFactory !== undefined, "artifacts are built");
    const over = Object.entries(sizes).filter(([, size]) => size > LIMIT);
    assert.deepEqual(over, [], `over ${LIMIT} bytes: ${over.map(([n, s]) => `${n} ${s}`).join(", ")}`);
  });
});
