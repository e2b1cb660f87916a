// Pure parsing for the replay: command-line options and Chainlink round CSVs. No I/O, no chain.
import { fileURLToPath } from "node:url";

/** A bad command line or input file; the CLI prints its message on one line and exits non-zero. */
export class ReplayInputError extends Error {
  override name = "ReplayInputError";
}

export type PayoutMode = "binary" | "proportional";

export interface ReplayOptions {
  csv: string;
  /** Prices in 8-decimal feed units. */
  peg: bigint;
  triggerPrice: bigint;
  recoveryPrice: bigint;
  /** Seconds. */
  window: number;
  maxStaleness: number;
  payout: PayoutMode;
  /** Only rounds with from <= updatedAt < to are replayed (unix seconds; to = Infinity when open). */
  from: number;
  to: number;
}

export interface Round {
  roundId: bigint;
  /** 8-decimal answer. */
  answer: bigint;
  startedAt: number;
  updatedAt: number;
  answeredInRound: bigint;
}

export const FEED_DECIMALS = 8;

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses `86400`, `45s`, `30m`, `24h`, `2d` or `1w` into whole seconds (> 0). */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhdw]?)$/.exec(text.trim());
  if (!m) throw new ReplayInputError(`invalid duration "${text}" (use seconds or e.g. 30m, 24h, 2d)`);
  const seconds = Number(m[1]) * (DURATION_UNITS[m[2] || "s"] ?? 1);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new ReplayInputError(`invalid duration "${text}" (must be a positive whole number of seconds)`);
  }
  return seconds;
}

/** Parses a non-negative decimal string into an integer with `decimals` decimals, truncating extra digits. */
export function parseDecimal(text: string, decimals: number): bigint {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) throw new ReplayInputError(`invalid decimal "${text}"`);
  const whole = m[1] || "0";
  const frac = (m[2] ?? "").padEnd(decimals, "0").slice(0, decimals);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac || "0");
}

/** Formats an integer with `decimals` decimals as a JS number (for the JSON report). */
export function toDecimalNumber(value: bigint, decimals: number): number {
  return Number(value) / 10 ** decimals;
}

/** The argument list with the bundled rounds file first when it names no CSV file (the script's default). */
export function withDefaultCsv(argv: readonly string[]): string[] {
  return argv.some((a) => a.endsWith(".csv")) ? [...argv] : [DEFAULT_ROUNDS_CSV, ...argv];
}

/**
 * The bundled Chainlink USDC/USD rounds (data/prices at the repository root), resolved from this file so the
 * default works from any working directory.
 */
export const DEFAULT_ROUNDS_CSV = fileURLToPath(
  new URL("../../data/prices/chainlink_usdc_usd_mainnet_rounds.csv", import.meta.url),
);

const USAGE =
  "usage: replay [csv (default: data/prices/chainlink_usdc_usd_mainnet_rounds.csv)] [--trigger-price 0.995] [--recovery-price 0.999] [--window 24h] [--peg 1] " +
  "[--payout binary|proportional] [--max-staleness 25h] [--from <date|unix>] [--to <date|unix>]";

/** Parses unix seconds or an ISO date (`2022-05-01`, `2022-05-01T12:00:00Z`; dates without a zone are UTC). */
export function parseTime(text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms))
    throw new ReplayInputError(`invalid time "${text}" (unix seconds or e.g. 2022-05-01)`);
  return Math.floor(ms / 1000);
}

