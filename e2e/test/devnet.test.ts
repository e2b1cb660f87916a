import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { committeeTriggerAbi, settlementAbi } from "@backstop/abi";
import { WAD } from "@backstop/core";
import {
  connectRead,
  type Devnet,
  devWallets,
  type ReadContext,
  type Signer,
  startDevnet,
} from "@backstop/devnet";
import { buyCover, getIncident, MarketClosedError, payoutOf, quote, readTrigger } from "@backstop/sdk";
import { type Address, erc20Abi, parseUnits } from "viem";

const settlementEvents = settlementAbi;
const bin = resolve(import.meta.dirname, "../../apps/cli/bin/backstop.js");
const deploymentsDir = mkdtempSync(join(tmpdir(), "backstop-devnet-"));
const stateRoot = mkdtempSync(join(tmpdir(), "backstop-home-"));
const readIncident = (client: ReadContext["publicClient"], settlement: Address, marketId: bigint) =>
  getIncident(client, { settlement, marketId });
let devnet: Devnet;
let ctx: ReadContext;
let buyer: Signer;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Runs the real `backstop` binary against the devnet; returns its parsed --json output. */
async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bin, ...args, "--rpc-url", devnet.rpcUrl, "--json"],
    {
      env: { ...process.env, BACKSTOP_DEPLOYMENTS_DIR: deploymentsDir },
    },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  devnet = await startDevnet({ port: await freePort(), deploymentsDir, stateRoot, pollIntervalMs: 200 });
  ctx = await connectRead(devnet.rpcUrl);
  buyer = devWallets(ctx.chain, devnet.rpcUrl, 1)[0] as Signer;
});

after(async () => {
  await devnet?.stop();
});

test("test_devnet_seedsEveryTriggerKindPoolsAndPolicies", async () => {
  const seed = devnet.deployment.seed;
  assert.ok(seed);
  assert.equal(seed.markets.length, 8);
  assert.deepEqual(
    new Set(seed.markets.map((m) => m.kind)),
    new Set(["assessed", "optimistic", "peg", "drain", "committee"]),
  );
  assert.equal(seed.pools.length, 3);
  assert.equal(new Set(seed.pools.map((p) => p.curator)).size, 3);
  assert.equal(seed.feeds.USDC?.length, 3);
  assert.ok(seed.policies.length >= 7);
  const status = await cli("status");
  assert.ok(BigInt(status.tvc as string) > 0n);
  assert.ok(BigInt(status.tvl as string) >= parseUnits("5500000", 6));
});

test("test_riskPrice_pricesALiveMarketFromItsPools", async () => {
  const aave = devnet.deployment.seed?.markets.find((m) => m.name === "aave-v3-lending-exploit");
  assert.ok(aave);
  const out = (await cli("risk", "price", "--market", aave.id, "--years", "20000")) as {
    marketId: string;
    onchain: { claims: string; payout: string; deductibleBps: number };
    profile: { category: string; factsFrom: string };
    pools: { poolId: string; coverUsd: number; nominal: boolean; capitalUsd: number }[];
    quote: {
      purePremiumBps: number;
      capitalChargeBps: number;
      expensesBps: number;
      feesBps: number;
      rateBps: number;
    };
  };
  assert.equal(out.marketId, Number(aave.id));
  assert.deepEqual(out.onchain, {
    ...out.onchain,
    claims: "assessed",
    payout: "binary",
    deductibleBps: 1_000,
  });
  assert.equal(out.profile.category, "lending");
  assert.equal(out.profile.factsFrom, "catalogue");
  // The seeded policy of 200,000 USDC is live cover in the blue-chip pool.
  assert.deepEqual(out.pools, [
    { poolId: "pool-0", coverUsd: 200_000, nominal: false, capitalUsd: out.pools[0]?.capitalUsd },
  ]);
  const q = out.quote;
  assert.equal(
    q.rateBps,
    Math.ceil(q.purePremiumBps + q.capitalChargeBps + q.expensesBps + q.feesBps - 1e-9),
  );
  assert.ok(q.purePremiumBps > 0 && q.capitalChargeBps > 0);
  await assert.rejects(cli("risk", "price", "--market", "99"), (err: { code?: number; stderr?: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr ?? "", /^backstop: market 99 does not exist on chain 31337: ids are 1\.\.8/);
    assert.equal((err.stderr ?? "").trim().split("\n").length, 1);
    return true;
  });
});

