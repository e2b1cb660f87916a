// The HTTP API (Ponder's Hono server): /v1/* over the indexed tables, OpenAPI 3 at /openapi.json. Amounts are
// decimal strings of base units; ids are JSON numbers; times are unix seconds (numbers). Views (capital,
// exposure, TVC, quote) are evaluated with packages/core at the indexed head block's timestamp.

import { db } from "ponder:api";
import {
  claim,
  history,
  incident,
  incidentReserve,
  marketHistory,
  payout,
  policy,
  policySlice,
  position,
  redeemRequest,
  vote,
} from "ponder:schema";
import {
  capacityAt,
  capitalAt,
  convertToAssets,
  coverInForceAt,
  exposureAt,
  poolFreeCapacity,
  poolMarketStateAt,
  quoteSnapshot,
  unearnedXAt,
  utilisation,
  WAD,
  YEAR,
} from "@backstop/core";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, asc, desc, eq, gte, sql } from "ponder";
import { type IndexedState, loadState, marketTotals, type SelectDb, totals } from "../snapshot.ts";

/* STATE CACHE: the tables only change when the indexed head moves. */

let cached: { checkpoint: string; state: Promise<IndexedState> } | undefined;
const schemaName = (process.env.BACKSTOP_SCHEMA ?? "public").replace(/"/g, "");

/** Ponder's latest checkpoint: it moves after a block's writes are complete (the head the API serves). */
async function checkpoint(): Promise<string> {
  const result = (await db.execute(
    sql.raw(`SELECT latest_checkpoint FROM "${schemaName}"._ponder_checkpoint ORDER BY chain_id LIMIT 1`),
  )) as unknown as { rows: { latest_checkpoint: string }[] } | { latest_checkpoint: string }[];
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0]?.latest_checkpoint ?? "0";
}

/**
 * The indexed state at Ponder's latest checkpoint, cached until the checkpoint moves. A load that saw the
 * checkpoint move is retried: the state is never a mix of two checkpoints.
 */
async function state(): Promise<IndexedState> {
  for (let attempt = 0; ; attempt++) {
    const before = await checkpoint();
    if (cached?.checkpoint === before) return cached.state;
    const loading = loadState(db as unknown as SelectDb);
    const st = await loading;
    if ((await checkpoint()) !== before && attempt < 5) continue;
    // blockTimestamp (10 digits), chainId (16), blockNumber (16): Ponder's checkpoint encoding.
    st.headTime = BigInt(before.slice(0, 10) || "0");
    st.headBlock = BigInt(before.slice(26, 42) || "0");
    cached = { checkpoint: before, state: loading };
    return st;
  }
}

/* SCHEMAS */

const Amount = z
  .string()
  .openapi({ example: "1000000", description: "A decimal string of base units of the cover asset" });
const Address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .openapi({ example: "0x5FbDB2315678afecb367f032d93F642f64180aa3" });
const IdParam = z
  .string()
  .regex(/^[0-9]{1,10}$/, "must be a non-negative integer id")
  .transform(Number)
  .openapi({ type: "string", example: "1", description: "A numeric id" });
const AmountParam = z
  .string()
  .regex(/^[0-9]{1,78}$/, "must be a decimal string of base units (digits only)")
  .transform((s) => BigInt(s))
  .refine((v) => v > 0n && v < 2n ** 96n, "must be positive and below 2^96")
  .openapi({ type: "string", example: "25000000000", description: "Base units of the cover asset" });
const SecondsParam = z
  .string()
  .regex(/^[0-9]{1,10}$/, "must be a whole number of seconds")
  .transform((s) => BigInt(s))
  .refine((v) => v > 0n, "must be positive")
  .openapi({ type: "string", example: "7776000", description: "Seconds" });
const Head = z.object({
  blockNumber: z.number().openapi({ description: "The indexed head block the figures are evaluated at" }),
  timestamp: z.number().openapi({ description: "Its timestamp (unix seconds)" }),
});
const ErrorBody = z
  .object({
    error: z.string(),
    issues: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  })
  .openapi("Error");
const Json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: Json(ErrorBody, "Bad request: each issue names the field and the reason"),
  404: Json(ErrorBody, "Not found"),
};