/** Parses the replay's arguments (after the script name). Defaults follow Etherisc's USDC de-peg product. */
export function parseArgs(argv: readonly string[]): ReplayOptions {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  const known = new Set([
    "trigger-price",
    "recovery-price",
    "window",
    "peg",
    "payout",
    "max-staleness",
    "from",
    "to",
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!known.has(name)) throw new ReplayInputError(`unknown option --${name}; ${USAGE}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === "") throw new ReplayInputError(`option --${name} needs a value`);
    values[name] = value;
  }
  if (positional.length !== 1) throw new ReplayInputError(`expected one CSV file; ${USAGE}`);

  const price = (name: string, fallback: string): bigint => {
    const raw = values[name] ?? fallback;
    try {
      return parseDecimal(raw, FEED_DECIMALS);
    } catch {
      throw new ReplayInputError(`invalid --${name} "${raw}" (a decimal price such as 0.995)`);
    }
  };
  const peg = price("peg", "1");
  const triggerPrice = price("trigger-price", "0.995");
  const recoveryPrice = price("recovery-price", "0.999");
  if (!(triggerPrice > 0n && triggerPrice < recoveryPrice && recoveryPrice <= peg)) {
    throw new ReplayInputError("prices must satisfy 0 < trigger-price < recovery-price <= peg");
  }
  const payout = values.payout ?? "proportional";
  if (payout !== "binary" && payout !== "proportional") {
    throw new ReplayInputError(`invalid --payout "${payout}" (binary or proportional)`);
  }
  const from = values.from === undefined ? 0 : parseTime(values.from);
  const to = values.to === undefined ? Number.POSITIVE_INFINITY : parseTime(values.to);
  if (from >= to) throw new ReplayInputError("--from must be before --to");
  return {
    csv: positional[0] as string,
    peg,
    triggerPrice,
    recoveryPrice,
    window: parseDuration(values.window ?? "24h"),
    maxStaleness: parseDuration(values["max-staleness"] ?? "25h"),
    payout,
    from,
    to,
  };
}

/** Splits one CSV line, honouring double quotes ("" inside quotes is a literal quote). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * Parses a Chainlink round CSV with a header. Needs `roundId`, `updatedAt`, and the answer as `answer` or
 * `answer_raw_8dec` (8-decimal integers) or `price` (a decimal price). `startedAt` and `answeredInRound` are used
 * when present (else updatedAt and roundId).
 */
export function parseRounds(text: string): Round[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new ReplayInputError("the CSV file is empty");
  const header = splitCsvLine(lines[0] as string);
  const col = (name: string): number => header.indexOf(name);
  const iRound = col("roundId");
  const iUpdated = col("updatedAt");
  const iAnswer = col("answer") !== -1 ? col("answer") : col("answer_raw_8dec");
  const iPrice = col("price");
  const iStarted = col("startedAt");
  const iAnswered = col("answeredInRound");
  const missing = [
    iRound === -1 ? "roundId" : "",
    iUpdated === -1 ? "updatedAt" : "",
    iAnswer === -1 && iPrice === -1 ? "answer or price" : "",
  ].filter(Boolean);
  if (missing.length > 0) throw new ReplayInputError(`the CSV header lacks column(s): ${missing.join(", ")}`);

  return lines.slice(1).map((line, n) => {
    const f = splitCsvLine(line);
    const at = (i: number, what: string): string => {
      const v = f[i];
      if (v === undefined || v === "") throw new ReplayInputError(`line ${n + 2}: missing ${what}`);
      return v;
    };
    const int = (i: number, what: string): bigint => {
      const v = at(i, what);
      if (!/^-?\d+$/.test(v)) throw new ReplayInputError(`line ${n + 2}: invalid ${what} "${v}"`);
      return BigInt(v);
    };
    const roundId = int(iRound, "roundId");
    const updatedAt = Number(int(iUpdated, "updatedAt"));
    let answer: bigint;
    if (iAnswer !== -1) answer = int(iAnswer, "answer");
    else {
      try {
        answer = parseDecimal(at(iPrice, "price"), FEED_DECIMALS);
      } catch (e) {
        if (e instanceof ReplayInputError && e.message.startsWith("line")) throw e;
        throw new ReplayInputError(`line ${n + 2}: invalid price "${f[iPrice]}"`);
      }
    }
    const startedAt = iStarted !== -1 && f[iStarted] ? Number(int(iStarted, "startedAt")) : updatedAt;
    const answeredInRound = iAnswered !== -1 && f[iAnswered] ? int(iAnswered, "answeredInRound") : roundId;
    return { roundId, answer, startedAt, updatedAt, answeredInRound };
  });
}

/**
 * Orders rounds by updatedAt (then roundId) and drops duplicates: repeated roundIds, and all but the last round
 * sharing one updatedAt (the later round is the feed's answer at that second).
 */
export function orderRounds(rounds: readonly Round[]): Round[] {
  const sorted = [...rounds].sort((a, b) =>
    a.updatedAt !== b.updatedAt
      ? a.updatedAt - b.updatedAt
      : a.roundId < b.roundId
        ? -1
        : a.roundId > b.roundId
          ? 1
          : 0,
  );
  const seen = new Set<bigint>();
  const out: Round[] = [];
  for (const r of sorted) {
    if (seen.has(r.roundId)) continue;
    seen.add(r.roundId);
    const last = out[out.length - 1];
    if (last && last.updatedAt === r.updatedAt) out[out.length - 1] = r;
    else out.push(r);
  }
  return out;
}
