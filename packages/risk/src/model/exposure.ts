/**
 * Protocol counts per category and per chain (the exposure base of the frequency model) derived from
 * the cited table data/exposure/defi_protocol_counts.csv. Pure: takes the CSV text or its parsed rows.
 *
 * Rule (docs/risk.md, "Frequency"), for each engine category or chain:
 * 1. cited: a row (or, for a category mapped to several DefiLlama categories, the rows of one
 *    snapshot = same source and date, summed) with a protocol count whose year lies in the
 *    calibration window. Among candidates the one nearest the window's middle year wins (the count is
 *    a level held for the whole window; the year index carries the time variation), then a snapshot
 *    that covers every mapped DefiLlama category, then higher confidence, then not a lower bound,
 *    then the later year. Rows outside the window are kept in the table but not used.
 * 2. residual ("other" category only): the cited all-DeFi total (same selection) minus the cited
 *    categories: protocols in DefiLlama categories the engine does not price.
 * 3. scaled assumption: no fact. The stated prior (the old rounded assumption) times the geometric
 *    mean of cited / prior over the groups of the same dimension that are cited, so the level follows
 *    the facts and only the shape between uncited groups remains an assumption.
 */
import { parseCsv } from "../calibration/csv.ts";
import { ValidationError } from "../errors.ts";

export interface ProtocolCountRow {
  /** 1-based line of the row in the CSV (the header is line 1). */
  line: number;
  year: number;
  category: string;
  /** Empty for category rows; a chain id (ethereum, bsc, base, ...) for per-chain rows. */
  chain: string;
  protocols: number | undefined;
  basis: string;
  asOf: string;
  source: string;
  confidence: "high" | "medium" | "low";
}

export type CountKind = "cited" | "residual" | "scaled-assumption";

export interface DerivedCount {
  protocols: number;
  kind: CountKind;
  /** CSV lines the number comes from (empty for a scaled assumption). */
  lines: number[];
  /** Year and date of the rows used; empty for a scaled assumption. */
  year?: number;
  asOf?: string;
  source?: string;
  confidence?: "high" | "medium" | "low";
  /** The row says the count is a lower bound ("500+", "over 4,000"). */
  lowerBound: boolean;
  /** How the number was obtained, in words. */
  rule: string;
}

export interface ProtocolCounts {
  /** Middle year of the calibration window: cited rows nearest to it are preferred. */
  referenceYear: number;
  window: { fromYear: number; toYear: number };
  categories: Record<string, DerivedCount>;
  chains: Record<string, DerivedCount>;
  /** Geometric mean of cited / prior, the factor applied to the priors of uncited groups. */
  scale: { categories: number; chains: number };
}

export interface ProtocolCountOptions {
  window: { fromYear: number; toYear: number };
  /** Engine categories with their prior (the rounded assumption used where no fact exists). */
  categoryPriors: Record<string, number>;
  /** Chains with their prior; "other" is every chain not listed. */
  chainPriors: Record<string, number>;
  /** Engine category -> CSV categories (DefiLlama listings) whose counts add up to it. */
  categoryMap: Record<string, readonly string[]>;
  /** Engine category that takes the residual of the all-DeFi total (default "other"). */
  residualCategory?: string;
}

const CONFIDENCE_RANK = { high: 2, medium: 1, low: 0 } as const;

export function parseProtocolCounts(csvText: string): ProtocolCountRow[] {
  return parseCsv(csvText).map((r, index) => {
    const year = Number(r.year);
    if (!Number.isInteger(year))
      throw new ValidationError(`protocol counts line ${index + 2}`, r.year, "year");
    const confidence = (r.confidence ?? "").trim();
    if (confidence !== "high" && confidence !== "medium" && confidence !== "low") {
      throw new ValidationError(`protocol counts line ${index + 2}`, confidence, "high, medium or low");
    }
    const raw = (r.protocols ?? "").trim();
    const protocols = raw === "" ? undefined : Number(raw);
    if (protocols !== undefined && !(Number.isFinite(protocols) && protocols > 0)) {
      throw new ValidationError(`protocol counts line ${index + 2}`, raw, "a positive count");
    }
    return {
      line: index + 2,
      year,
      category: (r.category ?? "").trim(),
      chain: (r.chain ?? "").trim(),
      protocols,
      basis: r.basis ?? "",
      asOf: r.as_of ?? "",
      source: r.source ?? "",
      confidence,
    };
  });
}

const isLowerBound = (row: ProtocolCountRow) => /lower bound/i.test(row.basis);

interface Candidate {
  rows: ProtocolCountRow[];
  protocols: number;
  complete: boolean;
}

