import { CalibrationError } from "../errors.ts";
import {
  CATEGORIES,
  type Category,
  PROTOCOLS_PER_CATEGORY,
  PROTOCOLS_PER_CHAIN,
} from "../model/categories.ts";
import { buhlmannStraub, type CredibilityResult } from "./credibility.ts";
import type { Incident } from "./incidents.ts";

export interface FrequencyOptions {
  /** First and last complete year used for rates (inclusive). */
  fromYear: number;
  toYear: number;
}

export interface FrequencyCalibration {
  window: FrequencyOptions;
  incidentsInWindow: number;
  incidentsByYear: Record<string, number>;
  /** Year level relative to the window average (the year dimension of the base rates). */
  yearIndex: Record<string, number>;
  /** Level projected for the coming year: the index of the last year in the window. */
  projectionLevel: number;
  /** Annual incident rate per protocol, by category, at the projected level. */
  categoryRates: Record<Category, number>;
  categoryCredibility: CredibilityResult;
  /** Chain multiplier relative to the average chain (credibility-weighted). */
  chainRelativities: Record<string, number>;
  chainCredibility: CredibilityResult;
  /** The protocol counts used as exposure. */
  protocols: ProtocolExposure;
}

/** Protocols per category and per chain (the exposure base); see model/exposure.ts. */
export interface ProtocolExposure {
  categories: Record<Category, number>;
  chains: Record<string, number>;
}

export const DEFAULT_PROTOCOL_EXPOSURE: ProtocolExposure = {
  categories: PROTOCOLS_PER_CATEGORY,
  chains: PROTOCOLS_PER_CHAIN,
};

export const DEFAULT_FREQUENCY_WINDOW: FrequencyOptions = { fromYear: 2021, toYear: 2025 };

/**
 * Base rates by category, chain and year. Counts are detrended by the all-market year index before
 * credibility weighting, so the strong growth of reported incidents (9 in 2020, 214 in 2023) is
 * not mistaken for variance between categories. Exposure per group-year = protocol count (derived
 * from the cited table, model/exposure.ts) x year index; rates are then scaled to the last year's level.
 */
export function calibrateFrequency(
  incidents: Incident[],
  window: FrequencyOptions = DEFAULT_FREQUENCY_WINDOW,
  protocols: ProtocolExposure = DEFAULT_PROTOCOL_EXPOSURE,
): FrequencyCalibration {
  const years: number[] = [];
  for (let year = window.fromYear; year <= window.toYear; year++) years.push(year);
  const inWindow = incidents.filter((i) => i.year >= window.fromYear && i.year <= window.toYear);
  if (inWindow.length < 10 || years.length < 2) {
    throw new CalibrationError("too few incidents to calibrate frequency", {
      details: { window, incidents: inWindow.length },
    });
  }
  const incidentsByYear: Record<string, number> = {};
  for (const incident of incidents) {
    incidentsByYear[incident.year] = (incidentsByYear[incident.year] ?? 0) + 1;
  }
  const meanPerYear = inWindow.length / years.length;
  const yearIndex: Record<string, number> = {};
  for (const year of years) yearIndex[year] = Math.max((incidentsByYear[year] ?? 0) / meanPerYear, 1e-6);

  const countBy = (key: (i: Incident) => string, group: string, year: number) =>
    inWindow.filter((i) => i.year === year && key(i) === group).length;

  const categoryCredibility = buhlmannStraub(
    CATEGORIES.map((category) => ({
      key: category,
      observations: years.map((year) => ({
        count: countBy((i) => i.category, category, year),
        exposure: protocols.categories[category] * (yearIndex[year] ?? 1),
      })),
    })),
  );
  const projectionLevel = yearIndex[window.toYear] ?? 1;
  const categoryRates = Object.fromEntries(
    categoryCredibility.estimates.map((e) => [e.key, e.rate * projectionLevel]),
  ) as Record<Category, number>;

  const chainOf = (i: Incident) => (i.chain in protocols.chains ? i.chain : "other");
  const chainCredibility = buhlmannStraub(
    Object.entries(protocols.chains).map(([chain, count]) => ({
      key: chain,
      observations: years.map((year) => ({
        count: countBy(chainOf, chain, year),
        exposure: count * (yearIndex[year] ?? 1),
      })),
    })),
  );
  const chainRelativities = Object.fromEntries(
    chainCredibility.estimates.map((e) => [e.key, e.rate / chainCredibility.collectiveRate]),
  );
  return {
    window,
    incidentsInWindow: inWindow.length,
    incidentsByYear,
    yearIndex,
    projectionLevel,
    categoryRates,
    categoryCredibility,
    chainRelativities,
    chainCredibility,
    protocols,
  };
}