const StatsPoint = z.object({
  hour: z.number(),
  timestamp: z.number(),
  tvl: Amount,
  tvc: Amount,
  utilisationWad: Amount,
});
const Stats = Head.extend({
  tvl: Amount.openapi({ description: "Total value locked: the sum of pool capital" }),
  tvc: Amount.openapi({ description: "Total value covered: cover in force" }),
  utilisationWad: Amount.openapi({ description: "TVC / TVL, 1e18 = 100%" }),
  history: z
    .array(StatsPoint)
    .openapi({ description: "Hourly history, oldest first; the last point is live" }),
}).openapi("Stats");

const MarketHistory = Head.extend({
  marketId: z.number(),
  history: z
    .array(z.object({ hour: z.number(), timestamp: z.number(), tvc: Amount, capacity: Amount }))
    .openapi({ description: "Hourly cover in force and capacity, oldest first; the last point is live" }),
}).openapi("MarketHistory");
const HoursParam = z
  .string()
  .regex(/^[0-9]{1,5}$/, "must be a whole number of hours")
  .transform(Number)
  .optional()
  .openapi({ type: "string", description: "How many hours of history (default 168)" });

const Backer = z.object({
  poolId: z.number(),
  pool: z.string(),
  weightBps: z.number(),
  listed: z.boolean(),
  closed: z.boolean(),
  followOracle: z.boolean(),
  curve: z.object({
    baseRateBps: z.number(),
    slope1Bps: z.number(),
    slope2Bps: z.number(),
    kinkBps: z.number(),
  }),
  capacity: Amount,
  exposure: Amount,
  freeCapacity: Amount,
  coverInForce: Amount,
  utilisationWad: Amount,
  premium: Amount.openapi({ description: "Gross premium written by this pool on the market" }),
});
const Market = z
  .object({
    id: z.number(),
    asset: z.string(),
    trigger: z.string().nullable(),
    triggerState: z.number().nullable().openapi({ description: "0 ACTIVE, 1 FROZEN, 2 TRIGGERED" }),
    status: z.number().openapi({ description: "MarketStatus: 1 ACTIVE, 2 PAUSED, 3 RETIRED, 4 TRIGGERED" }),
    claimMode: z.number().openapi({ description: "0 PARAMETRIC, 1 ASSESSED" }),
    payoutMode: z.number(),
    groups: Amount.openapi({ description: "Correlation-group bitmask" }),
    baseRateBps: z.number(),
    deductibleBps: z.number(),
    minPeriod: z.number(),
    maxPeriod: z.number(),
    claimWindow: z.number(),
    tvc: Amount,
    capacity: Amount,
    freeCapacity: Amount,
  })
  .openapi("Market");
const MarketDetail = Market.extend({ backers: z.array(Backer) }).openapi("MarketDetail");

const Pool = z
  .object({
    id: z.number(),
    address: z.string(),
    curator: z.string(),
    capital: Amount.openapi({
      description: "Pool.capital(): assets held minus unearned premium and fees owed",
    }),
    claimHold: Amount,
    totalSupply: Amount,
    totalExposure: Amount,
    unearnedPremium: Amount,
    premiumGross: Amount,
    premiumLp: Amount.openapi({ description: "The LPs' share of all premium written (earned or not)" }),
    premiumEarned: Amount.openapi({ description: "LP premium earned so far: premiumLp - unearned" }),
    apyBps: z.number().openapi({
      description:
        "premiumEarned annualised over the pool's age, in bps of current capital (history-based APY)",
    }),
    currentApyBps: z
      .number()
      .openapi({ description: "The stream's earning rate now, annualised, bps of capital" }),
    curatorFeeBps: z.number(),
    leverageBps: z.number(),
    cooldown: z.number(),
    markets: z.array(z.number()),
  })
  .openapi("Pool");
const PoolDetail = Pool.extend({ backing: z.array(Backer.extend({ marketId: z.number() })) }).openapi(
  "PoolDetail",
);

