import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_FREQUENCY_WINDOW } from "../calibration/frequency.ts";
import { loadCalibration, loadProtocolCounts, readDataFile } from "../data.ts";
import {
  ASSUMED_PROTOCOLS_PER_CATEGORY,
  ASSUMED_PROTOCOLS_PER_CHAIN,
  CATEGORIES,
  PROTOCOLS_PER_CATEGORY,
  PROTOCOLS_PER_CHAIN,
} from "./categories.ts";
import { deriveProtocolCounts, parseProtocolCounts, protocolCountNumbers } from "./exposure.ts";

const HEADER = "year,category,chain,protocols,total_tvl_usd,basis,as_of,source,confidence,notes";
const row = (
  year: number,
  category: string,
  chain: string,
  protocols: string,
  extra: Partial<Record<string, string>> = {},
) =>
  [
    year,
    category,
    chain,
    protocols,
    "",
    extra.basis ?? "point-in-time",
    extra.asOf ?? `${year}-06`,
    extra.source ?? `src-${year}`,
    extra.confidence ?? "medium",
    "note",
  ].join(",");

const OPTIONS = {
  window: { fromYear: 2021, toYear: 2025 },
  categoryPriors: { lending: 400, dex: 1000, stablecoin: 100, token: 2000, other: 1000 },
  chainPriors: { ethereum: 1000, bsc: 500, other: 2000 },
  categoryMap: { lending: ["lending"], dex: ["dex"], stablecoin: ["cdp", "algo-stablecoin"] },
};

describe("deriveProtocolCounts", () => {
  const csv = [
    HEADER,
    row(2022, "lending", "", "100"), // line 2: one year from 2023
    row(2023, "lending", "", "200"), // line 3: the window's middle year wins
    row(2026, "lending", "", "999"), // line 4: outside the window, never used
    row(2023, "dex", "", "500", { confidence: "medium", source: "a" }), // line 5
    row(2023, "dex", "", "450", { confidence: "high", source: "b" }), // line 6: same year, higher confidence
    row(2023, "cdp", "", "60", { source: "snap", asOf: "2023" }), // line 7
    row(2023, "algo-stablecoin", "", "20", { source: "snap", asOf: "2023" }), // line 8: summed with line 7
    row(2023, "all", "", "1000", { source: "snap", asOf: "2023" }), // line 9: all-DeFi total
    row(2024, "all", "", "4000", { basis: "point-in-time (lower bound)", confidence: "low" }), // line 10
    row(2023, "all", "ethereum", "800"), // line 11
    row(2021, "all", "bsc", "100"), // line 12
    row(2022, "all", "bsc", "300"), // line 13: nearer to 2023
    row(2023, "all", "", "", {}), // line 14: no count, ignored
  ].join("\n");
  const counts = deriveProtocolCounts(parseProtocolCounts(csv), OPTIONS);

  it("uses the cited row nearest the window's middle year, inside the window only", () => {
    assert.equal(counts.referenceYear, 2023);
    assert.equal(counts.categories.lending?.protocols, 200);
    assert.deepEqual(counts.categories.lending?.lines, [3]);
    assert.equal(counts.categories.lending?.kind, "cited");
  });

  it("breaks a tie of years by confidence", () => {
    assert.equal(counts.categories.dex?.protocols, 450);
    assert.deepEqual(counts.categories.dex?.lines, [6]);
    assert.equal(counts.categories.dex?.confidence, "high");
  });

  it("sums the mapped listings of one snapshot", () => {
    assert.equal(counts.categories.stablecoin?.protocols, 80);
    assert.deepEqual(counts.categories.stablecoin?.lines, [7, 8]);
  });

  it("gives 'other' the residual of the all-DeFi total (nearest year, not the lower bound)", () => {
    const other = counts.categories.other;
    assert.equal(other?.kind, "residual");
    assert.equal(other?.protocols, 1000 - (200 + 450 + 80));
    assert.equal(other?.lines[0], 9);
  });

  it("scales the prior of an uncited group by the geometric mean of cited / prior", () => {
    const scale = Math.exp((Math.log(200 / 400) + Math.log(450 / 1000) + Math.log(80 / 100)) / 3);
    assert.ok(Math.abs(counts.scale.categories - scale) < 1e-12);
    assert.equal(counts.categories.token?.kind, "scaled-assumption");
    assert.equal(counts.categories.token?.protocols, Math.round(2000 * scale));
    assert.deepEqual(counts.categories.token?.lines, []);
  });

  it("derives chains the same way", () => {
    assert.equal(counts.chains.ethereum?.protocols, 800);
    assert.equal(counts.chains.bsc?.protocols, 300);
    assert.deepEqual(counts.chains.bsc?.lines, [13]);
    const scale = Math.exp((Math.log(800 / 1000) + Math.log(300 / 500)) / 2);
    assert.equal(counts.chains.other?.protocols, Math.round(2000 * scale));
  });

  it("flags lower bounds and keeps them when nothing else is in the window", () => {
    const only = deriveProtocolCounts(
      parseProtocolCounts(
        [HEADER, row(2024, "dex", "", "500", { basis: "point-in-time (lower bound)" })].join("\n"),
      ),
      OPTIONS,
    );
    assert.equal(only.categories.dex?.protocols, 500);
    assert.equal(only.categories.dex?.lowerBound, true);
  });

  it("rejects a malformed count", () => {
    assert.throws(() => parseProtocolCounts([HEADER, row(2023, "dex", "", "-3")].join("\n")));
  });
});

