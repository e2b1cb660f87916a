/** A progress bar on stderr, drawn only when stderr is a terminal (never in pipes or CI logs). */
export function progressBar(label: string): { update(done: number, total: number): void; finish(): void } {
  const enabled = Boolean(process.stderr.isTTY);
  let last = -1;
  return {
    update(done, total) {
      if (!enabled) return;
      const percent = Math.floor((100 * done) / total);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((width * done) / total);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}%`);
    },
    finish() {
      if (enabled) process.stderr.write("\r\x1b[K");
    },
  };
}
