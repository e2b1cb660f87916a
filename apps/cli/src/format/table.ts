/** Plain-text table with right-aligned numeric-looking columns. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const numeric = headers.map((_, c) =>
    rows.every((r) => /^[-+$]?[\d.,]+[%kMB]?$|^-$/.test(String(r[c] ?? ""))),
  );
  const line = (r: string[]) =>
    r
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export const usd = (x: number) =>
  Math.abs(x) >= 1e9
    ? `$${(x / 1e9).toFixed(2)}B`
    : Math.abs(x) >= 1e6
      ? `$${(x / 1e6).toFixed(2)}M`
      : `$${(x / 1e3).toFixed(1)}k`;
export const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
