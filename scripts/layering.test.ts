// Layering rules of docs ARCHITECTURE.md, checked by a small import scan (CI: `npm run test:layering`).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", "artifacts", "cache", "types", "generated", "dist", ".ponder"]);

function* files(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith(".")) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(m?[jt]sx?)$/.test(name) && !name.endsWith(".d.ts")) yield full;
  }
}

type Import = { spec: string; names: string[] };
/** Static imports, re-exports and dynamic imports of a file, with the named bindings of each. */
export function importsOf(text: string): Import[] {
  const out: Import[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s+(type\s+)?([^"'`;]*?)\s*from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4] ?? m[5] ?? "";
    const clause = m[2] ?? "";
    const braces = clause.match(/\{([^}]*)\}/)?.[1] ?? "";
    const names = braces
      .split(",")
      .map((n) =>
        n
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0]
          ?.trim(),
      )
      .filter((n): n is string => !!n);
    out.push({ spec, names });
  }
  return out;
}

function workspaces(kind: "apps" | "packages"): { dir: string; name: string }[] {
  const base = join(root, kind);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((d) => existsSync(join(base, d, "package.json")))
    .map((d) => ({
      dir: join(base, d),
      name: (JSON.parse(readFileSync(join(base, d, "package.json"), "utf8")) as { name: string }).name,
    }));
}

const apps = workspaces("apps");
const packages = workspaces("packages");
const workspaceOf = (name: string) =>
  [...apps, ...packages].find((w) => name === w.name || name.startsWith(`${w.name}/`));
const isTest = (file: string) => /\.test\.[jt]sx?$|[\\/](test|tests|e2e)[\\/]|test-helpers/.test(file);

/** The workspace directory an import lands in (package name or relative path), if it is one. */
function target(file: string, spec: string): string | undefined {
  if (spec.startsWith(".")) {
    const abs = resolve(dirname(file), spec);
    const w = [...apps, ...packages].find((x) => abs === x.dir || abs.startsWith(x.dir + sep));
    if (w) return w.dir;
    if (abs.startsWith(join(root, "contracts") + sep)) return join(root, "contracts");
    return undefined;
  }
  return workspaceOf(spec)?.dir;
}

type Violation = string;
function scan(): Violation[] {
  const v: Violation[] = [];
  const rel = (f: string) => relative(root, f);
  const check = (dir: string, rule: (file: string, imp: Import) => string | undefined) => {
    for (const file of files(dir)) {
      for (const imp of importsOf(readFileSync(file, "utf8"))) {
        const why = rule(file, imp);
        if (why) v.push(`${rel(file)}: imports "${imp.spec}": ${why}`);
      }
    }
  };
  // contracts/ is a leaf.
  check(join(root, "contracts"), (file, imp) =>
    imp.spec.startsWith("@backstop/") ||
    (target(file, imp.spec) && !target(file, imp.spec)?.endsWith("contracts"))
      ? "contracts/ imports no workspace package (move the script or test to e2e/)"
      : undefined,
  );
  // Apps never import other apps.
  for (const app of apps)
    check(app.dir, (file, imp) => {
      const t = target(file, imp.spec);
      return t && t !== app.dir && apps.some((a) => a.dir === t)
        ? "an app imports no other app (share it through a package)"
        : undefined;
    });
  // Packages never import apps; core and risk import no workspace package but core.
  for (const pkg of packages)
    check(pkg.dir, (file, imp) => {
      const t = target(file, imp.spec);
      if (t && apps.some((a) => a.dir === t)) return "a package imports no app";
      if ((pkg.name === "@backstop/core" || pkg.name === "@backstop/risk") && t && t !== pkg.dir) {
        const w = [...packages].find((p) => p.dir === t);
        if (w && w.name !== "@backstop/core")
          return `${pkg.name} imports no workspace package but @backstop/core`;
      }
      return undefined;
    });
  // bench/ imports packages, never an app's internals: an app's public entry (its package name, e.g. the
  // indexer's startIndexer, which the indexer and quote benchmarks measure) is allowed; a path into it is not.
  check(join(root, "bench"), (file, imp) => {
    const t = target(file, imp.spec);
    const entry = apps.some((a) => a.name === imp.spec);
    return t && apps.some((a) => a.dir === t) && !entry
      ? "bench imports packages, never an app's internals"
      : undefined;
  });
  return v;
}

