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

/** Seconds as `2d`, `25h`, `5m` or `90s`. */
export function formatDuration(seconds: number | bigint): string {
  const s = Number(seconds);
  if (s % 86_400 === 0 && s >= 2 * 86_400) return `${s / 86_400}d`;
  if (s % 3_600 === 0) return `${s / 3_600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}
