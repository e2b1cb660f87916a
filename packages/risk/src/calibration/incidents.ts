import { ValidationError } from "../errors.ts";
import { CATEGORIES, type Category } from "../model/categories.ts";
import { parseCsv } from "./csv.ts";

export type LossBasis = "explicit_usd" | "bare_number_assumed_usd" | "none";

/**
 * How far the USD figure can be trusted (data/exploits/README.md): `stated` as parsed, `corrected`
 * (decimal-comma misparse or a probable thousands slip, fixed in the data), `nominal` (a face value
 * at manipulated prices, not value taken), `not-a-loss` (a market cap), `none` (no USD figure).
 */
export type LossStatus = "stated" | "corrected" | "nominal" | "not-a-loss" | "none";
const LOSS_STATUSES: readonly LossStatus[] = ["stated", "corrected", "nominal", "not-a-loss", "none"];

export interface Incident {
  date: string;
  year: number;
  /** Fractional year of the date (2023.5 = 2 July 2023): the time axis of trends. */
  time: number;
  protocol: string;
  type: string;
  chain: string;
  /** USD loss when the source states one; undefined when it does not (counted for frequency only). */
  lossUsd: number | undefined;
  lossBasis: LossBasis;
  lossStatus: LossStatus;
  category: Category;
  /** True for losses the source states but that are not exploit losses (nominal, market cap). */
  excludedFromSeverity: boolean;
}

/** Protocol name (case-insensitive) -> category: the documented mapping in data/exploits/protocol_categories.csv. */
export type CategoryMapping = ReadonlyMap<string, Category>;

export function parseProtocolCategories(csvText: string): CategoryMapping {
  const mapping = new Map<string, Category>();
  parseCsv(csvText).forEach((row, index) => {
    const category = (row.category ?? "").trim() as Category;
    if (!CATEGORIES.includes(category))
      throw new ValidationError(`protocolCategories[${index}].category`, row.category, "unknown category");
    const protocol = (row.protocol ?? "").trim();
    if (protocol === "") throw new ValidationError(`protocolCategories[${index}].protocol`, "", "empty");
    mapping.set(protocol.toLowerCase(), category);
  });
  return mapping;
}

/** Decimal year of an ISO date (UTC). */
export function yearFraction(date: string): number {
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  const year = Number(date.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  return year + (ms - start) / (end - start);
}

/**
 * Parses the incident table data/exploits/incidents.csv (columns: date, protocol, loss_usd,
 * loss_status, type, chain, loss_usd_basis, ...). `loss_status` is optional so the raw DeFiHackLabs
 * export parses too (every USD figure then counts as stated).
 */
export function parseIncidents(csvText: string, options: { categories?: CategoryMapping } = {}): Incident[] {
  return parseCsv(csvText).map((row, index) => {
    const date = row.date ?? "";
    const year = Number(date.slice(0, 4));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(date))) {
      throw new ValidationError(`incidents[${index}].date`, date, "expected YYYY-MM-DD");
    }
    const rawLoss = (row.loss_usd ?? "").trim();
    const lossUsd = rawLoss === "" ? undefined : Number(rawLoss);
    if (lossUsd !== undefined && !(Number.isFinite(lossUsd) && lossUsd >= 0)) {
      throw new ValidationError(`incidents[${index}].loss_usd`, rawLoss, "expected a non-negative number");
    }
    const rawStatus = (row.loss_status ?? "").trim();
    const lossStatus = (
      rawStatus === "" ? (lossUsd === undefined ? "none" : "stated") : rawStatus
    ) as LossStatus;
    if (!LOSS_STATUSES.includes(lossStatus)) {
      throw new ValidationError(
        `incidents[${index}].loss_status`,
        rawStatus,
        `expected ${LOSS_STATUSES.join("|")}`,
      );
    }
    const basis = row.loss_usd_basis ?? "";
    const protocol = (row.protocol ?? "").trim();
    const type = (row.type ?? "").trim();
    return {
      date,
      year,
      time: yearFraction(date),
      protocol,
      type,
      chain: (row.chain ?? "").trim().toLowerCase() || "unknown",
      lossUsd,
      lossBasis: basis === "explicit_usd" || basis === "bare_number_assumed_usd" ? basis : "none",
      lossStatus,
      category: classifyIncident(protocol, type, options.categories),
      excludedFromSeverity: lossStatus === "nominal" || lossStatus === "not-a-loss",
    };
  });
}

