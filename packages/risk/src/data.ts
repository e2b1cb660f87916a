/**
 * The bundled data set (data/ at the repository root) and its loaders. This module, parallel.ts
 * and worker.ts are the only parts of the package that do I/O; every loader takes a directory so
 * callers can point at other data, and the default resolves from this file, not the working
 * directory.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ETHERISC_USDC_RULE, type PriceObservation, parseChainlinkRounds } from "./backtest/depeg.ts";
import { type Calibration, calibrateFromIncidents } from "./calibration/calibrate.ts";
import { calibrateDepeg, fitLossGivenExploit } from "./calibration/exposure.ts";
import { DEFAULT_FREQUENCY_WINDOW, type FrequencyOptions } from "./calibration/frequency.ts";
import { type Incident, parseIncidents, parseProtocolCategories } from "./calibration/incidents.ts";
import { ValidationError } from "./errors.ts";
import {
  ASSUMED_PROTOCOLS_PER_CATEGORY,
  ASSUMED_PROTOCOLS_PER_CHAIN,
  CATEGORY_COUNT_SOURCES,
} from "./model/categories.ts";
import { deriveProtocolCounts, type ProtocolCounts, parseProtocolCounts } from "./model/exposure.ts";

/** Absolute path of the data/ folder shipped with the repository. */
export const DEFAULT_DATA_DIR: string = fileURLToPath(new URL("../../../data/", import.meta.url));

/** The Chainlink USD feeds bundled under data/prices. */
export const BUNDLED_FEEDS = ["usdc", "usdt", "tusd", "usdp", "usdn"] as const;

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "read error";
    throw new ValidationError("path", path, `cannot read (${code})`);
  }
}

export function incidentsPath(dataDir: string = DEFAULT_DATA_DIR): string {
  return join(dataDir, "exploits/incidents.csv");
}

/**
 * Incidents with corrections applied and categories from data/exploits/protocol_categories.csv.
 * `file` overrides the incident table; the category mapping is read from `dataDir` when present.
 */
export function loadIncidents(options: { dataDir?: string; file?: string } = {}): Incident[] {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  let categories: ReturnType<typeof parseProtocolCategories> | undefined;
  try {
    categories = parseProtocolCategories(
      readFileSync(join(dataDir, "exploits/protocol_categories.csv"), "utf8"),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return parseIncidents(read(options.file ?? incidentsPath(dataDir)), categories ? { categories } : {});
}

export function loadChainlinkFeed(symbol: string, dataDir: string = DEFAULT_DATA_DIR): PriceObservation[] {
  return parseChainlinkRounds(read(join(dataDir, `prices/chainlink_${symbol}_usd_mainnet_rounds.csv`)));
}

/** Raw text of a bundled file (relative to the data folder). */
export function readDataFile(relative: string, dataDir: string = DEFAULT_DATA_DIR): string {
  return read(join(dataDir, relative));
}

/** Bundled fiat-backed USD stablecoin feeds: the de-peg rate of a stablecoin market comes from these. */
export const FIAT_BACKED_FEEDS = ["usdc", "usdt", "tusd", "usdp"] as const;

/**
 * Protocol counts per category and chain derived from data/exposure/defi_protocol_counts.csv for the
 * frequency window (model/exposure.ts: cited row, residual, or scaled prior; provenance per number).
 */
export function loadProtocolCounts(
  options: { dataDir?: string; window?: FrequencyOptions } = {},
): ProtocolCounts {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  return deriveProtocolCounts(parseProtocolCounts(read(join(dataDir, "exposure/defi_protocol_counts.csv"))), {
    window: options.window ?? DEFAULT_FREQUENCY_WINDOW,
    categoryPriors: ASSUMED_PROTOCOLS_PER_CATEGORY,
    chainPriors: ASSUMED_PROTOCOLS_PER_CHAIN,
    categoryMap: CATEGORY_COUNT_SOURCES as Record<string, readonly string[]>,
  });
}

/**
 * The engine's calibration from the bundled data: incidents (frequency, severity), protocol counts
 * (the frequency exposure) from the cited counts, loss given exploit from the TVL facts, and de-peg
 * risk from the Chainlink feeds.
 */
export function loadCalibration(options: { dataDir?: string; file?: string } = {}): Calibration {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const incidents = loadIncidents(options);
  const lossGivenExploit = fitLossGivenExploit(read(join(dataDir, "exposure/tvl_at_incident.csv")));
  const depeg = calibrateDepeg(
    BUNDLED_FEEDS.map((feed) => ({ feed, observations: loadChainlinkFeed(feed, dataDir) })),
    ETHERISC_USDC_RULE,
    FIAT_BACKED_FEEDS,
  );
  const protocolCounts = loadProtocolCounts({ dataDir });
  return calibrateFromIncidents(incidents, undefined, { lossGivenExploit, depeg, protocolCounts });
}
