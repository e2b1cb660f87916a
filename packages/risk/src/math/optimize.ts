/** Nelder-Mead simplex minimisation (standard coefficients 1, 2, 0.5, 0.5) for small smooth problems. */
export function nelderMead(
  objective: (x: number[]) => number,
  start: number[],
  options: { step?: number; iterations?: number; tolerance?: number } = {},
): { x: number[]; value: number } {
  const step = options.step ?? 0.1;
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({
    x,
    value: objective(x),
  }));
  for (let iteration = 0; iteration < (options.iterations ?? 2000); iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0] as { x: number[]; value: number };
    const worst = simplex[n] as { x: number[]; value: number };
    if (Math.abs(worst.value - best.value) < (options.tolerance ?? 1e-10)) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((sum, p) => sum + (p.x[j] ?? 0), 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * ((worst.x[j] ?? 0) - c));
    const reflected = along(-1);
    const reflectedValue = objective(reflected);
    const secondWorst = simplex[n - 1] as { value: number };
    if (reflectedValue < best.value) {
      const expanded = along(-2);
      const expandedValue = objective(expanded);
      simplex[n] =
        expandedValue < reflectedValue
          ? { x: expanded, value: expandedValue }
          : { x: reflected, value: reflectedValue };
    } else if (reflectedValue < secondWorst.value) {
      simplex[n] = { x: reflected, value: reflectedValue };
    } else {
      const contracted = along(0.5);
      const contractedValue = objective(contracted);
      if (contractedValue < worst.value) simplex[n] = { x: contracted, value: contractedValue };
      else {
        simplex = simplex.map((p, i) =>
          i === 0 ? p : { x: p.x.map((v, j) => (best.x[j] ?? 0) + 0.5 * (v - (best.x[j] ?? 0))), value: 0 },
        );
        for (let i = 1; i <= n; i++) {
          const point = simplex[i] as { x: number[]; value: number };
          point.value = objective(point.x);
        }
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0] as { x: number[]; value: number };
}
