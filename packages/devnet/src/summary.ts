import { WAD } from "@backstop/core";
import {
  formatAmount,
  getMarkets,
  getPools,
  MARKET_STATUSES,
  type MarketInfo,
  type MarketState,
  marketState,
  readTrigger,
  type TriggerState,
} from "@backstop/sdk";
import { type PublicClient, zeroAddress } from "viem";
import type { Registry } from "./chain.ts";
import { table } from "./table.ts";

/** A market's effective state: its registry status combined with its trigger's (FROZEN, TRIGGERED). */
export async function marketStateOf(
  client: PublicClient,
  m: Pick<MarketInfo, "status" | "trigger">,
): Promise<{ state: MarketState; triggerState?: TriggerState }> {
  const triggerState =
    m.trigger === zeroAddress
      ? undefined
      : (await readTrigger(client, { trigger: m.trigger, kind: "unknown" })).state;
  return { state: marketState(MARKET_STATUSES[m.status] ?? "NONE", triggerState), triggerState };
}

export type Status = Awaited<ReturnType<typeof readStatus>>;

/** TVL, exposure and utilisation per pool; TVC, state and trigger state per market. */
export async function readStatus(
  client: PublicClient,
  d: Pick<Registry, "chainId" | "markets" | "poolLens"> & {
    seed?: { markets?: { id: string; kind: string }[] };
  },
) {
  const [pools, markets] = await Promise.all([
    getPools(client, { markets: d.markets, poolLens: d.poolLens }),
    getMarkets(client, { markets: d.markets }),
  ]);
  const kinds = new Map((d.seed?.markets ?? []).map((m) => [m.id, m.kind]));
  const marketRows = await Promise.all(
    markets.map(async (m) => {
      const { state, triggerState } = await marketStateOf(client, m);
      return {
        id: m.id,
        name: m.termsURI.split("/").pop() ?? "",
        claims: m.claimMode === 1 ? "assessed" : "parametric",
        /** The seed's trigger kind on the devnet (peg, drain, committee, ...), else the claim mode. */
        kind: kinds.get(String(m.id)) ?? (m.claimMode === 1 ? "assessed" : "parametric"),
        status: state,
        trigger: triggerState ?? "-",
        pools: m.pools,
        tvc: m.tvc,
      };
    }),
  );
  const poolRows = pools.map((p) => ({
    id: p.id,
    name: p.name,
    address: p.address,
    tvl: p.capital,
    claimHold: p.claimHold,
    receivable: p.reserveReceivable,
    unearned: p.unearnedPremium,
    exposure: p.totalExposure,
    locked: p.lockedCapital,
    free: p.freeCapital,
    utilisationWad: p.capital === 0n ? 0n : (p.lockedCapital * WAD) / p.capital,
    worstGroupWad: p.worstGroupExposureRatio,
    exitsOpen: p.exitsOpen,
  }));
  const tvl = poolRows.reduce((a, p) => a + p.tvl, 0n);
  const tvc = marketRows.reduce((a, m) => a + m.tvc, 0n);
  return { chainId: d.chainId, tvl, tvc, pools: poolRows, markets: marketRows };
}

const pct = (wad: bigint) => `${(Number((wad * 10_000n) / WAD) / 100).toFixed(2)}%`;

export function formatStatus(s: Status): string {
  return [
    table(
      [
        "pool",
        "name",
        "TVL",
        "claim hold",
        "receivable",
        "unearned",
        "exposure",
        "locked",
        "free",
        "utilisation",
        "worst group",
        "exits",
      ],
      s.pools.map((p) => [
        p.id,
        p.name,
        formatAmount(p.tvl),
        formatAmount(p.claimHold),
        formatAmount(p.receivable),
        formatAmount(p.unearned),
        formatAmount(p.exposure),
        formatAmount(p.locked),
        formatAmount(p.free),
        pct(p.utilisationWad),
        pct(p.worstGroupWad),
        p.exitsOpen ? "open" : "closed",
      ]),
    ),
    "",
    table(
      ["market", "name", "claims", "status", "trigger", "pools", "TVC"],
      s.markets.map((m) => [
        String(m.id),
        m.name,
        m.kind,
        m.status,
        m.trigger,
        m.pools.join(",") || "-",
        formatAmount(m.tvc),
      ]),
    ),
    "",
    `TVL ${formatAmount(s.tvl)} USDC   TVC ${formatAmount(s.tvc)} USDC`,
  ].join("\n");
}
