// What index.html's inline script fetched while the bundle loaded: the runtime config and the first
// /v1/stats answer. Each is handed out once; later reads go to the network as usual.
type Boot = Promise<{ config: unknown; status: number; stats?: Promise<unknown> }>;

const w = window as unknown as { __backstopBoot?: Boot };

export function takeBootConfig(): Boot | undefined {
  const boot = w.__backstopBoot;
  w.__backstopBoot = undefined;
  if (boot) earlyStats = boot.then((b) => b.stats).catch(() => undefined);
  return boot;
}

let earlyStats: Promise<unknown> | undefined;

/** The early /v1/stats answer, once (undefined when there was none or it failed). */
export function takeEarlyStats(): Promise<unknown> | undefined {
  const stats = earlyStats;
  earlyStats = undefined;
  return stats;
}