test("test_depeg_keeperSettlesAndHolderIsPaidProportionally", async () => {
  const d = devnet.deployment;
  const market = d.seed?.markets.find((m) => m.name === "usdc-depeg");
  assert.ok(market && d.stable);
  const marketId = BigInt(market.id);
  const amount = parseUnits("10000", 6);
  const period = 30n * 86_400n;

  // Buy cover with the SDK (permit, no approval).
  const q = await quote(buyer, { markets: d.markets, poolLens: d.poolLens, marketId, amount, period });
  const bought = await buyCover(buyer, {
    coverManager: d.coverManager,
    marketId,
    amount,
    period,
    pools: q.pools,
    maxPremium: q.total,
    permit: true,
  });
  assert.equal(bought.premium, q.premium);

  // De-peg to $0.96 on every feed: the keeper freezes the market (no buying into a de-peg).
  await cli("feed", "set", "--asset", "USDC", "--price", "0.96");
  await until(
    "the trigger to freeze",
    () => readTrigger(ctx.publicClient, { trigger: market.trigger }),
    (t) => t.state === "FROZEN",
  );
  await assert.rejects(
    buyCover(buyer, {
      coverManager: d.coverManager,
      marketId,
      amount,
      period,
      pools: q.pools,
      maxPremium: q.total * 2n,
      permit: true,
    }),
    MarketClosedError,
  );

  // Past the 24 h window with a fresh observation below the recovery price: fires, the keeper settles.
  await cli("time", "advance", "25h");
  const incident = await until(
    "the keeper to settle",
    () => readIncident(ctx.publicClient, d.settlement, marketId),
    (i) => i.settled,
  );
  assert.equal(incident.payoutPerUnitWad, parseUnits("0.04", 18));
  assert.equal(incident.funded, incident.required);
  const usdt = d.seed?.markets.find((m) => m.name === "usdt-depeg");
  assert.equal((await readTrigger(ctx.publicClient, { trigger: usdt?.trigger ?? "0x" })).state, "ACTIVE");

  // The keeper pays the holder: 4% of 10,000 USDC (no deductible on de-peg markets), with no claim sent.
  const balance = () =>
    ctx.publicClient.readContract({
      address: d.stable as `0x${string}`,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [buyer.account.address],
    });
  await until(
    "the keeper to pay the holder",
    () => payoutOf(ctx.publicClient, { settlement: d.settlement, policyId: bought.policyId }),
    (p) => p === 0n,
  );
  const paid = await ctx.publicClient.getContractEvents({
    address: d.settlement,
    abi: settlementEvents,
    eventName: "PolicyPaid",
    args: { policyId: bought.policyId },
    fromBlock: 0n,
  });
  assert.equal(paid.length, 1);
  assert.equal(paid[0]?.args.amount, parseUnits("400", 6));
  assert.equal(paid[0]?.args.to, buyer.account.address);
  assert.ok((await balance()) >= parseUnits("400", 6));

  // A claim after the keeper paid is refused with a one-line message and a non-zero exit.
  await assert.rejects(
    cli("claim", "--policy", String(bought.policyId)),
    (err: { code?: number; stderr?: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr ?? "", /^backstop: policy #\d+ was already paid\n$/);
      return true;
    },
  );
});

test("test_committee_attestedHaltFiresAfterChallengePeriodAndPaysBinary", async () => {
  const d = devnet.deployment;
  const market = d.seed?.markets.find((m) => m.name === "exchange-withdrawals-halted");
  const policyId = d.seed?.policies[4];
  assert.ok(market && policyId && d.stable);
  const marketId = BigInt(market.id);
  const members = devWallets(ctx.chain, devnet.rpcUrl, 12).slice(9, 11);
  const now = (await ctx.publicClient.getBlock()).timestamp;
  for (const m of members)
    await m.writeContract({
      address: market.trigger,
      abi: committeeTriggerAbi,
      functionName: "attest",
      args: [now, WAD],
    });
  await until(
    "the attested trigger to freeze",
    () => readTrigger(ctx.publicClient, { trigger: market.trigger }),
    (t) => t.state === "FROZEN",
  );
  await cli("time", "advance", "1d");
  await until(
    "the keeper to settle",
    () => readIncident(ctx.publicClient, d.settlement, marketId),
    (i) => i.settled,
  );
  // Binary payout, 10% deductible: 80,000 USDC of cover, paid to the holder by the keeper.
  const [log] = await until(
    "the keeper to pay the committee market's policy",
    () =>
      ctx.publicClient.getContractEvents({
        address: d.settlement,
        abi: settlementEvents,
        eventName: "PolicyPaid",
        args: { policyId: BigInt(policyId) },
        fromBlock: 0n,
      }),
    (logs) => logs.length === 1,
  );
  assert.equal(log?.args.amount, parseUnits("72000", 6));
  assert.notEqual(log?.args.to, buyer.account.address);
});
