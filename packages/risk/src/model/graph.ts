import type { Portfolio } from "./profile.ts";

export interface DependencySource {
  /** Market or asset id whose event reaches the dependent market. */
  source: string;
  /** Product of pass-through fractions along the strongest path. */
  weight: number;
}

/**
 * For each market, every node that can hit it through the (acyclic) dependency graph, directly or
 * transitively, with the strongest path's pass-through. An exploit of Curve hits Convex, and
 * through Convex whatever depends on Convex.
 */
export function dependencySources(portfolio: Pick<Portfolio, "markets">): Map<string, DependencySource[]> {
  const edges = new Map(portfolio.markets.map((m) => [m.id, m.dependencies]));
  const memo = new Map<string, Map<string, number>>();
  const reach = (node: string): Map<string, number> => {
    const cached = memo.get(node);
    if (cached) return cached;
    const result = new Map<string, number>();
    for (const edge of edges.get(node) ?? []) {
      result.set(edge.on, Math.max(result.get(edge.on) ?? 0, edge.passThrough));
      for (const [further, weight] of reach(edge.on)) {
        result.set(further, Math.max(result.get(further) ?? 0, weight * edge.passThrough));
      }
    }
    memo.set(node, result);
    return result;
  };
  return new Map(
    portfolio.markets.map((m) => [m.id, [...reach(m.id)].map(([source, weight]) => ({ source, weight }))]),
  );
}