/** Best cited snapshot for a set of CSV categories (summed within one source and date). */
function bestCandidate(
  rows: ProtocolCountRow[],
  categories: readonly string[],
  chain: string,
  options: ProtocolCountOptions,
  referenceYear: number,
): Candidate | undefined {
  const usable = rows.filter(
    (r) =>
      r.protocols !== undefined &&
      r.chain === chain &&
      categories.includes(r.category) &&
      r.year >= options.window.fromYear &&
      r.year <= options.window.toYear,
  );
  const snapshots = new Map<string, ProtocolCountRow[]>();
  for (const r of usable) {
    const key = `${r.source}|${r.asOf}`;
    snapshots.set(key, [...(snapshots.get(key) ?? []), r]);
  }
  const candidates: Candidate[] = [...snapshots.values()].map((group) => ({
    rows: group,
    protocols: group.reduce((s, r) => s + (r.protocols as number), 0),
    complete: categories.every((c) => group.some((r) => r.category === c)),
  }));
  const score = (c: Candidate) => {
    const first = c.rows[0] as ProtocolCountRow;
    return [
      -Math.abs(first.year - referenceYear),
      c.complete ? 1 : 0,
      Math.min(...c.rows.map((r) => CONFIDENCE_RANK[r.confidence])),
      c.rows.some(isLowerBound) ? 0 : 1,
      first.year,
    ];
  };
  candidates.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return (sb[i] as number) - (sa[i] as number);
    return 0;
  });
  return candidates[0];
}

function cited(candidate: Candidate, categories: readonly string[]): DerivedCount {
  const first = candidate.rows[0] as ProtocolCountRow;
  const lowest = candidate.rows.reduce((low, r) =>
    CONFIDENCE_RANK[r.confidence] < CONFIDENCE_RANK[low.confidence] ? r : low,
  );
  const parts = candidate.rows.map((r) => `${r.category || "all"} ${r.protocols}`).join(" + ");
  return {
    protocols: candidate.protocols,
    kind: "cited",
    lines: candidate.rows.map((r) => r.line),
    year: first.year,
    asOf: first.asOf,
    source: first.source,
    confidence: lowest.confidence,
    lowerBound: candidate.rows.some(isLowerBound),
    rule:
      candidate.rows.length > 1 || categories.length > 1
        ? `sum of one snapshot's listings: ${parts}${candidate.complete ? "" : " (not every mapped category listed)"}`
        : `cited count (${parts})`,
  };
}

const geometricMean = (values: number[]) =>
  values.length === 0 ? 1 : Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);

function scaled(prior: number, scale: number, dimension: string): DerivedCount {
  return {
    protocols: Math.max(1, Math.round(prior * scale)),
    kind: "scaled-assumption",
    lines: [],
    lowerBound: false,
    rule: `no cited count: prior ${prior} x ${scale.toFixed(4)} (geometric mean of cited / prior over the cited ${dimension})`,
  };
}

export function deriveProtocolCounts(
  rows: ProtocolCountRow[],
  options: ProtocolCountOptions,
): ProtocolCounts {
  const referenceYear = Math.ceil((options.window.fromYear + options.window.toYear) / 2);
  const residualCategory = options.residualCategory ?? "other";

  const categories: Record<string, DerivedCount> = {};
  for (const category of Object.keys(options.categoryPriors)) {
    const mapped = options.categoryMap[category] ?? [];
    if (category === residualCategory || mapped.length === 0) continue;
    const best = bestCandidate(rows, mapped, "", options, referenceYear);
    if (best) categories[category] = cited(best, mapped);
  }
  const citedSum = Object.values(categories).reduce((s, c) => s + c.protocols, 0);
  const total = bestCandidate(rows, ["all"], "", options, referenceYear);
  if (residualCategory in options.categoryPriors && total && total.protocols > citedSum) {
    const base = cited(total, ["all"]);
    categories[residualCategory] = {
      ...base,
      protocols: total.protocols - citedSum,
      kind: "residual",
      lines: [...base.lines, ...Object.values(categories).flatMap((c) => c.lines)],
      rule: `all-DeFi total ${total.protocols} (line ${base.lines.join(", ")}) minus the cited categories (${citedSum})`,
    };
  }
  const categoryScale = geometricMean(
    Object.entries(categories)
      .filter(([c, v]) => v.kind === "cited" && c !== residualCategory)
      .map(([c, v]) => v.protocols / (options.categoryPriors[c] as number)),
  );
  for (const [category, prior] of Object.entries(options.categoryPriors)) {
    if (!categories[category]) categories[category] = scaled(prior, categoryScale, "categories");
  }

  const chains: Record<string, DerivedCount> = {};
  for (const chain of Object.keys(options.chainPriors)) {
    if (chain === "other") continue;
    const best = bestCandidate(rows, ["all"], chain, options, referenceYear);
    if (best) chains[chain] = cited(best, ["all"]);
  }
  const chainScale = geometricMean(
    Object.entries(chains).map(([c, v]) => v.protocols / (options.chainPriors[c] as number)),
  );
  for (const [chain, prior] of Object.entries(options.chainPriors)) {
    if (!chains[chain]) chains[chain] = scaled(prior, chainScale, "chains");
  }

  const order = (record: Record<string, DerivedCount>, keys: string[]) =>
    Object.fromEntries(keys.map((k) => [k, record[k] as DerivedCount]));
  return {
    referenceYear,
    window: options.window,
    categories: order(categories, Object.keys(options.categoryPriors)),
    chains: order(chains, Object.keys(options.chainPriors)),
    scale: { categories: categoryScale, chains: chainScale },
  };
}

/** Just the numbers: { category: protocols } and { chain: protocols }. */
export function protocolCountNumbers(counts: ProtocolCounts): {
  categories: Record<string, number>;
  chains: Record<string, number>;
} {
  const numbers = (record: Record<string, DerivedCount>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.protocols]));
  return { categories: numbers(counts.categories), chains: numbers(counts.chains) };
}
