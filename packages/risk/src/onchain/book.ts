import type { Calibration } from "../calibration/calibrate.ts";
import { ValidationError } from "../errors.ts";
import type { Category } from "../model/categories.ts";
import {
  type AssetInput,
  type MarketProfileInput,
  type Portfolio,
  parsePortfolio,
  type SeveritySpec,
} from "../model/profile.ts";
import { defaultSeverity } from "../model/severity-spec.ts";

/**
 * A market as the chain records it (the fields of @backstop/sdk's `MarketInfo` the engine needs).
 * claimMode: 0 parametric, 1 assessed; payoutMode: 0 binary, 1 proportional (docs/protocol.md).
 */
export interface OnchainMarket {
  id: bigint;
  status: number;
  claimMode: number;
  payoutMode: number;
  deductibleBps: number;
  /** Bit mask of correlation groups. */
  groups: bigint;
  termsURI: string;
  pools: readonly number[];
}

/** A pool as the chain records it (fields of @backstop/sdk's `PoolInfo`), amounts in asset units. */
export interface OnchainPool {
  id: number;
  name: string;
  capital: bigint;
}

/** Everything the chain says about a book: markets, pools and each pool's live cover per market. */
export interface OnchainBook {
  markets: readonly OnchainMarket[];
  pools: readonly OnchainPool[];
  /** Live exposure (cover written) of a pool to a market, in asset units. */
  exposures: readonly { poolId: number; marketId: bigint; exposure: bigint }[];
  /** Decimals of the pools' cover asset (USDC: 6); one unit is taken as one US dollar. */
  assetDecimals: number;
  /** Correlation-group names by group index (the deployment registry's `groups`). */
  groupNames: Readonly<Record<string, number>>;
  /** Trigger kind per market id ("peg", "drain", "committee", "optimistic", "unknown"; none when assessed). */
  triggerKinds?: Readonly<Record<string, string>>;
  /** Valuation date of the portfolio (YYYY-MM-DD). */
  asOf: string;
}

/**
 * What the chain does not carry about a covered protocol: category, chain, TVL, age, audits, admin keys,
 * oracles, dependencies. Keyed by the terms name (the last segment of the market's terms URI).
 */
export type ProtocolFacts = Omit<MarketProfileInput, "id" | "name">;

/** How one on-chain market became an engine profile. */
export interface MarketMapping {
  marketId: string;
  /** Engine id: the terms name when it is a valid id, else `market-<id>`. */
  profileId: string;
  termsName: string;
  category: Category;
  /** "catalogue": protocol facts from the catalogue; "groups": category inferred from the market's groups. */
  factsFrom: "catalogue" | "groups";
  claims: "parametric" | "assessed";
  payout: "binary" | "proportional";
  deductible: number;
  /** Loss ratio per unit of cover when the event happens, after payout mode and deductible. */
  severity: SeveritySpec;
  /** Pool ids (as engine ids) writing the market and their live cover, USD. */
  pools: { poolId: string; coverUsd: number; nominal: boolean }[];
  /** Everything that is assumed rather than read from the chain. */
  assumptions: string[];
}

/** Correlation groups whose name says the category (devnet group names; see apps/cli/src/devnet/seedSpec.ts). */
const GROUP_CATEGORIES: Readonly<Record<string, Category>> = {
  lending: "lending",
  dex: "dex",
  bridges: "bridge",
  bridge: "bridge",
  restaking: "restaking",
  "liquid-staking": "liquid-staking",
  "cex-custody": "exchange-custody",
  stablecoins: "stablecoin",
  usdc: "stablecoin",
  usdt: "stablecoin",
  derivatives: "derivatives",
  yield: "yield",
};
const GROUP_CHAINS: Readonly<Record<string, string>> = {
  "ethereum-l1": "ethereum",
  arbitrum: "arbitrum",
  base: "base",
  optimism: "optimism",
};

/**
 * A cover never priced at zero size: a market without live cover in a pool is priced at this share of
 * the pool's capital, so its Euler capital is the marginal capital of the next policy.
 */
export const NOMINAL_COVER_SHARE = 0.001;

/** The profile used when the catalogue has no entry: a mid-sized, audited, upgradeable protocol. */
const GENERIC_FACTS = {
  chain: "ethereum",
  tvlUsd: 500_000_000,
  ageYears: 2,
  audits: 2,
  bugBountyUsd: 0,
  admin: { keys: "multisig", upgradeable: true },
  oracles: [],
} as const satisfies Omit<ProtocolFacts, "category">;

