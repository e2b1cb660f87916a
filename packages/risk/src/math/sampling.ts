import type { Sfc32 } from "./random.ts";

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost. */
export function sampleGamma(rng: Sfc32, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * rng.nextUniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.nextNormal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextUniform();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(rng: Sfc32, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  return x / (x + sampleGamma(rng, b));
}

/** Chi-square with `df` degrees of freedom. */
export function sampleChiSquare(rng: Sfc32, df: number): number {
  return 2 * sampleGamma(rng, df / 2);
}

/** Poisson(mean): inversion below 30, else PTRS transformed rejection (Hörmann 1993). */
export function samplePoisson(rng: Sfc32, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = rng.nextUniform();
    while (product > limit) {
      k++;
      product *= rng.nextUniform();
    }
    return k;
  }
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.nextUniform() - 0.5;
    const v = rng.nextUniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log((v * inverseAlpha) / (a / (us * us) + b)) <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}

/** Binomial(n, p): Bernoulli draws up to n = 1000, a rounded normal approximation above. */
export function sampleBinomial(rng: Sfc32, n: number, p: number): number {
  if (n > 1000) {
    const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.nextNormal());
    return Math.min(n, Math.max(0, draw));
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.nextUniform() < p) k++;
  return k;
}

/** Dirichlet(alpha) as normalised gammas. */
export function sampleDirichlet(rng: Sfc32, alpha: readonly number[]): number[] {
  const draws = alpha.map((a) => sampleGamma(rng, a));
  const total = draws.reduce((s, v) => s + v, 0);
  return draws.map((v) => v / total);
}

/** Multinomial split of n over the probabilities (sequential binomials). */
export function sampleMultinomial(rng: Sfc32, n: number, probabilities: readonly number[]): number[] {
  let left = n;
  let mass = 1;
  return probabilities.map((p, i) => {
    if (i === probabilities.length - 1) return left;
    const k = mass > 0 ? sampleBinomial(rng, left, Math.min(1, p / mass)) : 0;
    left -= k;
    mass -= p;
    return k;
  });
}

/** log Gamma(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Empirical quantile of an ascending array (linear interpolation, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Continuous ranked probability score of an ensemble against the outcome y (lower is better):
 * E|X - y| - E|X - X'| / 2, exact for the empirical distribution of the ascending sample.
 */
export function crpsSorted(sorted: ArrayLike<number>, y: number): number {
  const n = sorted.length;
  let absolute = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as number;
    absolute += Math.abs(x - y);
    spread += x * (2 * i + 1 - n);
  }
  return absolute / n - spread / (n * n);
}
