// Display formats: amounts in the cover asset (6 decimals), rates, durations and dates.
import { formatUnits, parseUnits } from "viem";

export const DECIMALS = 6;

/** "1,234,567.89" from base units. */
export function usd(value: bigint | string, digits = 2): string {
  const n = Number(formatUnits(BigInt(value), DECIMALS));
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Compact: "1.22M", "980k". */
export function usdShort(value: bigint | string): string {
  const n = Number(formatUnits(BigInt(value), DECIMALS));
  return n.toLocaleString("en-US", { notation: "compact", maximumFractionDigits: 2 });
}

/** Base units from what a person typed ("1,000.5" -> 1000500000n); undefined when it is not an amount. */
export function parseAmount(text: string): bigint | undefined {
  const clean = text.replace(/[,_\s]/g, "");
  if (!/^\d+(\.\d{0,6})?$/.test(clean)) return undefined;
  return parseUnits(clean, DECIMALS);
}

export function bps(value: number, digits = 2): string {
  return `${(value / 100).toFixed(digits)}%`;
}

/** A WAD fraction (1e18 = 100%) as a percentage. */
export function wadPct(value: bigint | string, digits = 2): string {
  return `${(Number(BigInt(value) / 10n ** 12n) / 1e4).toFixed(digits)}%`;
}

export function duration(seconds: number): string {
  if (seconds <= 0) return "now";
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  if (d > 0) return h > 0 ? `${d}d ${h}h` : d === 1 ? "1 day" : `${d} days`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h} hours`;
  return m > 0 ? `${m} min` : `${seconds} s`;
}

export function date(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString("en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
