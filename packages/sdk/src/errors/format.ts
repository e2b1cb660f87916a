import { formatUnits } from "viem";

/** Formats a token amount with at least two decimals: 123450000n (6 decimals) -> "123.45". */
export function formatAmount(value: bigint, decimals = 6): string {
  const s = formatUnits(value, decimals);
  const [whole, frac = ""] = s.split(".");
  return `${whole}.${frac.padEnd(2, "0")}`;
}

/** Formats basis points as a percentage: 250n -> "2.50%". */
export function formatBps(bps: bigint): string {
  return `${formatAmount(bps, 2)}%`;
}
