/** Standard normal CDF via erfc (W. J. Cody-style rational approximation, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Complementary error function, Numerical Recipes' Chebyshev fit `erfcc` (fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const ACKLAM_B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
];
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Inverse standard normal CDF, P. J. Acklam's rational approximation (relative error < 1.15e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = ACKLAM_B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = ACKLAM_D as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/**
 * Normal CDF tabulated on [-8, 8] with linear interpolation: the simulation's hot loop compares a
 * uniform with Phi(s) once per market-year, and a table lookup is several times cheaper than erfc.
 * Step 1/256 bounds the interpolation error by h^2/8 * max|phi'| < 5e-7.
 */
export const CDF_TABLE_MIN = -8;
export const CDF_TABLE_STEPS_PER_UNIT = 256;
export const CDF_TABLE: Float64Array = (() => {
  const size = 16 * CDF_TABLE_STEPS_PER_UNIT + 2;
  const table = new Float64Array(size);
  for (let i = 0; i < size; i++) table[i] = normalCdf(CDF_TABLE_MIN + i / CDF_TABLE_STEPS_PER_UNIT);
  return table;
})();

export function normalCdfFast(x: number): number {
  const position = (x - CDF_TABLE_MIN) * CDF_TABLE_STEPS_PER_UNIT;
  if (position <= 0) return 0;
  if (position >= CDF_TABLE.length - 2) return 1;
  const index = position | 0;
  const lower = CDF_TABLE[index] as number;
  return lower + ((CDF_TABLE[index + 1] as number) - lower) * (position - index);
}

/** Cholesky factor L (row-major, lower triangular) of a symmetric positive-definite matrix. */
export function cholesky(matrix: number[][]): number[][] | undefined {
  const n = matrix.length;
  const lower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (lower[i]?.[k] ?? 0) * (lower[j]?.[k] ?? 0);
      if (i === j) {
        if (sum <= 1e-12) return undefined;
        (lower[i] as number[])[j] = Math.sqrt(sum);
      } else {
        (lower[i] as number[])[j] = sum / (lower[j]?.[j] ?? 1);
      }
    }
  }
  return lower;
}