describe("bundled protocol counts", () => {
  const counts = loadProtocolCounts();
  const rows = parseProtocolCounts(readDataFile("exposure/defi_protocol_counts.csv"));

  it("PROTOCOLS_PER_CATEGORY and PROTOCOLS_PER_CHAIN equal the derivation from the cited table", () => {
    const numbers = protocolCountNumbers(counts);
    assert.deepEqual(numbers.categories, PROTOCOLS_PER_CATEGORY);
    assert.deepEqual(numbers.chains, PROTOCOLS_PER_CHAIN);
    assert.deepEqual(Object.keys(numbers.categories), [...CATEGORIES]);
    assert.deepEqual(Object.keys(numbers.chains), Object.keys(ASSUMED_PROTOCOLS_PER_CHAIN));
  });

  it("traces every number to CSV lines with a count, or to the scaled-prior rule", () => {
    for (const derived of [...Object.values(counts.categories), ...Object.values(counts.chains)]) {
      if (derived.kind === "scaled-assumption") {
        assert.equal(derived.lines.length, 0);
        assert.match(derived.rule, /no cited count/);
        continue;
      }
      assert.ok(derived.lines.length > 0);
      for (const line of derived.lines) {
        const cited = rows.find((r) => r.line === line);
        assert.ok(cited?.protocols !== undefined, `line ${line} has a count`);
        assert.ok(
          (cited?.year as number) >= DEFAULT_FREQUENCY_WINDOW.fromYear &&
            (cited?.year as number) <= DEFAULT_FREQUENCY_WINDOW.toYear,
        );
      }
    }
    const cited = Object.entries(counts.categories).filter(([, v]) => v.kind === "cited");
    assert.deepEqual(
      cited.map(([k]) => k),
      ["lending", "dex", "bridge", "stablecoin", "liquid-staking", "yield", "derivatives"],
    );
    for (const [category, derived] of cited) {
      const sum = derived.lines.reduce((s, l) => s + (rows.find((r) => r.line === l)?.protocols ?? 0), 0);
      assert.equal(sum, derived.protocols, category);
    }
    assert.equal(counts.categories.other?.kind, "residual");
    for (const uncited of ["restaking", "exchange-custody", "token"]) {
      assert.equal(counts.categories[uncited]?.kind, "scaled-assumption");
      assert.equal(
        counts.categories[uncited]?.protocols,
        Math.round(
          ((ASSUMED_PROTOCOLS_PER_CATEGORY as Record<string, number>)[uncited] ?? 0) *
            counts.scale.categories,
        ),
      );
    }
  });

  it("loadCalibration uses and keeps the derived counts", () => {
    const calibration = loadCalibration();
    assert.deepEqual(calibration.frequency.protocols.categories, PROTOCOLS_PER_CATEGORY);
    assert.deepEqual(calibration.frequency.protocols.chains, PROTOCOLS_PER_CHAIN);
    assert.equal(calibration.protocolCounts?.categories.lending?.protocols, 258);
  });
});