/** Raw and mock ABIs named outside packages/abi and the SDK, in production paths (tests and e2e excluded). */
function abiNames(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const dirs = [...apps.map((a) => a.dir), ...packages.map((p) => p.dir), join(root, "bench")].filter(
    (d) => !d.endsWith(`${sep}abi`) && !d.endsWith(`${sep}sdk`),
  );
  for (const dir of dirs)
    for (const file of files(dir)) {
      if (isTest(file)) continue;
      for (const imp of importsOf(readFileSync(file, "utf8"))) {
        if (imp.spec !== "@backstop/abi") continue;
        const abis = imp.names.filter((n) => /Abi$/.test(n));
        if (abis.length) found.set(relative(root, file), abis);
      }
    }
  return found;
}

/**
 * Today's files that still name raw ABIs (best effort: the rule is "only packages/abi and the SDK"). This list
 * may only shrink: a new file naming a raw ABI fails the test. The devnet names mock ABIs to deploy its mock
 * feeds (a dev tool, never a production path); no other production path may name a mock ABI.
 */
const RAW_ABI_BASELINE = new Set([
  // The indexer reads events: Ponder's config and handlers take the contracts' ABIs by design.
  "apps/indexer/ponder/ponder.config.ts",
  "apps/indexer/ponder/src/index.ts",
  "apps/indexer/src/testing.ts",
  "packages/keeper/src/context.ts",
  "packages/keeper/src/triggers.ts",
  "packages/keeper/src/keeper.ts",
  "packages/keeper/src/tick.ts",
  // Keeper-local Settlement.claimMany until the SDK has the action.
  "packages/keeper/src/claimMany.ts",
  "packages/devnet/src/seed.ts",
  // Deploys the periphery's demo yield vault (a mock) for the devnet.
  "packages/devnet/src/seedPeriphery.ts",
  // Devnet controls: mock feeds (the CLI's `feed` command calls these instead of naming the mock's ABI).
  "packages/devnet/src/controls.ts",
  "bench/src/quote.ts",
  "bench/src/indexer.ts",
]);
const MOCK_ABI_ALLOWED = new Set([
  "packages/devnet/src/seed.ts",
  "packages/devnet/src/controls.ts",
  "packages/devnet/src/seedPeriphery.ts",
  "bench/src/quote.ts",
  "bench/src/indexer.ts",
  // The indexer tests' chain fixture (test support, not a production path).
  "apps/indexer/src/testing.ts",
]);

test("test_layering_importsFollowTheArchitecture", () => {
  const v = scan();
  assert.deepEqual(v, [], `layering violations:\n${v.join("\n")}`);
});

test("test_layering_rawAbisOnlyInAbiAndSdk", () => {
  const found = abiNames();
  const fresh = [...found.keys()].filter((f) => !RAW_ABI_BASELINE.has(f));
  assert.deepEqual(
    fresh,
    [],
    `name a raw ABI outside packages/abi and the SDK (use an SDK action):\n${fresh.join("\n")}`,
  );
  const mocks = [...found.entries()]
    .filter(([f, names]) => !MOCK_ABI_ALLOWED.has(f) && names.some((n) => /^mock/i.test(n)))
    .map(([f, n]) => `${f}: ${n.join(", ")}`);
  assert.deepEqual(mocks, [], `a production path names a mock ABI:\n${mocks.join("\n")}`);
});

test("test_layering_scannerSeesImportForms", () => {
  const imps = importsOf(
    `import a from "x";\nimport { b, type C as D } from "@backstop/abi";\nexport { e } from './e.ts';\nconst f = await import("y");\nimport "z";`,
  );
  assert.deepEqual(
    imps.map((i) => i.spec),
    ["x", "@backstop/abi", "./e.ts", "y", "z"],
  );
  assert.deepEqual(imps[1]?.names, ["b", "C"]);
});

/** wagmi and viem calls that take an ABI: the web app makes none of them; it calls the SDK's actions instead. */
const RAW_CONTRACT_CALLS =
  /\b(useReadContracts?|useWriteContract|useSimulateContract|useWatchContractEvent|useInfiniteReadContracts|readContract|writeContract|simulateContract|getContract)\b/;

test("test_layering_webReachesTheChainOnlyThroughTheSdk", () => {
  const src = join(root, "apps/web/src");
  const v: string[] = [];
  for (const file of files(src)) {
    const text = readFileSync(file, "utf8");
    for (const imp of importsOf(text)) {
      if (imp.spec === "@backstop/devnet") v.push(`${relative(root, file)}: the page imports the devnet`);
      if (imp.spec === "@backstop/abi" && imp.names.some((n) => /Abi$/.test(n)))
        v.push(`${relative(root, file)}: names a raw ABI (${imp.names.join(", ")})`);
    }
    const call = RAW_CONTRACT_CALLS.exec(text);
    if (call) v.push(`${relative(root, file)}: calls ${call[1]} (use an SDK action)`);
  }
  assert.deepEqual(v, [], `the web app reaches the chain only through the SDK:\n${v.join("\n")}`);
});