const Policy = z
  .object({
    id: z.number(),
    marketId: z.number(),
    owner: z.string(),
    amount: Amount,
    premium: Amount,
    commission: Amount,
    start: z.number(),
    end: z.number(),
    integrator: z.string(),
    paid: Amount,
    blockNumber: z.number(),
    txHash: z.string(),
    slices: z.array(z.object({ poolId: z.number(), amount: Amount, premium: Amount })),
  })
  .openapi("Policy");
const Claim = z
  .object({
    id: z.number(),
    policyId: z.number(),
    claimant: z.string(),
    amount: Amount,
    evidenceURI: z.string(),
    status: z.number().openapi({ description: "ClaimStatus (IAssessedClaims): 1 FAST_TRACK, 2 VOTING, ..." }),
    challenger: z.string().nullable(),
    bond: Amount,
    paid: Amount,
    submittedAt: z.number(),
    votes: z.array(z.object({ assessor: z.string(), approve: z.boolean(), deadline: z.number() })),
  })
  .openapi("Claim");
const Incident = z
  .object({
    marketId: z.number(),
    incidentTime: z.number(),
    payoutPerUnitWad: Amount,
    required: Amount,
    funded: Amount,
    paid: Amount,
    returned: Amount,
    settledAt: z.number(),
    reserves: z.array(
      z.object({ poolId: z.number(), eligible: Amount, required: Amount, funded: Amount, returned: Amount }),
    ),
    payouts: z.array(z.object({ policyId: z.number().nullable(), to: z.string(), amount: Amount })),
  })
  .openapi("Incident");
const Position = z
  .object({
    poolId: z.number(),
    pool: z.string(),
    shares: Amount.openapi({
      description: "Shares held (escrowed request shares are listed under the request)",
    }),
    value: Amount.openapi({
      description: "The shares' value at the exit price (capital - claim hold), rounded down",
    }),
    deposited: Amount,
    withdrawn: Amount,
    earned: Amount.openapi({
      description: "value + pending request value + withdrawn - deposited (may be negative)",
    }),
    request: z
      .object({
        shares: Amount,
        assets: Amount,
        claimableAt: z.number(),
        pendingShares: Amount,
        claimableShares: Amount,
      })
      .nullable(),
  })
  .openapi("Position");
const Quote = Head.extend({
  marketId: z.number(),
  amount: Amount,
  period: z.number(),
  pools: z.array(z.number()).openapi({ description: "The pool order to pass to buyCover" }),
  filled: Amount.openapi({ description: "Less than amount: buyCover would revert InsufficientCapacity" }),
  premium: Amount.openapi({ description: "Equal to PoolLens.quote(market, amount, period, pools).premium" }),
  commission: Amount,
  total: Amount,
  annualRateBps: z.number(),
  allocation: z.array(z.object({ poolId: z.number(), amount: Amount, premium: Amount })),
}).openapi("Quote");

/* APP */

const app = new OpenAPIHono({
  defaultHook: (result, c) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({
        field: i.path.join(".") || "(request)",
        reason: i.message,
      }));
      return c.json({ error: "bad_request", issues }, 400);
    }
  },
});

const s = (v: bigint) => v.toString();
const n = (v: bigint | number) => Number(v);
const ZERO = /^0x0+$/;

function headOf(st: IndexedState) {
  return { blockNumber: n(st.headBlock), timestamp: n(st.headTime) };
}

function backerView(st: IndexedState, pm: IndexedState["poolMarkets"][number]) {
  const p = st.pools.get(pm.row.poolId);
  const time = st.headTime;
  if (!p) throw new RangeError(`pool ${pm.row.poolId} missing`);
  const cap = capacityAt(p.snapshot, pm.snapshot, time);
  const exposure = exposureAt(pm.snapshot, time);
  return {
    poolId: pm.row.poolId,
    pool: p.row.address,
    weightBps: n(pm.row.weightBps),
    listed: pm.row.listed,
    closed: pm.row.closed,
    followOracle: pm.row.followOracle,
    curve: {
      baseRateBps: n(pm.row.baseRateBps),
      slope1Bps: n(pm.row.slope1Bps),
      slope2Bps: n(pm.row.slope2Bps),
      kinkBps: n(pm.row.kinkBps),
    },
    capacity: s(cap),
    exposure: s(exposure),
    freeCapacity: s(poolFreeCapacity(poolMarketStateAt(p.snapshot, pm.snapshot, time))),
    coverInForce: s(coverInForceAt(pm.snapshot, time)),
    utilisationWad: s(utilisation(exposure, cap)),
    premium: s(pm.row.premium),
  };
}

