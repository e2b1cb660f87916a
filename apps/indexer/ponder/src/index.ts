// Indexing functions: one per protocol event. Pool state follows the contracts' storage (see state.ts).

import { ponder } from "ponder:registry";
import {
  capitalFlow,
  claim,
  dispute,
  fillProgress,
  group,
  incident,
  incidentReserve,
  market,
  otherEvent,
  payout,
  policy,
  policySlice,
  pool,
  poolAddress,
  poolGroup,
  poolMarket,
  position,
  protocol,
  redeemRequest,
  trigger,
  vote,
} from "ponder:schema";
import { coverManagerAbi, marketsAbi, poolAbi, triggerBaseAbi } from "@backstop/abi";
import { BucketLib, consumeRequest } from "@backstop/core";
import { and, count, eq, isNotNull } from "ponder";
import { decodeFunctionData, type Hex, zeroAddress } from "viem";
import { recordHistory } from "./history.ts";
import {
  accrue,
  addStream,
  book,
  delayDaysOf,
  getPool,
  release,
  settleLedger,
  underwriteReleases,
} from "./state.ts";

type Db = Parameters<Parameters<typeof ponder.on<"Markets:PausedSet">>[1]>[0]["context"]["db"];

async function touch(db: Db) {
  await db
    .insert(protocol)
    .values({ id: 1, dirty: true })
    .onConflictDoUpdate(() => ({ dirty: true }));
}

async function poolIdOf(db: Db, address: Hex): Promise<number> {
  const row = await db.find(poolAddress, { address: address.toLowerCase() as Hex });
  if (!row) throw new RangeError(`unknown pool ${address}`);
  return row.poolId;
}