/** True when the incident has a USD loss that counts as an exploit loss (the severity sample). */
export const hasStatedLoss = (i: Incident): boolean =>
  i.lossUsd !== undefined && i.lossUsd > 0 && !i.excludedFromSeverity;

/** Trading bots and unverified contracts: not protocols anyone covers; kept in "other". */
const NOT_A_PROTOCOL = /mev|\bbot\b|bot_|arbbot|unverified|^0x[0-9a-f]+$|contract_0x/i;

/**
 * Keyword rules on protocol name and attack type, after the explicit mapping. First match wins; the
 * order puts the most specific patterns first.
 */
const CATEGORY_PATTERNS: [Category, RegExp][] = [
  [
    "bridge",
    /bridge|multichain|anyswap|wormhole|nomad|ronin|harmony|orbit|qubit|poly ?network|socket|chainswap|meter|thorchain|xbridge|celer|layerzero|allbridge|hop\b/i,
  ],
  ["liquid-staking", /lido|steth|liquid stak|rocket ?pool|stader|ankr|frax ?eth|swell|staking derivative/i],
  ["restaking", /restak|eigen|renzo|kelp|puffer|karak|ether\.fi|etherfi/i],
  ["stablecoin", /stable|\busd[a-z]?\b|dai\b|mim\b|beanstalk|fei\b|usdm|usdn|ust\b|peg/i],
  [
    "lending",
    /lend|loan|borrow|compound|cream|aave|euler|venus|radiant|hundred|rari|fuse|iron ?bank|midas|agave|inverse|sonne|onyx|benqi|moola|exactly|silo|cToken|inflation attack|liquidat/i,
  ],
  [
    "dex",
    /swap|dex|amm|curve|balancer|uniswap|pancake|sushi|dodo|kyber|bancor|velodrome|platypus|pair|liquidity pool|\bLP\b|skim|router|aggregator/i,
  ],
  ["derivatives", /perp|option|futures|derivative|synthetic|mirror|gmx|dydx|margin|leverage/i],
  [
    "yield",
    /vault|yield|farm|harvest|yearn|beefy|autocompound|auto-compound|strategy|pickle|alpaca|belt|staking|reward/i,
  ],
  ["exchange-custody", /exchange|custod|cex|hot wallet/i],
];

/**
 * Token contracts: DeFiHackLabs names an exploited token by its ticker (all capitals, e.g. "PLTD",
 * "SHOCO") or "...Token"/"...Coin", and token-mechanics bugs carry types such as "Reflection token",
 * "Deflationary token", "Rebasing logic", "burn" or "Transfer Logic Flaw".
 */
const TOKEN_NAME = /token|coin|erc20|\b\d*404\b|314\b|^[A-Z0-9][A-Z0-9_ &-]{1,9}$/;
const TOKEN_TYPE = /reflection|deflationar|rebas|burn|transfer logic|fee mech|dividend|tax|presale|mint/i;

/** Category of an incident: the explicit mapping, else keyword rules, else the token rule, else "other". */
export function classifyIncident(protocol: string, type: string, mapping?: CategoryMapping): Category {
  const mapped = mapping?.get(protocol.toLowerCase());
  if (mapped) return mapped;
  if (NOT_A_PROTOCOL.test(protocol)) return "other";
  const text = `${protocol} ${type}`;
  for (const [category, pattern] of CATEGORY_PATTERNS) if (pattern.test(text)) return category;
  if (TOKEN_NAME.test(protocol) || TOKEN_TYPE.test(type)) return "token";
  return "other";
}
