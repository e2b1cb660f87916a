import { type Address, getAddress, type Hex, isAddress, parseUnits } from "viem";
import { InvalidArgumentError } from "./errors.ts";

/** A checksummed address. */
export function parseAddress(option: string, raw: string): Address {
  if (!isAddress(raw, { strict: false }))
    throw new InvalidArgumentError(option, raw, "a 0x-prefixed 20-byte address");
  return getAddress(raw);
}

/** A 32-byte hex private key. */
export function parsePrivateKey(raw: string): Hex {
  const key = raw.startsWith("0x") ? raw : `0x${raw}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new InvalidArgumentError("--private-key", "<hidden>", "64 hex digits");
  return key as Hex;
}

/** A positive decimal amount in token units ("1000.5") -> base units. */
export function parseAmount(option: string, raw: string, decimals: number, allowZero = false): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(raw.replaceAll("_", ""));
  if (!m) throw new InvalidArgumentError(option, raw, "a decimal amount in token units, e.g. 1000.5");
  if ((m[2]?.length ?? 0) > decimals)
    throw new InvalidArgumentError(option, raw, `at most ${decimals} decimal places`);
  const value = parseUnits(raw.replaceAll("_", ""), decimals);
  if (value === 0n && !allowZero) throw new InvalidArgumentError(option, raw, "an amount above zero");
  return value;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800, y: 31_536_000 };

/** A duration: "30d", "90d", "25h", "45m", "1y" or plain seconds. */
export function parseDuration(option: string, raw: string): bigint {
  const m = /^(\d+)([smhdwy]?)$/.exec(raw.trim());
  if (!m) throw new InvalidArgumentError(option, raw, "a duration such as 30d, 90d, 25h or seconds");
  const seconds = BigInt(m[1] ?? "0") * BigInt(UNITS[m[2] || "s"] ?? 1);
  if (seconds === 0n) throw new InvalidArgumentError(option, raw, "a duration above zero");
  return seconds;
}

/** A non-negative integer id (market, policy, claim, pool). */
export function parseId(option: string, raw: string | undefined): bigint {
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new InvalidArgumentError(option, raw ?? "", "an integer id");
  return BigInt(raw);
}

/** A price in dollars with up to 8 decimals ("0.97") -> 8-decimal feed units. */
export function parsePrice(option: string, raw: string): bigint {
  const m = /^\d+(?:\.\d{1,8})?$/.exec(raw);
  if (!m) throw new InvalidArgumentError(option, raw, "a price such as 0.97 (at most 8 decimals)");
  const value = parseUnits(raw, 8);
  if (value === 0n) throw new InvalidArgumentError(option, raw, "a price above zero");
  return value;
}

/** Human duration for output: "24h", "30d", "90m". */
export function formatDuration(seconds: number | bigint): string {
  const s = Number(seconds);
  if (s % 86_400 === 0 && s >= 2 * 86_400) return `${s / 86_400}d`;
  if (s % 3_600 === 0) return `${s / 3_600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

/** Basis points: "12.5%" -> 1250, "250" (bps) -> 250. */
export function parseBps(option: string, raw: string, max = 10_000): number {
  const pct = /^(\d+(?:\.\d{1,2})?)%$/.exec(raw);
  const bps = pct ? Math.round(Number(pct[1]) * 100) : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(bps))
    throw new InvalidArgumentError(option, raw, "basis points (250) or a percentage (2.5%)");
  if (bps > max) throw new InvalidArgumentError(option, raw, `at most ${max} bps (${max / 100}%)`);
  return bps;
}

/** A leverage cap: "3x" or "2.5x" -> bps of capital (30000, 25000), or plain bps. */
export function parseLeverage(option: string, raw: string): number {
  const m = /^(\d+(?:\.\d{1,4})?)x$/.exec(raw);
  const bps = m ? Math.round(Number(m[1]) * 10_000) : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(bps) || bps < 10_000 || bps > 100_000)
    throw new InvalidArgumentError(option, raw, "a leverage from 1x to 10x (e.g. 3x) or 10000..100000 bps");
  return bps;
}
