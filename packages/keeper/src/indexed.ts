import type { KeeperContext } from "./context.ts";

/** Blocks the indexer may trail the tick's head before the keeper scans the chain itself. */
const MAX_LAG_BLOCKS = 2n;
const PAGE = 1000;

type Page<K extends string, T> = Record<K, T[]>;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
  return (await res.json()) as T;
}

/**
 * Pending work read from the indexer's HTTP API (apps/indexer) instead of scanning every policy or claim on the
 * chain. Each helper returns undefined (the caller then scans the chain) when no API is configured, it fails,
 * or it trails the tick's head by more than MAX_LAG_BLOCKS; what the API lists is re-checked on the chain
 * before anything is sent, so a stale row can cost a read, never a wrong transaction.
 */
async function pages<K extends string, T>(
  ctx: KeeperContext,
  path: string,
  key: K,
): Promise<T[] | undefined> {
  if (!ctx.apiUrl) return undefined;
  const rows: T[] = [];
  try {
    // The head the API serves (lists are read after it, so they are at least this fresh).
    const { blockNumber } = await getJson<{ blockNumber: number }>(`${ctx.apiUrl}/v1/markets`);
    if (ctx.head && BigInt(blockNumber) + MAX_LAG_BLOCKS < ctx.head.number) {
      ctx.log({ level: "debug", event: "indexer.lagging", path, indexed: blockNumber });
      return undefined;
    }
    for (let offset = 0; ; offset += PAGE) {
      const sep = path.includes("?") ? "&" : "?";
      const body = await getJson<Page<K, T>>(`${ctx.apiUrl}${path}${sep}limit=${PAGE}&offset=${offset}`);
      rows.push(...body[key]);
      if (body[key].length < PAGE) return rows;
    }
  } catch (err) {
    ctx.log({ level: "warn", event: "indexer.unavailable", path, reason: (err as Error).message });
    return undefined;
  }
}

/** Unpaid policies of a settled market live at its incident (candidates for claimMany). */
export async function indexedUnpaidPolicies(
  ctx: KeeperContext,
  marketId: bigint,
  incidentTime: bigint,
): Promise<bigint[] | undefined> {
  type Row = { id: number; start: number; end: number; paid: string };
  const rows = await pages<"policies", Row>(ctx, `/v1/policies?market=${marketId}`, "policies");
  return rows
    ?.filter((p) => p.paid === "0" && BigInt(p.start) < incidentTime && incidentTime < BigInt(p.end))
    .map((p) => BigInt(p.id))
    .sort((a, b) => (a < b ? -1 : 1));
}

/** Assessed claims still open (FAST_TRACK = 1, VOTING = 2), oldest first. */
export async function indexedOpenClaims(ctx: KeeperContext): Promise<bigint[] | undefined> {
  const open: bigint[] = [];
  for (const status of [1, 2]) {
    const rows = await pages<"claims", { id: number }>(ctx, `/v1/claims?status=${status}`, "claims");
    if (!rows) return undefined;
    open.push(...rows.map((c) => BigInt(c.id)));
  }
  return open.sort((a, b) => (a < b ? -1 : 1));
}
