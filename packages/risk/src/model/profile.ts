import { z } from "zod";
import { DependencyCycleError, ValidationError } from "../errors.ts";
import { CATEGORIES } from "./categories.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "expected a lowercase id (a-z, 0-9, . _ -)");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const usd = z.number().finite().nonnegative();

/** How large a loss is when the insured event happens, as a fraction of the covered amount. */
export const severitySpecSchema = z.discriminatedUnion("kind", [
  /**
   * A drain: ratio = medianLossRatio x (X / median X)^dispersion, X from the fitted USD severity.
   * dispersion < 1 narrows the cross-protocol spread of dollar losses to one protocol's spread.
   */
  z.object({
    kind: z.literal("exploit"),
    medianLossRatio: z.number().gt(0).lte(1),
    dispersion: z.number().gt(0).lte(1).default(0.6),
  }),
  /** A de-peg: depth is Pareto from `minDepth` (the trigger's threshold) with tail index `alpha`. */
  z.object({ kind: z.literal("depeg"), minDepth: z.number().gt(0).lt(1), alpha: z.number().gt(0) }),
  /** A known loss ratio (stress scenarios, analytic tests). */
  z.object({ kind: z.literal("fixed"), ratio: z.number().gt(0).lte(1) }),
]);

export const dependencyEdgeSchema = z.object({
  /** A market id or an asset id of the same portfolio. */
  on: id,
  /** Fraction of the dependency's loss ratio passed on to this market. */
  passThrough: z.number().gt(0).lte(1).default(1),
});

export const marketProfileSchema = z.object({
  id,
  name: z.string().min(1),
  category: z.enum(CATEGORIES),
  chain: z.string().min(1).toLowerCase(),
  tvlUsd: z.number().finite().positive(),
  /** Month-end TVL, oldest first; a steep recent drawdown raises the score. */
  tvlHistoryUsd: z.array(usd).default([]),
  ageYears: z.number().finite().nonnegative(),
  audits: z.number().int().nonnegative(),
  bugBountyUsd: usd.default(0),
  admin: z.object({
    keys: z.enum(["none", "timelock", "multisig", "eoa"]),
    upgradeable: z.boolean(),
  }),
  oracles: z.array(z.enum(["chainlink", "pyth", "redstone", "twap", "spot", "custom"])).default([]),
  dependencies: z.array(dependencyEdgeSchema).default([]),
  incidents: z.array(z.object({ date: isoDate, lossUsd: usd.optional() })).default([]),
  /** Overrides the category's default severity. */
  severity: severitySpecSchema.optional(),
});

/** An external dependency that is not itself insured here: stETH, USDC, Chainlink, a bridge. */
export const assetSchema = z.object({
  id,
  name: z.string().min(1),
  annualProbability: z.number().gt(0).lt(1),
  severity: severitySpecSchema,
});

export const poolSchema = z.object({
  id,
  name: z.string().min(1),
  capitalUsd: z.number().finite().positive(),
  exposures: z.array(z.object({ market: id, coverUsd: usd })).min(1),
});

export const correlationSchema = z.object({
  /**
   * Correlation of the latent exploit variables of two markets of the same category; when absent,
   * the calibration's estimate (count dispersion and common-cause clusters) is used.
   */
  withinCategory: z.number().min(0).max(0.9999).optional(),
  /** Correlation between category factors unless a pair says otherwise. */
  betweenCategories: z.number().min(0).max(0.9999).default(0.2),
  pairs: z
    .array(
      z.object({ a: z.enum(CATEGORIES), b: z.enum(CATEGORIES), rho: z.number().min(-0.9999).max(0.9999) }),
    )
    .default([]),
});

export const portfolioSchema = z.object({
  name: z.string().min(1),
  asOf: isoDate,
  markets: z.array(marketProfileSchema).min(1),
  assets: z.array(assetSchema).default([]),
  pools: z.array(poolSchema).min(1),
  correlation: correlationSchema.default({ betweenCategories: 0.2, pairs: [] }),
});

export type SeveritySpec = z.infer<typeof severitySpecSchema>;
export type MarketProfile = z.infer<typeof marketProfileSchema>;
export type MarketProfileInput = z.input<typeof marketProfileSchema>;
export type Asset = z.infer<typeof assetSchema>;
export type AssetInput = z.input<typeof assetSchema>;
export type Pool = z.infer<typeof poolSchema>;
export type CorrelationSpec = z.infer<typeof correlationSchema>;
export type Portfolio = z.infer<typeof portfolioSchema>;
export type PortfolioInput = z.input<typeof portfolioSchema>;

function toValidationError(error: z.ZodError, input: unknown, root: string): ValidationError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  let value: unknown = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const field = [root, ...path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))].join(
    "",
  );
  return new ValidationError(field.replace(/^\./, ""), value, issue?.message ?? "invalid");
}

/** Validates one market profile; throws ValidationError naming the first bad field and its value. */
export function parseMarketProfile(input: unknown): MarketProfile {
  const result = marketProfileSchema.safeParse(input);
  if (!result.success) throw toValidationError(result.error, input, "market");
  return result.data;
}

/**
 * Validates a portfolio: the schema, unique ids, references that resolve, no cycles in the
 * dependency graph (a cycle would let a shock feed on itself).
 */
export function parsePortfolio(input: unknown): Portfolio {
  const result = portfolioSchema.safeParse(input);
  if (!result.success) throw toValidationError(result.error, input, "portfolio");
  const portfolio = result.data;
  const nodes = new Map<string, string>();
  for (const [kind, list] of [
    ["markets", portfolio.markets],
    ["assets", portfolio.assets],
  ] as const) {
    list.forEach((item, index) => {
      if (nodes.has(item.id))
        throw new ValidationError(`portfolio.${kind}[${index}].id`, item.id, "duplicate id");
      nodes.set(item.id, kind);
    });
  }
  portfolio.markets.forEach((market, index) => {
    market.dependencies.forEach((edge, edgeIndex) => {
      if (!nodes.has(edge.on)) {
        throw new ValidationError(
          `portfolio.markets[${index}].dependencies[${edgeIndex}].on`,
          edge.on,
          "unknown market or asset",
        );
      }
    });
  });
  const poolIds = new Set<string>();
  portfolio.pools.forEach((pool, index) => {
    if (poolIds.has(pool.id))
      throw new ValidationError(`portfolio.pools[${index}].id`, pool.id, "duplicate id");
    poolIds.add(pool.id);
    pool.exposures.forEach((exposure, exposureIndex) => {
      if (nodes.get(exposure.market) !== "markets") {
        throw new ValidationError(
          `portfolio.pools[${index}].exposures[${exposureIndex}].market`,
          exposure.market,
          "unknown market",
        );
      }
    });
  });
  assertAcyclic(portfolio.markets);
  return portfolio;
}

/** Depth-first search with colours; reports the first cycle found as a path. */
export function assertAcyclic(markets: Pick<MarketProfile, "id" | "dependencies">[]): void {
  const edges = new Map(markets.map((m) => [m.id, m.dependencies.map((d) => d.on)]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "visiting")
      throw new DependencyCycleError([...stack.slice(stack.indexOf(node)), node]);
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) visit(next);
    stack.pop();
    state.set(node, "done");
  };
  for (const market of markets) visit(market.id);
}