function marketView(st: IndexedState, id: bigint) {
  const m = st.markets.get(id);
  if (!m) return undefined;
  const backers = st.poolMarkets
    .filter((pm) => pm.row.marketId === id)
    .sort((a, b) => (a.row.slot ?? 99) - (b.row.slot ?? 99))
    .map((pm) => backerView(st, pm));
  const sum = (k: "coverInForce" | "capacity" | "freeCapacity") =>
    s(backers.reduce((a, b) => a + BigInt(b[k]), 0n));
  return {
    id: n(m.id),
    asset: m.asset,
    trigger: ZERO.test(m.trigger) ? null : m.trigger,
    triggerState: ZERO.test(m.trigger) ? null : (triggerStateOf(st, id) ?? 0),
    status: m.status,
    claimMode: m.claimMode,
    payoutMode: m.payoutMode,
    groups: s(m.groups),
    baseRateBps: n(m.baseRateBps),
    deductibleBps: m.deductibleBps,
    minPeriod: n(m.minPeriod),
    maxPeriod: n(m.maxPeriod),
    claimWindow: n(m.claimWindow),
    tvc: sum("coverInForce"),
    capacity: sum("capacity"),
    freeCapacity: sum("freeCapacity"),
    backers,
  };
}

function triggerStateOf(st: IndexedState, id: bigint): number | undefined {
  const m = st.markets.get(id);
  return m ? st.triggers.get(m.trigger.toLowerCase()) : undefined;
}

/** The inputs of a market's quote: its listed backers in registry order with their pool snapshots. */
function quoteInputs(st: IndexedState, marketId: bigint) {
  return st.poolMarkets
    .filter((pm) => pm.row.marketId === marketId && pm.row.slot !== null)
    .sort((a, b) => (a.row.slot ?? 0) - (b.row.slot ?? 0))
    .flatMap((pm) => {
      const p = st.pools.get(pm.row.poolId);
      return p ? [{ pool: p.snapshot, market: pm.snapshot }] : [];
    });
}

/** JSON form of a snapshot: bigints as decimal strings, maps as arrays. */
function serialise(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Map)
    return [...value.entries()].map(([k, v]) => ({ groupId: k, ...(serialise(v) as object) }));
  if (Array.isArray(value)) return value.map(serialise);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serialise(v)]));
  }
  return value;
}

function poolView(st: IndexedState, id: number) {
  const p = st.pools.get(id);
  if (!p) return undefined;
  const time = st.headTime;
  const capital = capitalAt(p.snapshot, time);
  const unearned = (unearnedXAt(p.snapshot.streamEnds, time) + WAD - 1n) / WAD;
  const earned = p.row.premiumLp > unearned ? p.row.premiumLp - unearned : 0n;
  const age = time > p.row.createdAt ? time - p.row.createdAt : 0n;
  let rateX = 0n;
  for (const e of p.snapshot.streamEnds) if (e.bucket * 86_400n > time) rateX += e.rateX;
  const backing = st.poolMarkets
    .filter((pm) => pm.row.poolId === id)
    .map((pm) => ({ marketId: n(pm.row.marketId), ...backerView(st, pm) }));
  return {
    id,
    address: p.row.address,
    curator: p.row.curator,
    capital: s(capital),
    claimHold: s(p.row.claimHold),
    totalSupply: s(p.row.totalSupply),
    totalExposure: s(p.row.totalBooked),
    unearnedPremium: s(unearned),
    premiumGross: s(p.row.premiumGross),
    premiumLp: s(p.row.premiumLp),
    premiumEarned: s(earned),
    apyBps: capital === 0n || age === 0n ? 0 : n((earned * YEAR * 10_000n) / (age * capital)),
    currentApyBps: capital === 0n ? 0 : n((rateX * YEAR * 10_000n) / (WAD * capital)),
    curatorFeeBps: n(p.row.curatorFeeBps),
    leverageBps: n(p.row.leverageBps),
    cooldown: n(p.row.cooldown),
    markets: backing.map((b) => b.marketId),
    backing,
  };
}