/** Stores an event that has no table of its own. */
async function keep(
  event: {
    id: string;
    log: { address: Hex };
    name?: string;
    args: unknown;
    block: { number: bigint; timestamp: bigint };
  },
  db: Db,
  name: string,
) {
  await db.insert(otherEvent).values({
    id: event.id,
    contract: event.log.address,
    name,
    args: JSON.stringify(event.args, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
    block: event.block.number,
    timestamp: event.block.timestamp,
  });
}

/* MARKETS */

ponder.on("Markets:MarketCreated", async ({ event, context }) => {
  const m = await context.client.readContract({
    address: event.log.address,
    abi: marketsAbi,
    functionName: "market",
    args: [event.args.marketId],
    blockNumber: event.block.number,
  });
  await context.db.insert(market).values({
    id: event.args.marketId,
    asset: event.args.asset,
    trigger: event.args.trigger,
    groups: event.args.groups,
    status: m.status,
    claimMode: m.claimMode,
    payoutMode: m.payoutMode,
    deductibleBps: m.deductibleBps,
    maturationDelay: BigInt(m.maturationDelay),
    minPeriod: BigInt(m.minPeriod),
    maxPeriod: BigInt(m.maxPeriod),
    claimWindow: BigInt(m.claimWindow),
    baseRateBps: BigInt(m.baseRateBps),
    termsURI: "",
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
  });
  if (event.args.trigger !== zeroAddress) {
    await context.db
      .insert(trigger)
      .values({
        address: event.args.trigger.toLowerCase() as Hex,
        marketId: event.args.marketId,
        state: 0,
        updatedBlock: event.block.number,
      })
      .onConflictDoNothing();
  }
  await touch(context.db);
});

ponder.on("Markets:MarketStatusChanged", async ({ event, context }) => {
  await context.db.update(market, { id: event.args.marketId }).set({ status: event.args.status });
});

ponder.on("Markets:BaseRateUpdated", async ({ event, context }) => {
  await context.db.update(market, { id: event.args.marketId }).set({ baseRateBps: event.args.rateBps });
});

ponder.on("Markets:MinPoolCapacitySet", async ({ event, context }) => {
  await context.db
    .update(market, { id: event.args.marketId })
    .set({ minPoolCapacity: event.args.minCapacity });
});

ponder.on("Markets:GroupCreated", async ({ event, context }) => {
  await context.db
    .insert(group)
    .values({ id: Number(event.args.groupId), name: event.args.name })
    .onConflictDoNothing();
});

ponder.on("Markets:CoverAssetSet", async ({ event, context }) => keep(event, context.db, "CoverAssetSet"));

ponder.on("Markets:ProtocolParamsSet", async ({ event, context }) => {
  const values = {
    treasury: event.args.treasury,
    protocolFeeBps: event.args.protocolFeeBps,
    maxCommissionBps: event.args.maxCommissionBps,
  };
  await context.db
    .insert(protocol)
    .values({ id: 1, ...values })
    .onConflictDoUpdate(() => values);
});

ponder.on("Markets:PausedSet", async ({ event, context }) => {
  await context.db
    .insert(protocol)
    .values({ id: 1, paused: event.args.paused })
    .onConflictDoUpdate(() => ({ paused: event.args.paused }));
});

ponder.on("Markets:PoolRegistered", async ({ event, context }) => {
  const id = Number(event.args.poolId);
  // The pool's constructor set its parameters (PoolParamsSet) before it was registered: read them.
  const [curatorFeeBps, leverageBps, cooldown, gate, timelock] = await context.client.readContract({
    address: event.args.pool,
    abi: poolAbi,
    functionName: "poolParams",
    blockNumber: event.block.number,
  });
  await context.db.insert(pool).values({
    id,
    address: event.args.pool,
    curator: event.args.curator,
    curatorFeeBps: BigInt(curatorFeeBps),
    leverageBps: BigInt(leverageBps),
    cooldown: BigInt(cooldown),
    gate,
    timelock: BigInt(timelock),
    streamLastAccrual: event.block.timestamp,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
  });
  await context.db.insert(poolAddress).values({ address: event.args.pool.toLowerCase() as Hex, poolId: id });
});

ponder.on("Markets:MarketPoolAdded", async ({ event, context }) => {
  const { marketId } = event.args;
  const poolId = Number(event.args.poolId);
  const slot = await backerCount(context.db, marketId);
  await context.db
    .insert(poolMarket)
    .values({ poolId, marketId, slot, listed: true })
    .onConflictDoUpdate(() => ({ slot, listed: true }));
});

ponder.on("Markets:MarketPoolRemoved", async ({ event, context }) => {
  const { marketId } = event.args;
  const poolId = Number(event.args.poolId);
  const removed = await context.db.find(poolMarket, { poolId, marketId });
  const count = await backerCount(context.db, marketId);
  // Markets.removeMarketPool swaps the last backer into the removed slot.
  const [last] = await context.db.sql
    .select()
    .from(poolMarket)
    .where(and(eq(poolMarket.marketId, marketId), eq(poolMarket.slot, count - 1)));
  if (last && removed?.slot != null && last.poolId !== poolId) {
    await context.db.update(poolMarket, { poolId: last.poolId, marketId }).set({ slot: removed.slot });
  }
  await context.db.update(poolMarket, { poolId, marketId }).set({ slot: null, listed: false, weightBps: 0n });
});

async function backerCount(db: Db, marketId: bigint): Promise<number> {
  const [row] = await db.sql
    .select({ n: count() })
    .from(poolMarket)
    .where(and(eq(poolMarket.marketId, marketId), isNotNull(poolMarket.slot)));
  return Number(row?.n ?? 0);
}

/* POOLS: configuration */

ponder.on("Pool:MarketConfigured", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { marketId, weightBps, curve, followOracle } = event.args;
  const m = await context.db.find(market, { id: marketId });
  const existing = await context.db.find(poolMarket, { poolId, marketId });
  const values = {
    weightBps: BigInt(weightBps),
    followOracle,
    baseRateBps: BigInt(curve.baseRateBps),
    slope1Bps: BigInt(curve.slope1Bps),
    slope2Bps: BigInt(curve.slope2Bps),
    kinkBps: BigInt(curve.kinkBps),
    listed: (existing?.listed ?? false) || weightBps !== 0,
  };
  const first = !existing?.configured;
  const firstValues = first
    ? {
        configured: true,
        releaseDelayDays: m ? delayDaysOf(m) : 0n,
        lastBucket: BucketLib.at(event.block.timestamp),
      }
    : {};
  await context.db
    .insert(poolMarket)
    .values({ poolId, marketId, ...values, ...firstValues })
    .onConflictDoUpdate(() => ({ ...values, ...firstValues }));
  await touch(context.db);
});

ponder.on("Pool:GroupCapSet", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const capBps = BigInt(event.args.capBps);
  await context.db
    .insert(poolGroup)
    .values({ poolId, groupId: Number(event.args.groupId), capBps })
    .onConflictDoUpdate(() => ({ capBps }));
});