const ID = /^[a-z0-9][a-z0-9._-]*$/;

/** The terms name of a market: the last path segment of its terms URI. */
export function termsName(termsURI: string): string {
  return termsURI.split("/").pop() ?? "";
}

function groupList(mask: bigint, names: Readonly<Record<string, number>>): string[] {
  return Object.entries(names)
    .filter(([, index]) => (mask >> BigInt(index)) & 1n)
    .map(([name]) => name);
}

function toUsd(amount: bigint, decimals: number): number {
  return Number(amount) / 10 ** decimals;
}

/** Scales a severity by the share of the loss the policy pays: exact for the exploit and de-peg shapes. */
export function scaleSeverity(spec: SeveritySpec, share: number): SeveritySpec {
  switch (spec.kind) {
    case "fixed":
      return { ...spec, ratio: spec.ratio * share };
    case "depeg":
      // Pareto(x_m, alpha) scaled by c is Pareto(c x_m, alpha).
      return { ...spec, minDepth: spec.minDepth * share };
    case "exploit":
      return { ...spec, medianLossRatio: spec.medianLossRatio * share };
  }
}

/**
 * Maps the on-chain book onto an engine portfolio. The chain gives the claim and payout modes, the
 * deductible, the groups, the pools, their capital and live cover; the catalogue gives the protocol facts
 * (or the groups give the category, with generic facts). Loss given an event:
 * - assessed claims pay the assessed loss: the category's loss-given-event severity x (1 - deductible);
 * - parametric BINARY pays 100% of cover less the deductible when the trigger fires: a fixed ratio;
 * - parametric PROPORTIONAL pays the trigger's payout ratio (de-peg depth, share drained) x (1 - deductible).
 * Each backing pool becomes a pool of the portfolio (each its own balance sheet); a market a pool backs
 * without live cover is entered at NOMINAL_COVER_SHARE of the pool's capital.
 */
