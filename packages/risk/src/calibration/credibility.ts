/** One group (a category, a chain) observed over several periods: counts and their exposures. */
export interface CredibilityGroup {
  key: string;
  observations: { count: number; exposure: number }[];
}

export interface CredibilityEstimate {
  key: string;
  count: number;
  exposure: number;
  /** Group's own rate: total count / total exposure. */
  observedRate: number;
  /** Bühlmann-Straub credibility factor Z = m / (m + v/a). */
  credibility: number;
  /** Z * observed + (1 - Z) * collective rate. */
  rate: number;
}

export interface CredibilityResult {
  collectiveRate: number;
  /** Expected process variance (within-group, per unit exposure). */
  processVariance: number;
  /** Variance of the hypothetical means (between groups). */
  betweenVariance: number;
  /** Bühlmann's k = v / a; exposure needed for 50% credibility. */
  k: number;
  estimates: CredibilityEstimate[];
}

/**
 * Bühlmann-Straub credibility with the non-parametric estimators of v and a (Bühlmann & Gisler,
 * "A Course in Credibility Theory", 2005, section 4.8). X_jt = count_jt / m_jt with weights m_jt.
 * When the estimated between-group variance is not positive, every group gets the collective rate.
 */
export function buhlmannStraub(groups: CredibilityGroup[]): CredibilityResult {
  const totals = groups.map((group) => {
    const exposure = group.observations.reduce((sum, o) => sum + o.exposure, 0);
    const count = group.observations.reduce((sum, o) => sum + o.count, 0);
    return { exposure, count, rate: exposure > 0 ? count / exposure : 0 };
  });
  const totalExposure = totals.reduce((sum, t) => sum + t.exposure, 0);
  const collectiveRate = totalExposure > 0 ? totals.reduce((sum, t) => sum + t.count, 0) / totalExposure : 0;

  let withinSum = 0;
  let withinDegrees = 0;
  groups.forEach((group, j) => {
    const groupRate = totals[j]?.rate ?? 0;
    for (const o of group.observations) {
      if (o.exposure <= 0) continue;
      withinSum += o.exposure * (o.count / o.exposure - groupRate) ** 2;
    }
    withinDegrees += Math.max(0, group.observations.filter((o) => o.exposure > 0).length - 1);
  });
  const processVariance = withinDegrees > 0 ? withinSum / withinDegrees : 0;

  const sumSquaredExposure = totals.reduce((sum, t) => sum + t.exposure ** 2, 0);
  const betweenRaw = totals.reduce((sum, t) => sum + t.exposure * (t.rate - collectiveRate) ** 2, 0);
  const denominator = totalExposure - sumSquaredExposure / Math.max(totalExposure, 1e-300);
  const betweenVariance =
    denominator > 0 ? Math.max(0, (betweenRaw - processVariance * (groups.length - 1)) / denominator) : 0;
  const k = betweenVariance > 0 ? processVariance / betweenVariance : Number.POSITIVE_INFINITY;

  const estimates = groups.map((group, j) => {
    const total = totals[j] ?? { exposure: 0, count: 0, rate: 0 };
    const credibility = Number.isFinite(k) ? total.exposure / (total.exposure + k) : 0;
    return {
      key: group.key,
      count: total.count,
      exposure: total.exposure,
      observedRate: total.rate,
      credibility,
      rate: credibility * total.rate + (1 - credibility) * collectiveRate,
    };
  });
  return { collectiveRate, processVariance, betweenVariance, k, estimates };
}