ponder.on("Pool:PoolParamsSet", async ({ event, context }) => {
  // Emitted first by the constructor, before PoolRegistered (which reads the parameters).
  const known = await context.db.find(poolAddress, { address: event.log.address.toLowerCase() as Hex });
  if (!known) return;
  const poolId = known.poolId;
  await context.db.update(pool, { id: poolId }).set({
    curatorFeeBps: BigInt(event.args.curatorFeeBps),
    leverageBps: BigInt(event.args.leverageBps),
    cooldown: BigInt(event.args.cooldown),
    gate: event.args.depositGate,
  });
});

ponder.on("Pool:CuratorSet", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  await context.db.update(pool, { id: poolId }).set({ curator: event.args.curator });
});

ponder.on("Pool:TimelockSet", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  await context.db.update(pool, { id: poolId }).set({ timelock: event.args.timelock });
});

ponder.on("Pool:ChangeQueued", async ({ event, context }) => keep(event, context.db, "ChangeQueued"));
ponder.on("Pool:ChangeRevoked", async ({ event, context }) => keep(event, context.db, "ChangeRevoked"));

/* POOLS: capital */

ponder.on("Pool:Deposit", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { sender, owner, assets, shares } = event.args;
  await recordFlow(context.db, event, {
    kind: "deposit",
    poolId,
    sender,
    recipient: owner,
    owner,
    assets,
    shares,
  });
});

ponder.on("Pool:Withdraw", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { sender, receiver, owner, assets, shares } = event.args;
  // Pool._prepareExit: accrue, then release every backed market's expired cover (all ACTIVE, or it reverted).
  const p = await accrue(context.db, await getPool(context.db, poolId), event.block.timestamp);
  const rows = await context.db.sql.select().from(poolMarket).where(eq(poolMarket.poolId, poolId));
  for (const pm of rows) {
    if (pm.configured && !pm.closed) {
      await release(context.db, poolId, pm.marketId, BucketLib.at(event.block.timestamp));
    }
  }
  // ERC-7540: `owner` is the controller whose request is consumed.
  const r = await context.db.find(redeemRequest, { poolId, controller: owner });
  if (r && r.shares >= shares) {
    const left = consumeRequest(r, shares);
    await context.db
      .update(redeemRequest, { poolId, controller: owner })
      .set({ shares: left.shares, assets: left.assets, updatedBlock: event.block.number });
  }
  await recordFlow(context.db, event, {
    kind: "withdraw",
    poolId: p.id,
    sender,
    recipient: receiver,
    owner,
    assets,
    shares,
  });
});

/**
 * A deposit or withdrawal: the pool's balance, the capital-flow row (to the recipient: the share owner of a
 * deposit, the asset receiver of a withdrawal) and the share owner's deposited/withdrawn totals.
 */
async function recordFlow(
  db: Db,
  event: { id: string; block: { number: bigint; timestamp: bigint } },
  f: {
    kind: "deposit" | "withdraw";
    poolId: number;
    sender: Hex;
    recipient: Hex;
    owner: Hex;
    assets: bigint;
    shares: bigint;
  },
) {
  const { kind, poolId, owner, assets } = f;
  const delta = kind === "deposit" ? assets : -assets;
  await db.update(pool, { id: poolId }).set((row) => ({ balance: row.balance + delta }));
  await db.insert(capitalFlow).values({
    id: event.id,
    kind,
    poolId,
    sender: f.sender,
    owner: f.recipient,
    assets,
    shares: f.shares,
    block: event.block.number,
    timestamp: event.block.timestamp,
  });
  if (kind === "deposit")
    await db
      .insert(position)
      .values({ poolId, owner, deposited: assets })
      .onConflictDoUpdate((row) => ({ deposited: row.deposited + assets }));
  else
    await db
      .insert(position)
      .values({ poolId, owner, withdrawn: assets })
      .onConflictDoUpdate((row) => ({ withdrawn: row.withdrawn + assets }));
  await touch(db);
}