/* ROUTES */

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/stats",
    summary: "TVL, TVC and utilisation now, with their hourly history",
    request: {
      query: z.object({ hours: HoursParam }),
    },
    responses: { 200: Json(Stats, "Protocol totals"), 400: errors[400] },
  }),
  async (c) => {
    const st = await state();
    const { tvl, tvc } = totals(st, st.headTime);
    const hours = BigInt(c.req.valid("query").hours ?? 168);
    const rows = await db
      .select()
      .from(history)
      .where(gte(history.hour, st.headTime / 3600n - hours))
      .orderBy(asc(history.hour));
    const live = { hour: n(st.headTime / 3600n), timestamp: n(st.headTime), tvl: s(tvl), tvc: s(tvc) };
    const util = (a: bigint, b: bigint) => s(a === 0n ? 0n : (b * WAD) / a);
    const points = rows
      .filter((r) => r.hour !== st.headTime / 3600n)
      .map((r) => ({
        hour: n(r.hour),
        timestamp: n(r.timestamp),
        tvl: s(r.tvl),
        tvc: s(r.tvc),
        utilisationWad: s(r.utilisationWad),
      }));
    points.push({ ...live, utilisationWad: util(tvl, tvc) });
    return c.json(
      { ...headOf(st), tvl: s(tvl), tvc: s(tvc), utilisationWad: util(tvl, tvc), history: points },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/markets",
    summary: "Every market with its TVC and capacity",
    responses: { 200: Json(Head.extend({ markets: z.array(Market) }), "Markets") },
  }),
  async (c) => {
    const st = await state();
    const markets = [...st.markets.keys()]
      .sort((a, b) => (a < b ? -1 : 1))
      .map((id) => {
        const { backers: _, ...m } = marketView(st, id) ?? ({} as never);
        return m;
      });
    return c.json({ ...headOf(st), markets }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/markets/{id}",
    summary: "One market with its backing pools",
    request: { params: z.object({ id: IdParam }) },
    responses: { 200: Json(Head.extend({ market: MarketDetail }), "The market"), ...errors },
  }),
  async (c) => {
    const st = await state();
    const m = marketView(st, BigInt(c.req.valid("param").id));
    if (!m) return c.json({ error: "not_found", issues: [{ field: "id", reason: "no such market" }] }, 404);
    return c.json({ ...headOf(st), market: m }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/markets/{id}/history",
    summary: "A market's cover in force and capacity, hourly",
    request: { params: z.object({ id: IdParam }), query: z.object({ hours: HoursParam }) },
    responses: { 200: Json(MarketHistory, "Hourly history"), ...errors },
  }),
  async (c) => {
    const st = await state();
    const id = BigInt(c.req.valid("param").id);
    if (!st.markets.has(id))
      return c.json({ error: "not_found", issues: [{ field: "id", reason: "no such market" }] }, 404);
    const hours = BigInt(c.req.valid("query").hours ?? 168);
    const rows = await db
      .select()
      .from(marketHistory)
      .where(and(eq(marketHistory.marketId, id), gte(marketHistory.hour, st.headTime / 3600n - hours)))
      .orderBy(asc(marketHistory.hour));
    const live = marketTotals(st, id, st.headTime);
    const points = rows
      .filter((r) => r.hour !== st.headTime / 3600n)
      .map((r) => ({ hour: n(r.hour), timestamp: n(r.timestamp), tvc: s(r.tvc), capacity: s(r.capacity) }));
    points.push({
      hour: n(st.headTime / 3600n),
      timestamp: n(st.headTime),
      tvc: s(live.tvc),
      capacity: s(live.capacity),
    });
    return c.json({ ...headOf(st), marketId: n(id), history: points }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/pools",
    summary: "Every pool with capital, premium and APY earned from its premium history",
    responses: { 200: Json(Head.extend({ pools: z.array(Pool) }), "Pools") },
  }),
  async (c) => {
    const st = await state();
    const pools = [...st.pools.keys()]
      .sort((a, b) => a - b)
      .map((id) => {
        const { backing: _, ...p } = poolView(st, id) ?? ({} as never);
        return p;
      });
    return c.json({ ...headOf(st), pools }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/pools/{address}",
    summary: "One pool (by address) with the markets it backs",
    request: { params: z.object({ address: Address }) },
    responses: { 200: Json(Head.extend({ pool: PoolDetail }), "The pool"), ...errors },
  }),
  async (c) => {
    const st = await state();
    const address = c.req.valid("param").address.toLowerCase();
    const found = [...st.pools.values()].find((p) => p.row.address.toLowerCase() === address);
    const p = found && poolView(st, found.row.id);
    if (!p)
      return c.json({ error: "not_found", issues: [{ field: "address", reason: "no such pool" }] }, 404);
    return c.json({ ...headOf(st), pool: p }, 200);
  },
);

