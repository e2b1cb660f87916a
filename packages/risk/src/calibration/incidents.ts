import { ValidationError } from "../errors.ts";
import type { Category } from "../model/categories.ts";
import { parseCsv } from "./csv.ts";

export type LossBasis = "explicit_usd" | "bare_number_assumed_usd" | "none";

export interface Incident {
  date: string;
  year: number;
  protocol: string;
  type: string;
  chain: string;
  /** USD loss when the source states one; undefined when it does not (counted for frequency only). */
  lossUsd: number | undefined;
  lossBasis: LossBasis;
  category: Category;
  /** True for losses the source states but that are known not to be exploit losses (see below). */
  excludedFromSeverity: boolean;
}

/**
 * Beauty Chain (BEC, 2018-04-22) is listed at "$900 million", which was the token's market cap
 * after the overflow minted tokens, not value taken from depositors. It stays in the frequency
 * counts and is excluded from the severity fit.
 */
const NOT_A_LOSS = new Set(["beauty chain"]);

/** Parses the DeFiHackLabs incident table (columns: date, protocol, loss_usd, type, chain, loss_usd_basis, ...). */
export function parseIncidents(csvText: string): Incident[] {
  return parseCsv(csvText).map((row, index) => {
    const date = row.date ?? "";
    const year = Number(date.slice(0, 4));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(year)) {
      throw new ValidationError(`incidents[${index}].date`, date, "expected YYYY-MM-DD");
    }
    const rawLoss = (row.loss_usd ?? "").trim();
    const lossUsd = rawLoss === "" ? undefined : Number(rawLoss);
    if (lossUsd !== undefined && !(Number.isFinite(lossUsd) && lossUsd >= 0)) {
      throw new ValidationError(`incidents[${index}].loss_usd`, rawLoss, "expected a non-negative number");
    }
    const basis = row.loss_usd_basis ?? "";
    const protocol = (row.protocol ?? "").trim();
    const type = (row.type ?? "").trim();
    return {
      date,
      year,
      protocol,
      type,
      chain: (row.chain ?? "").trim().toLowerCase() || "unknown",
      lossUsd,
      lossBasis: basis === "explicit_usd" || basis === "bare_number_assumed_usd" ? basis : "none",
      category: classifyIncident(protocol, type),
      excludedFromSeverity: NOT_A_LOSS.has(protocol.toLowerCase()),
    };
  });
}

/**
 * The source has no category column, so incidents are classified by keywords in the protocol name
 * and attack type. First match wins; the order puts the most specific patterns first. Anything
 * unmatched (mostly single-token contracts on BSC) lands in "other".
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
    /swap|dex|amm|curve|balancer|uniswap|pancake|sushi|dodo|kyber|bancor|velodrome|platypus|pair|liquidity pool|\bLP\b|skim/i,
  ],
  ["derivatives", /perp|option|futures|derivative|synthetic|mirror|gmx|dydx|margin|leverage/i],
  [
    "yield",
    /vault|yield|farm|harvest|yearn|beefy|autocompound|auto-compound|strategy|pickle|alpaca|belt|staking|reward|dividend/i,
  ],
  ["exchange-custody", /exchange|custod|cex|hot wallet|private key/i],
];

export function classifyIncident(protocol: string, type: string): Category {
  const text = `${protocol} ${type}`;
  for (const [category, pattern] of CATEGORY_PATTERNS) if (pattern.test(text)) return category;
  return "other";
}