ponder.on("Pool:Transfer", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { from, to, value } = event.args;
  if (from === zeroAddress) {
    await context.db.update(pool, { id: poolId }).set((row) => ({ totalSupply: row.totalSupply + value }));
  } else {
    await context.db
      .insert(position)
      .values({ poolId, owner: from, shares: -value })
      .onConflictDoUpdate((row) => ({ shares: row.shares - value }));
  }
  if (to === zeroAddress) {
    await context.db.update(pool, { id: poolId }).set((row) => ({ totalSupply: row.totalSupply - value }));
  } else {
    await context.db
      .insert(position)
      .values({ poolId, owner: to, shares: value })
      .onConflictDoUpdate((row) => ({ shares: row.shares + value }));
  }
});

ponder.on("Pool:Approval", async () => {});
ponder.on("Pool:OperatorSet", async ({ event, context }) => keep(event, context.db, "OperatorSet"));
ponder.on("Pool:RedeemRequest", async () => {});

ponder.on("Pool:RedeemRequested", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { controller, shares, assets, claimableAt } = event.args;
  await context.db
    .insert(redeemRequest)
    .values({ poolId, controller, shares, assets, claimableAt, updatedBlock: event.block.number })
    .onConflictDoUpdate((row) => ({
      shares: row.shares + shares,
      assets: row.assets + assets,
      claimableAt,
      updatedBlock: event.block.number,
    }));
});

ponder.on("Pool:FeesClaimed", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { curatorFees, protocolFees } = event.args;
  await context.db.update(pool, { id: poolId }).set((row) => ({
    balance: row.balance - curatorFees - protocolFees,
    curatorFees: row.curatorFees - curatorFees,
    protocolFees: row.protocolFees - protocolFees,
  }));
});

/* POOLS: underwriting */

/** The purchase a pool's Underwritten belongs to, decoded from the transaction (direct calls only). */
function purchaseOf(input: Hex): { amount: bigint; pools: readonly number[] } | undefined {
  try {
    const call = decodeFunctionData({ abi: coverManagerAbi, data: input });
    if (call.functionName === "buyCover" || call.functionName === "buyCoverWithPermit") {
      const p = call.args[0] as { amount: bigint; pools: readonly number[] };
      return { amount: p.amount, pools: p.pools };
    }
  } catch {
    // Not a direct CoverManager call (a router): candidates that filled nothing are not known.
  }
  return undefined;
}

ponder.on("Pool:Underwritten", async ({ event, context }) => {
  const db = context.db;
  const poolId = await poolIdOf(db, event.log.address);
  const time = event.block.timestamp;
  const { marketId, amount, premium, curatorFee, protocolFee, endBucket } = event.args;
  const purchase = purchaseOf(event.transaction.input);
  if (purchase) {
    const progress = (await db.find(fillProgress, { txHash: event.transaction.hash })) ?? {
      txHash: event.transaction.hash,
      filled: 0n,
      next: 0,
    };
    let i = progress.next;
    // Candidates before this pool filled nothing, but still released (Pool._fillable).
    while (i < purchase.pools.length && purchase.pools[i] !== poolId) {
      await underwriteReleases(db, purchase.pools[i] ?? 0, marketId, purchase.amount - progress.filled, time);
      i++;
    }
    await underwriteReleases(db, poolId, marketId, purchase.amount - progress.filled, time);
    await db
      .insert(fillProgress)
      .values({ txHash: event.transaction.hash, filled: progress.filled + amount, next: i + 1 })
      .onConflictDoUpdate(() => ({ filled: progress.filled + amount, next: i + 1 }));
  } else {
    await underwriteReleases(db, poolId, marketId, amount, time);
  }
  const pm = await db.find(poolMarket, { poolId, marketId });
  await book(db, poolId, marketId, amount, premium, endBucket + (pm?.releaseDelayDays ?? 0n));
  let p = await accrue(db, await getPool(db, poolId), time);
  p = await db.update(pool, { id: poolId }).set({
    balance: p.balance + premium,
    curatorFees: p.curatorFees + curatorFee,
    protocolFees: p.protocolFees + protocolFee,
    premiumGross: p.premiumGross + premium,
    premiumLp: p.premiumLp + premium - curatorFee - protocolFee,
  });
  await addStream(db, p, premium - curatorFee - protocolFee, endBucket, time);
  await touch(db);
});

/* POOLS: claims */

