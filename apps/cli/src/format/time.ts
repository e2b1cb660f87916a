/** Human dates and durations for output and error messages: never raw unix seconds. */

/** "2026-12-02 03:30 UTC" for unix seconds. */
export function formatTime(unix: bigint | number): string {
  const ms = Number(unix) * 1000;
  if (!Number.isFinite(ms)) return String(unix);
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "2d 3h", "25h", "45m", "30s" for seconds (the two largest units). */
export function formatSpan(seconds: bigint | number): string {
  let s = Math.max(0, Math.round(Number(seconds)));
  if (s === 0) return "0s";
  const parts: string[] = [];
  // The largest unit, and the next one down only when it is the adjacent unit ("1d 1h", never "7d 23s").
  const units = [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const;
  const first = units.findIndex(([, size]) => s >= size);
  for (const [unit, size] of units.slice(first, first + 2)) {
    if (s >= size) parts.push(`${Math.floor(s / size)}${unit}`);
    s %= size;
  }
  return parts.join(" ");
}

/** "2026-12-04 03:30 UTC (in 2d)" or "(2h ago)" relative to `now`. */
export function formatWhen(unix: bigint | number, now: bigint | number): string {
  const delta = Number(unix) - Number(now);
  if (delta === 0) return `${formatTime(unix)} (now)`;
  return delta > 0
    ? `${formatTime(unix)} (in ${formatSpan(delta)})`
    : `${formatTime(unix)} (${formatSpan(-delta)} ago)`;
}

/**
 * Rewrites raw unix times ("at 1764645000", "until ...", "before ...", "after ...") as dates and second counts
 * ("604800s") as durations in a message built elsewhere (SDK revert descriptions).
 */
export function humanizeTimes(message: string): string {
  return message
    .replace(
      /\b(at|until|before|after|since) (\d{9,11})\b/g,
      (_, word: string, t: string) => `${word} ${formatTime(Number(t))}`,
    )
    .replace(/\b(\d{2,9})s\b/g, (m, n: string) => (Number(n) >= 60 ? formatSpan(Number(n)) : m));
}
