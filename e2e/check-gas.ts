/**
 * Fails when a gas figure in bench/results/gas.json grows more than 2% over the committed snapshot
 * (bench/gas-snapshot.json). `--update` rewrites the snapshot from the latest results.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TOLERANCE = 0.02;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const resultsPath = path.join(root, "bench/results/gas.json");
const snapshotPath = path.join(root, "bench/gas-snapshot.json");

function readFigures(file: string): Record<string, number> {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const figures: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    const n =
      typeof value === "object" && value !== null && "gas" in value ? (value as { gas: unknown }).gas : value;
    if (typeof n === "number" || typeof n === "string") figures[key] = Number(n);
  }
  return figures;
}

const results = readFigures(resultsPath);
if (process.argv.includes("--update")) {
  writeFileSync(snapshotPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`gas snapshot: ${Object.keys(results).length} figures written to bench/gas-snapshot.json`);
  process.exit(0);
}
const snapshot = readFigures(snapshotPath);
const grown: string[] = [];
for (const [key, before] of Object.entries(snapshot)) {
  const now = results[key];
  if (now === undefined) grown.push(`${key}: missing from the results`);
  else if (now > before * (1 + TOLERANCE))
    grown.push(`${key}: ${before} -> ${now} (+${((now / before - 1) * 100).toFixed(1)}%)`);
}
if (grown.length > 0) {
  console.error(
    `gas grew more than ${TOLERANCE * 100}% over bench/gas-snapshot.json:\n  ${grown.join("\n  ")}`,
  );
  process.exit(1);
}
console.log(`gas: ${Object.keys(snapshot).length} figures within ${TOLERANCE * 100}% of the snapshot`);