ponder.on("Pool:IncidentReserved", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { marketId, eligible, required, funded } = event.args;
  await accrue(context.db, await getPool(context.db, poolId), event.block.timestamp);
  // Settlement fixes the incident from the market's trigger: read it at this block.
  const m = await context.db.find(market, { id: marketId });
  const [time] = await context.client.readContract({
    address: m?.trigger ?? zeroAddress,
    abi: triggerBaseAbi,
    functionName: "incident",
    blockNumber: event.block.number,
  });
  await settleLedger(context.db, poolId, marketId, time, event.block.timestamp);
  await context.db.update(pool, { id: poolId }).set((row) => ({ balance: row.balance - funded }));
  await context.db
    .insert(incidentReserve)
    .values({ marketId, poolId, eligible, required, funded })
    .onConflictDoUpdate(() => ({ eligible, required, funded }));
  await touch(context.db);
});

ponder.on("Pool:ClaimHold", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  const { amount, held } = event.args;
  await context.db
    .update(pool, { id: poolId })
    .set((row) => ({ claimHold: held ? row.claimHold + amount : row.claimHold - amount }));
  await touch(context.db);
});

ponder.on("Pool:ClaimPaidFromPool", async ({ event, context }) => {
  const poolId = await poolIdOf(context.db, event.log.address);
  // payClaim releases a hold the event does not carry: read it back.
  const hold = await context.client.readContract({
    address: event.log.address,
    abi: poolAbi,
    functionName: "claimHold",
    blockNumber: event.block.number,
  });
  await context.db
    .update(pool, { id: poolId })
    .set((row) => ({ balance: row.balance - event.args.amount, claimHold: hold }));
  await touch(context.db);
});

/* COVER */

ponder.on("CoverManager:PolicySlice", async ({ event, context }) => {
  await context.db.insert(policySlice).values({
    policyId: event.args.policyId,
    poolId: Number(event.args.poolId),
    amount: event.args.amount,
    premium: event.args.premium,
  });
});

ponder.on("CoverManager:CoverBought", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(policy).values({
    id: a.policyId,
    marketId: a.marketId,
    owner: a.owner,
    amount: a.amount,
    premium: a.premium,
    commission: a.commission,
    start: a.start,
    end: a.end,
    integrator: a.integrator,
    block: event.block.number,
    txHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
  await touch(context.db);
});

ponder.on("CoverManager:Transfer", async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  if (from === zeroAddress || to === zeroAddress) return;
  await context.db.update(policy, { id: tokenId }).set({ owner: to });
});

ponder.on("CoverManager:Approval", async () => {});
ponder.on("CoverManager:ApprovalForAll", async () => {});

/* SETTLEMENT */

ponder.on("Settlement:MarketSettled", async ({ event, context }) => {
  const { marketId, incidentTime, payoutPerUnitWad, required, funded } = event.args;
  const values = { incidentTime, payoutPerUnitWad, required, funded };
  await context.db
    .insert(incident)
    .values({ marketId, ...values, block: event.block.number, timestamp: event.block.timestamp })
    .onConflictDoUpdate(() => values);
});

ponder.on("Settlement:PolicyPaid", async ({ event, context }) => {
  const { policyId, marketId, to, amount } = event.args;
  await context.db.insert(payout).values({
    id: event.id,
    kind: "parametric",
    policyId,
    marketId,
    to,
    amount,
    block: event.block.number,
    timestamp: event.block.timestamp,
  });
  await context.db.update(policy, { id: policyId }).set((row) => ({ paid: row.paid + amount }));
  await context.db.update(incident, { marketId }).set((row) => ({ paid: row.paid + amount }));
});

ponder.on("Settlement:ReserveReturned", async ({ event, context }) => {
  const { marketId, amount } = event.args;
  const poolId = Number(event.args.poolId);
  await context.db.update(pool, { id: poolId }).set((row) => ({ balance: row.balance + amount }));
  await context.db
    .update(incidentReserve, { marketId, poolId })
    .set((row) => ({ returned: row.returned + amount }));
  await context.db.update(incident, { marketId }).set((row) => ({ returned: row.returned + amount }));
  await touch(context.db);
});

/* ASSESSED CLAIMS */

ponder.on("AssessedClaims:ClaimSubmitted", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(claim).values({
    id: a.claimId,
    policyId: a.policyId,
    claimant: a.claimant,
    amount: a.amount,
    evidenceURI: a.evidenceURI,
    status: 0,
    submittedBlock: event.block.number,
    submittedAt: event.block.timestamp,
  });
});

ponder.on("AssessedClaims:ClaimStatusChanged", async ({ event, context }) => {
  await context.db.update(claim, { id: event.args.claimId }).set({ status: event.args.status });
});