export function onchainPortfolio(
  book: OnchainBook,
  catalogue: Readonly<Record<string, ProtocolFacts>>,
  options: {
    calibration?: Pick<Calibration, "lossGivenExploit" | "depeg" | "severity">;
    assets?: readonly AssetInput[];
    /** Only these markets and the pools that back them (default: every market). */
    marketIds?: readonly bigint[];
  } = {},
): { portfolio: Portfolio; mappings: MarketMapping[] } {
  const wanted = options.marketIds ? new Set(options.marketIds.map(String)) : undefined;
  const poolIds = new Set<number>();
  for (const m of book.markets) {
    if (!wanted || wanted.has(String(m.id))) for (const p of m.pools) poolIds.add(p);
  }
  const pools = book.pools.filter((p) => poolIds.has(p.id) && p.capital > 0n);
  // Every market written by one of these pools enters: a pool's tail depends on all it writes.
  const marketIds = new Set<string>(wanted ?? []);
  for (const e of book.exposures)
    if (poolIds.has(e.poolId) && e.exposure > 0n) marketIds.add(String(e.marketId));
  for (const m of book.markets) if (m.pools.some((p) => poolIds.has(p))) marketIds.add(String(m.id));
  const markets = book.markets.filter((m) => !wanted || marketIds.has(String(m.id)));

  const assets = options.assets ?? [];
  const assetIds = new Set(assets.map((a) => a.id));
  const profileIds = new Map<string, string>();
  for (const m of markets) {
    const name = termsName(m.termsURI);
    const id = ID.test(name) && !assetIds.has(name) ? name : `market-${m.id}`;
    profileIds.set(String(m.id), [...profileIds.values()].includes(id) ? `market-${m.id}` : id);
  }
  const poolId = (id: number) => `pool-${id}`;

  const mappings: MarketMapping[] = [];
  const profiles: MarketProfileInput[] = markets.map((m) => {
    const name = termsName(m.termsURI);
    const groups = groupList(m.groups, book.groupNames);
    const assumptions: string[] = [];
    let facts = catalogue[name];
    let factsFrom: MarketMapping["factsFrom"] = "catalogue";
    if (!facts) {
      factsFrom = "groups";
      const category = groups.map((g) => GROUP_CATEGORIES[g]).find((c) => c !== undefined);
      if (!category)
        throw new ValidationError(
          `market ${m.id} (${name || "no terms name"})`,
          groups.join(",") || "no groups",
          "no catalogue entry and no group that names a category: add it to the protocol catalogue",
        );
      const chain = groups.map((g) => GROUP_CHAINS[g]).find((c) => c !== undefined) ?? GENERIC_FACTS.chain;
      facts = { ...GENERIC_FACTS, category, chain };
      assumptions.push(
        `no catalogue entry: category ${category} from groups [${groups.join(", ")}], generic protocol facts (TVL $500M, age 2 y, 2 audits, multisig, upgradeable)`,
      );
    }
    const deductible = m.deductibleBps / 10_000;
    if (!(deductible >= 0 && deductible < 1))
      throw new ValidationError(`market ${m.id} deductibleBps`, m.deductibleBps, "expected 0 <= bps < 10000");
    const claims = m.claimMode === 1 ? "assessed" : "parametric";
    const payout = m.payoutMode === 1 ? "proportional" : "binary";
    const base = facts.severity
      ? (facts.severity as SeveritySpec)
      : defaultSeverity(facts.category, facts.tvlUsd, options.calibration);
    let severity: SeveritySpec;
    if (claims === "parametric" && payout === "binary") {
      severity = { kind: "fixed", ratio: 1 - deductible };
      assumptions.push(
        "binary parametric payout: the full cover less the deductible whenever the peril occurs",
      );
    } else {
      severity = scaleSeverity(base as SeveritySpec, 1 - deductible);
      if (claims === "parametric")
        assumptions.push(
          "proportional payout: the trigger's payout ratio is taken as the loss given the peril",
        );
    }
    const marketPools = book.exposures
      .filter((e) => e.marketId === m.id && pools.some((p) => p.id === e.poolId))
      .map((e) => e.poolId);
    const entries = pools
      .filter((p) => m.pools.includes(p.id) || marketPools.includes(p.id))
      .map((p) => {
        const live = book.exposures.find((e) => e.poolId === p.id && e.marketId === m.id)?.exposure ?? 0n;
        const nominal = live === 0n;
        const coverUsd = nominal
          ? toUsd(p.capital, book.assetDecimals) * NOMINAL_COVER_SHARE
          : toUsd(live, book.assetDecimals);
        return { poolId: poolId(p.id), coverUsd, nominal };
      });
    if (entries.some((e) => e.nominal))
      assumptions.push(
        `no live cover in some pools: priced at a nominal ${NOMINAL_COVER_SHARE * 100}% of their capital`,
      );
    const profileId = profileIds.get(String(m.id)) ?? `market-${m.id}`;
    mappings.push({
      marketId: String(m.id),
      profileId,
      termsName: name,
      category: facts.category,
      factsFrom,
      claims,
      payout,
      deductible,
      severity,
      pools: entries,
      assumptions,
    });
    const { severity: _ignored, ...rest } = facts;
    return { ...rest, id: profileId, name: name || `market ${m.id}`, severity };
  });

  const referenced = new Set(profiles.flatMap((p) => (p.dependencies ?? []).map((d) => d.on)));
  const known = new Set(profiles.map((p) => p.id));
  for (const p of profiles) {
    // A dependency on a market outside this book is dropped (its events reach us through nothing else).
    p.dependencies = (p.dependencies ?? []).filter((d) => known.has(d.on) || assetIds.has(d.on));
  }
  const portfolioPools = pools
    .map((p) => ({
      id: poolId(p.id),
      name: p.name || poolId(p.id),
      capitalUsd: toUsd(p.capital, book.assetDecimals),
      exposures: mappings.flatMap((m) =>
        m.pools
          .filter((e) => e.poolId === poolId(p.id))
          .map((e) => ({ market: m.profileId, coverUsd: e.coverUsd })),
      ),
    }))
    .filter((p) => p.exposures.length > 0);
  if (portfolioPools.length === 0)
    throw new ValidationError(
      "book.pools",
      book.pools.length,
      "no pool with capital backs the market(s): nothing to allocate capital from",
    );
  const portfolio = parsePortfolio({
    name: "on-chain book",
    asOf: book.asOf,
    markets: profiles,
    assets: assets.filter((a) => referenced.has(a.id)),
    pools: portfolioPools,
  });
  return { portfolio, mappings };
}
