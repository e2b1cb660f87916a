import {
  type Calibration,
  DEVNET_PROTOCOLS,
  type MarketMapping,
  ONCHAIN_ASSETS,
  type OnchainBook,
  onchainPortfolio,
  type PoolAllocator,
  type PriceDecomposition,
  type ProtocolFacts,
  pricePortfolioByPool,
} from "@backstop/risk";

/** Importance-sampled years per pool when the keeper prices the book (a refresh takes seconds, not minutes). */
export const KEEPER_PRICE_YEARS = 200_000;

/** The engine's target annual rate (bps) per on-chain market id, from the quotes of a mapped book. */
export function targetsFromQuotes(
  mappings: readonly Pick<MarketMapping, "marketId" | "profileId">[],
  prices: readonly Pick<PriceDecomposition, "marketId" | "rateBps">[],
): Record<string, number> {
  const byProfile = new Map(prices.map((p) => [p.marketId, p.rateBps]));
  const targets: Record<string, number> = {};
  for (const m of mappings) {
    const rate = byProfile.get(m.profileId);
    if (rate !== undefined) targets[m.marketId] = rate;
  }
  return targets;
}

/** Explicit per-market targets (a rates file) win over the engine's; the engine covers the rest. */
export function mergeTargets(
  engine: Readonly<Record<string, number>>,
  override: Readonly<Record<string, number>> | undefined,
): Record<string, number> {
  return { ...engine, ...(override ?? {}) };
}

/**
 * Prices every market of the on-chain book with the risk engine (each pool its own balance sheet) and
 * returns the target annual rate per market id. Markets the book cannot map (no catalogue entry and no
 * group naming a category) make the whole refresh fail with a ValidationError naming them.
 */
export async function engineTargetRates(
  book: OnchainBook,
  calibration: Calibration,
  options: {
    catalogue?: Readonly<Record<string, ProtocolFacts>>;
    years?: number;
    seed?: number;
    allocate?: PoolAllocator;
  } = {},
): Promise<{ targets: Record<string, number>; prices: PriceDecomposition[]; mappings: MarketMapping[] }> {
  const live = { ...book, markets: book.markets.filter((m) => m.pools.length > 0) };
  const { portfolio, mappings } = onchainPortfolio(live, options.catalogue ?? DEVNET_PROTOCOLS, {
    calibration,
    assets: ONCHAIN_ASSETS,
  });
  const { prices } = await pricePortfolioByPool(portfolio, calibration, {
    years: options.years ?? KEEPER_PRICE_YEARS,
    seed: options.seed ?? 1,
    ...(options.allocate ? { allocate: options.allocate } : {}),
  });
  return { targets: targetsFromQuotes(mappings, prices), prices, mappings };
}
