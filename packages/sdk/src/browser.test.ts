import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, it } from "node:test";
import { build, type Plugin } from "esbuild";

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Bundles `entry` for the browser; returns every Node built-in the import graph reaches, with its importer. */
async function nodeImports(entry: string): Promise<string[]> {
  const found: string[] = [];
  const record: Plugin = {
    name: "record-node-builtins",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!builtins.has(args.path) && !args.path.startsWith("node:")) return undefined;
        found.push(`${args.path} (imported by ${path.relative(process.cwd(), args.importer)})`);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    metafile: true,
    logLevel: "silent",
    plugins: [record],
  });
  // The bundle holds the whole graph (sanity: the scan saw the files it judged).
  assert.ok(Object.keys(result.metafile.inputs).length >= 1);
  return found;
}

/** The files of `entry`'s browser bundle. */
async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("browser safety", () => {
  it("test_sdkEntry_importsNoNodeModule", async () => {
    const entry = path.resolve(import.meta.dirname, "index.ts");
    assert.deepEqual(await nodeImports(entry), []);
    assert.ok(
      (await inputsOf(entry)).some((f) => f.endsWith("deploy/deployBackstop.ts")),
      "the graph is complete",
    );
  });

  it("test_abiEntry_importsNoNodeModule", async () => {
    const entry = path.resolve(import.meta.dirname, "../../abi/src/index.ts");
    assert.deepEqual(await nodeImports(entry), []);
  });

  it("test_scan_catchesANodeImport", async () => {
    // The check itself works: the node-only deployments helper is caught.
    const entry = path.resolve(import.meta.dirname, "../../abi/src/deployments.ts");
    const found = await nodeImports(entry);
    assert.ok(
      found.some((f) => f.startsWith("node:fs")),
      found.join(", "),
    );
  });
});