ponder.on("AssessedClaims:ClaimChallenged", async ({ event, context }) => {
  await context.db
    .update(claim, { id: event.args.claimId })
    .set({ challenger: event.args.challenger, bond: event.args.bond });
});

ponder.on("AssessedClaims:Voted", async ({ event, context }) => {
  const { claimId, assessor, approve, deadline } = event.args;
  await context.db
    .insert(vote)
    .values({ kind: "claim", subjectId: claimId, assessor, approve, deadline, block: event.block.number });
});

ponder.on("AssessedClaims:ClaimRedeemed", async ({ event, context }) => {
  const { claimId, to, amount } = event.args;
  const c = await context.db.update(claim, { id: claimId }).set((row) => ({ paid: row.paid + amount }));
  await context.db.insert(payout).values({
    id: event.id,
    kind: "assessed",
    claimId,
    policyId: c.policyId,
    to,
    amount,
    block: event.block.number,
    timestamp: event.block.timestamp,
  });
  await context.db.update(policy, { id: c.policyId }).set((row) => ({ paid: row.paid + amount }));
});

ponder.on("AssessedClaims:TriggerDisputeOpened", async ({ event, context }) => {
  const { disputeId, marketId, proposalId, deadline } = event.args;
  await context.db.insert(dispute).values({ id: disputeId, marketId, proposalId, deadline });
});

ponder.on("AssessedClaims:DisputeVoted", async ({ event, context }) => {
  const { disputeId, assessor, uphold, deadline } = event.args;
  await context.db.insert(vote).values({
    kind: "dispute",
    subjectId: disputeId,
    assessor,
    approve: uphold,
    deadline,
    block: event.block.number,
  });
});

ponder.on("AssessedClaims:TriggerDisputeResolved", async ({ event, context }) => {
  await context.db
    .update(dispute, { id: event.args.disputeId })
    .set({ resolved: true, upheld: event.args.upheld });
});

ponder.on("AssessedClaims:MarketAssessorsSet", async ({ event, context }) => {
  await context.db.update(market, { id: event.args.marketId }).set({ assessorGroupId: event.args.groupId });
});

ponder.on("AssessedClaims:AssessorGroupCreated", async ({ event, context }) =>
  keep(event, context.db, "AssessorGroupCreated"),
);
ponder.on("AssessedClaims:ClaimParamsSet", async ({ event, context }) =>
  keep(event, context.db, "ClaimParamsSet"),
);
ponder.on("AssessedClaims:TriggerBondsCollected", async ({ event, context }) =>
  keep(event, context.db, "TriggerBondsCollected"),
);

/* TRIGGERS */

ponder.on("Trigger:TriggerStateChanged", async ({ event, context }) => {
  const { state, incidentTime, payoutWad } = event.args;
  const address = event.log.address.toLowerCase() as Hex;
  const t = await context.db.find(trigger, { address });
  await context.db
    .insert(trigger)
    .values({
      address,
      marketId: t?.marketId ?? 0n,
      state,
      candidateTime: incidentTime,
      payoutWad,
      updatedBlock: event.block.number,
    })
    .onConflictDoUpdate(() => ({
      state,
      candidateTime: incidentTime,
      payoutWad,
      updatedBlock: event.block.number,
    }));
  await touch(context.db);
});

/* HEAD AND HISTORY */

ponder.on("Head:block", async ({ event, context }) => {
  const p = await context.db.find(protocol, { id: 1 });
  const time = event.block.timestamp;
  const hourChanged = !p || p.headTime / 3600n !== time / 3600n;
  await context.db
    .insert(protocol)
    .values({ id: 1, headBlock: event.block.number, headTime: time })
    .onConflictDoUpdate(() => ({ headBlock: event.block.number, headTime: time }));
  // The history is coarse (the API computes live figures from the state): at each new hour, and at most every
  // five minutes of chain time after events.
  if (hourChanged || (p?.dirty && time - p.historyTime >= 300n)) await recordHistory(context.db, time);
});

ponder.on("Markets:AuthorityUpdated", async ({ event, context }) =>
  keep(event, context.db, "AuthorityUpdated"),
);
ponder.on("AssessedClaims:AuthorityUpdated", async ({ event, context }) =>
  keep(event, context.db, "AuthorityUpdated"),
);
