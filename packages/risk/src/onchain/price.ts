import type { Calibration } from "../calibration/calibrate.ts";
import type { Portfolio } from "../model/profile.ts";
import { poolPortfolios, prepareSimulation, pricePortfolio } from "../portfolio.ts";
import type { PriceDecomposition, PricingParameters } from "../pricing/price.ts";
import { allocateTailCapital, type TailAllocation } from "../simulation/tail.ts";

/** Importance-sampled years per pool for a price (bench/results/risk-seeds.json: moves < 2% between seeds). */
export const PRICE_YEARS_PER_POOL = 1_000_000;

/** Allocates one pool's tail capital; the CLI and keeper pass the worker-thread version. */
export type PoolAllocator = (
  model: ReturnType<typeof prepareSimulation>["model"],
  options: { years: number; seed: number },
) => Promise<TailAllocation> | TailAllocation;

/**
 * Prices every market of a portfolio with per-pool Euler capital: each pool is simulated as its own
 * balance sheet (every market and asset present, only that pool's exposures) and a market is charged its
 * contribution to the tails of the pools that write it.
 */
export async function pricePortfolioByPool(
  portfolio: Portfolio,
  calibration: Calibration,
  options: {
    years?: number;
    seed?: number;
    allocate?: PoolAllocator;
    parameters?: Partial<PricingParameters>;
  } = {},
): Promise<{ prices: PriceDecomposition[]; pools: Map<string, TailAllocation> }> {
  const years = options.years ?? PRICE_YEARS_PER_POOL;
  const seed = options.seed ?? 1;
  const allocate = options.allocate ?? ((model, o) => allocateTailCapital(model, o));
  const pools = new Map<string, TailAllocation>();
  for (const pool of poolPortfolios(portfolio)) {
    const { model } = prepareSimulation(pool, calibration);
    pools.set(pool.pools[0]?.id ?? "", await allocate(model, { years, seed }));
  }
  const { prices } = pricePortfolio(portfolio, calibration, {
    poolSimulations: pools,
    ...(options.parameters ? { parameters: options.parameters } : {}),
  });
  return { prices, pools };
}