const Page = {
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, "must be a whole number")
    .transform(Number)
    .refine((v) => v >= 1 && v <= 1000, "must be between 1 and 1000")
    .optional()
    .openapi({ type: "string", description: "Page size (default 100, at most 1000)" }),
  offset: z
    .string()
    .regex(/^[0-9]{1,9}$/, "must be a whole number")
    .transform(Number)
    .optional()
    .openapi({ type: "string", description: "Rows to skip (default 0)" }),
};

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/policies",
    summary: "Policies, newest first, optionally of one owner and/or market",
    request: { query: z.object({ owner: Address.optional(), market: IdParam.optional(), ...Page }) },
    responses: { 200: Json(z.object({ policies: z.array(Policy) }), "Policies"), 400: errors[400] },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const where = and(
      q.owner ? eq(policy.owner, q.owner.toLowerCase() as `0x${string}`) : undefined,
      q.market === undefined ? undefined : eq(policy.marketId, BigInt(q.market)),
    );
    const rows = await db
      .select()
      .from(policy)
      .where(where)
      .orderBy(desc(policy.id))
      .limit(q.limit ?? 100)
      .offset(q.offset ?? 0);
    const slices = rows.length === 0 ? [] : await db.select().from(policySlice);
    const policies = rows.map((p) => ({
      id: n(p.id),
      marketId: n(p.marketId),
      owner: p.owner,
      amount: s(p.amount),
      premium: s(p.premium),
      commission: s(p.commission),
      start: n(p.start),
      end: n(p.end),
      integrator: p.integrator,
      paid: s(p.paid),
      blockNumber: n(p.block),
      txHash: p.txHash,
      slices: slices
        .filter((x) => x.policyId === p.id)
        .map((x) => ({ poolId: x.poolId, amount: s(x.amount), premium: s(x.premium) })),
    }));
    return c.json({ policies }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims",
    summary: "Assessed claims with their votes, newest first",
    request: {
      query: z.object({
        policyId: IdParam.optional(),
        status: z
          .string()
          .regex(/^[0-9]$/, "must be a ClaimStatus number")
          .transform(Number)
          .optional()
          .openapi({ type: "string" }),
        ...Page,
      }),
    },
    responses: { 200: Json(z.object({ claims: z.array(Claim) }), "Claims"), 400: errors[400] },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const rows = await db
      .select()
      .from(claim)
      .where(
        and(
          q.policyId === undefined ? undefined : eq(claim.policyId, BigInt(q.policyId)),
          q.status === undefined ? undefined : eq(claim.status, q.status),
        ),
      )
      .orderBy(desc(claim.id))
      .limit(q.limit ?? 100)
      .offset(q.offset ?? 0);
    const votes = rows.length === 0 ? [] : await db.select().from(vote).where(eq(vote.kind, "claim"));
    const claims = rows.map((r) => ({
      id: n(r.id),
      policyId: n(r.policyId),
      claimant: r.claimant,
      amount: s(r.amount),
      evidenceURI: r.evidenceURI,
      status: r.status,
      challenger: r.challenger ?? null,
      bond: s(r.bond),
      paid: s(r.paid),
      submittedAt: n(r.submittedAt),
      votes: votes
        .filter((v) => v.subjectId === r.id)
        .map((v) => ({ assessor: v.assessor, approve: v.approve, deadline: n(v.deadline) })),
    }));
    return c.json({ claims }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/incidents",
    summary: "Settled incidents with each pool's reserve and the payouts",
    responses: { 200: Json(z.object({ incidents: z.array(Incident) }), "Incidents") },
  }),
  async (c) => {
    const [rows, reserves, payouts] = await Promise.all([
      db.select().from(incident).orderBy(desc(incident.block)),
      db.select().from(incidentReserve),
      db.select().from(payout).where(eq(payout.kind, "parametric")),
    ]);
    const incidents = rows.map((r) => ({
      marketId: n(r.marketId),
      incidentTime: n(r.incidentTime),
      payoutPerUnitWad: s(r.payoutPerUnitWad),
      required: s(r.required),
      funded: s(r.funded),
      paid: s(r.paid),
      returned: s(r.returned),
      settledAt: n(r.timestamp),
      reserves: reserves
        .filter((x) => x.marketId === r.marketId)
        .map((x) => ({
          poolId: x.poolId,
          eligible: s(x.eligible),
          required: s(x.required),
          funded: s(x.funded),
          returned: s(x.returned),
        })),
      payouts: payouts
        .filter((x) => x.marketId === r.marketId)
        .map((x) => ({
          policyId: x.policyId === null ? null : n(x.policyId),
          to: x.to,
          amount: s(x.amount),
        })),
    }));
    return c.json({ incidents }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/positions/{address}",
    summary: "An LP's positions: shares, value, redeem requests and earned premium",
    request: { params: z.object({ address: Address }) },
    responses: { 200: Json(Head.extend({ positions: z.array(Position) }), "Positions"), 400: errors[400] },
  }),
  async (c) => {
    const owner = c.req.valid("param").address.toLowerCase() as `0x${string}`;
    const st = await state();
    const [rows, requests] = await Promise.all([
      db.select().from(position).where(eq(position.owner, owner)),
      db.select().from(redeemRequest).where(eq(redeemRequest.controller, owner)),
    ]);
    const ids = new Set([...rows.map((r) => r.poolId), ...requests.map((r) => r.poolId)]);
    const positions = [...ids]
      .sort((a, b) => a - b)
      .flatMap((poolId) => {
        const p = st.pools.get(poolId);
        if (!p) return [];
        const row = rows.find((r) => r.poolId === poolId);
        const req = requests.find((r) => r.poolId === poolId && r.shares > 0n);
        const exitCapital = capitalAt(p.snapshot, st.headTime);
        const uw = exitCapital > p.row.claimHold ? exitCapital - p.row.claimHold : 0n;
        const shares = row?.shares ?? 0n;
        const value = convertToAssets(shares, p.row.totalSupply, uw);
        const reqValue = req ? convertToAssets(req.shares, p.row.totalSupply, uw) : 0n;
        const reqWorth = req ? (reqValue < req.assets ? reqValue : req.assets) : 0n;
        const deposited = row?.deposited ?? 0n;
        const withdrawn = row?.withdrawn ?? 0n;
        const claimable = req && req.claimableAt <= st.headTime;
        return [
          {
            poolId,
            pool: p.row.address,
            shares: s(shares),
            value: s(value),
            deposited: s(deposited),
            withdrawn: s(withdrawn),
            earned: s(value + reqWorth + withdrawn - deposited),
            request: req
              ? {
                  shares: s(req.shares),
                  assets: s(req.assets),
                  claimableAt: n(req.claimableAt),
                  pendingShares: s(claimable ? 0n : req.shares),
                  claimableShares: s(claimable ? req.shares : 0n),
                }
              : null,
          },
        ];
      });
    return c.json({ ...headOf(st), positions }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/quote",
    summary: "Quote cover over indexed state (packages/core), equal to PoolLens.quote at the head block",
    request: {
      query: z.object({
        market: IdParam.openapi({ type: "string", description: "Market id" }),
        amount: AmountParam,
        period: SecondsParam.openapi({ type: "string", description: "Seconds of cover" }),
        commissionBps: z
          .string()
          .regex(/^[0-9]{1,4}$/, "must be whole basis points")
          .transform((v) => BigInt(v))
          .refine((v) => v <= 10_000n, "must be at most 10000")
          .optional()
          .openapi({ type: "string" }),
      }),
    },
    responses: { 200: Json(Quote, "The quote"), ...errors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const st = await state();
    const marketId = BigInt(q.market);
    const m = st.markets.get(marketId);
    if (!m)
      return c.json({ error: "not_found", issues: [{ field: "market", reason: "no such market" }] }, 404);
    if (q.period < m.minPeriod || q.period > m.maxPeriod) {
      return c.json(
        {
          error: "bad_request",
          issues: [{ field: "period", reason: `must be between ${m.minPeriod} and ${m.maxPeriod} seconds` }],
        },
        400,
      );
    }
    const backers = quoteInputs(st, marketId);
    const t0 = performance.now();
    const r = quoteSnapshot({
      backers,
      oracleBaseRateBps: m.baseRateBps,
      protocolFeeBps: st.protocolFeeBps,
      amount: q.amount,
      period: q.period,
      time: st.headTime,
      commissionBps: q.commissionBps ?? 0n,
    });
    // The in-process quote (packages/core over the indexed state), without I/O and serialisation.
    c.header("Server-Timing", `quote;dur=${(performance.now() - t0).toFixed(4)}`);
    return c.json(
      {
        ...headOf(st),
        marketId: n(marketId),
        amount: s(q.amount),
        period: n(q.period),
        pools: r.pools,
        filled: s(r.filled),
        premium: s(r.premium),
        commission: s(r.commission),
        total: s(r.total),
        annualRateBps: n(r.annualRateBps),
        allocation: r.allocation.map((a) => ({
          poolId: a.poolId,
          amount: s(a.filled),
          premium: s(a.premium),
        })),
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/v1/quote/inputs",
    summary: "The indexed state a market's quote is computed from (packages/core quoteSnapshot inputs)",
    description:
      "Backers in registry order with their PoolSnapshot and PoolMarketSnapshot (bigints as decimal strings, " +
      "group maps as arrays), the oracle base rate, the protocol fee and the head time: a client can quote " +
      "locally with @backstop/core's quoteSnapshot, as /v1/quote does.",
    request: { query: z.object({ market: IdParam.openapi({ type: "string", description: "Market id" }) }) },
    responses: {
      200: Json(
        Head.extend({
          marketId: z.number(),
          oracleBaseRateBps: Amount,
          protocolFeeBps: Amount,
          backers: z.array(
            z.object({ pool: z.record(z.string(), z.unknown()), market: z.record(z.string(), z.unknown()) }),
          ),
        }),
        "Quote inputs",
      ),
      ...errors,
    },
  }),
  async (c) => {
    const st = await state();
    const marketId = BigInt(c.req.valid("query").market);
    const m = st.markets.get(marketId);
    if (!m)
      return c.json({ error: "not_found", issues: [{ field: "market", reason: "no such market" }] }, 404);
    return c.json(
      {
        ...headOf(st),
        marketId: n(marketId),
        oracleBaseRateBps: s(m.baseRateBps),
        protocolFeeBps: s(st.protocolFeeBps),
        backers: serialise(quoteInputs(st, marketId)) as {
          pool: Record<string, unknown>;
          market: Record<string, unknown>;
        }[],
      },
      200,
    );
  },
);

app.doc("/openapi.json", {
  openapi: "3.0.3",
  info: {
    title: "Backstop indexer API",
    version: "1.0.0",
    description:
      "Indexed Backstop protocol state. Amounts are decimal strings of base units of the cover asset (uint256 " +
      "values never lose precision); ids are JSON numbers; times are unix seconds. Views are evaluated at the " +
      "indexed head block (blockNumber, timestamp). Bad input returns 400 with each field and reason. " +
      "GET /ready answers 200 once historical indexing is complete (503 before).",
  },
});

app.notFound((c) => c.json({ error: "not_found" }, 404));

export default app;
