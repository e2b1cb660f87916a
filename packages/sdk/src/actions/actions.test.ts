import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { coverManagerAbi, poolAbi } from "@backstop/abi";
import { BaseError, formatError } from "@backstop/core";
import { type Abi, encodeFunctionData, type Hash, isAddressEqual } from "viem";
import {
  getTransaction,
  readContract,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "viem/actions";
import { MissingEventError } from "../errors/action.ts";
import {
  AlreadySettledError,
  ContractRevertError,
  InsufficientCapacityError,
  NotFoundError,
  PremiumTooHighError,
  UnauthorizedError,
  WithdrawalError,
} from "../errors/contract.ts";
import { expectEvent } from "../internal/events.ts";
import { withBackstopErrors } from "../internal/read.ts";
import type { PreparedRequest } from "../internal/types.ts";
import { createWorld, DAY, usd, type World } from "../test/world.ts";
import { approve, prepareApprove } from "./approve.ts";
import { buyCover, prepareBuyCover } from "./buyCover.ts";
import { challenge, prepareChallenge } from "./challenge.ts";
import { claim, prepareClaim } from "./claim.ts";
import { deposit, prepareDeposit } from "./deposit.ts";
import { finalizeClaim, prepareFinalizeClaim } from "./finalizeClaim.ts";
import { getClaimParams } from "./getClaimParams.ts";
import { pokeTrigger, preparePokeTrigger } from "./pokeTrigger.ts";
import { quote } from "./quote.ts";
import { prepareRedeem, redeem } from "./redeem.ts";
import { prepareRedeemClaim, redeemClaim } from "./redeemClaim.ts";
import { prepareRequestRedeem, requestRedeem } from "./requestRedeem.ts";
import { prepareSetBaseRate, setBaseRate } from "./setBaseRate.ts";
import { prepareSetOperator, setOperator } from "./setOperator.ts";
import { prepareSettle, settle } from "./settle.ts";
import { prepareSettlePools, settlePools } from "./settlePools.ts";
import { prepareSubmitClaim, submitClaim } from "./submitClaim.ts";
import { prepareSweep, sweep } from "./sweep.ts";
import { prepareVote, vote } from "./vote.ts";
import { prepareWithdraw, withdraw } from "./withdraw.ts";

let w: World;

/** The executor sent exactly the builder's request: same target, calldata and value. */
async function assertSent(hash: Hash, request: PreparedRequest<Abi, string>) {
  const tx = await getTransaction(w.chain.publicClient, { hash });
  assert.ok(tx.to && isAddressEqual(tx.to, request.address), `${request.functionName}: target`);
  assert.equal(
    tx.input,
    encodeFunctionData({ abi: request.abi, functionName: request.functionName, args: request.args } as never),
    `${request.functionName}: calldata`,
  );
  assert.equal(tx.value, request.value ?? 0n, `${request.functionName}: value`);
}

/** Rejects with `Cls`, a one-line message and a one-sentence formatError; returns the error. */
async function rejectsWith<T extends Error>(
  promise: Promise<unknown>,
  Cls: new (...a: never[]) => T,
): Promise<T> {
  let caught: unknown;
  await promise.then(
    () => assert.fail(`expected ${Cls.name}`),
    (err) => {
      caught = err;
    },
  );
  assert.ok(
    caught instanceof Cls,
    `expected ${Cls.name}, got ${(caught as Error)?.name}: ${(caught as Error)?.message}`,
  );
  assert.ok(caught instanceof BaseError);
  const sentence = formatError(caught);
  assert.ok(!sentence.includes("\n") && sentence.endsWith("."), sentence);
  return caught;
}

describe("actions on a local chain: builders match executors, reverts are typed", {
  timeout: 240_000,
}, () => {
  before(async () => {
    w = await createWorld();
  });
  after(async () => {
    await w?.chain.close();
  });

  it("test_deposit_matchesPrepareDeposit", async () => {
    const pool = w.pools[0].address;
    const sent = await deposit(w.lp, { pool, assets: usd(1_000_000) });
    await assertSent(
      sent.hash,
      prepareDeposit({ pool, assets: usd(1_000_000), receiver: w.lp.account.address }),
    );
    assert.ok(sent.shares > 0n);
    const second = await deposit(w.lp, { pool: w.pools[1].address, assets: usd(1_000_000) });
    assert.ok(second.shares > 0n);
  });

  it("test_prepared_requestsGoStraightIntoViem", async () => {
    // What a wagmi app does: spread the builder's request into simulateContract, send the simulated request.
    const pool = w.pools[0].address;
    const account = w.other.account;
    const { request: approval } = await simulateContract(w.other, {
      ...prepareApprove({ token: w.d.stable, spender: pool, amount: usd(5) }),
      account,
    });
    await waitForTransactionReceipt(w.chain.publicClient, { hash: await writeContract(w.other, approval) });
    const { request, result } = await simulateContract(w.other, {
      ...prepareDeposit({ pool, assets: usd(5), receiver: account.address }),
      account,
    });
    assert.ok(result > 0n);
    const receipt = await waitForTransactionReceipt(w.chain.publicClient, {
      hash: await writeContract(w.other, request),
    });
    assert.equal(receipt.status, "success");
    const permitted = prepareBuyCover({
      coverManager: w.d.coverManager,
      marketId: 1n,
      amount: 1n,
      period: 1n,
      pools: [0],
      maxPremium: 1n,
      owner: account.address,
      permit: { value: 1n, deadline: 2n, v: 27, r: `0x${"11".repeat(32)}`, s: `0x${"22".repeat(32)}` },
    });
    const name: "buyCoverWithPermit" = permitted.functionName;
    assert.equal(name, "buyCoverWithPermit");
    assert.equal(permitted.args.length, 6);
  });

  it("test_buyCover_matchesPrepareBuyCover", async () => {
    const params = {
      coverManager: w.d.coverManager,
      marketId: w.markets.assessed,
      amount: usd(5_000),
      period: 30n * DAY,
    };
    const q = await quote(w.buyer, { markets: w.d.markets, poolLens: w.d.poolLens, ...params });
    const bought = await buyCover(w.buyer, { ...params, pools: q.pools, maxPremium: q.total });
    await assertSent(
      bought.hash,
      prepareBuyCover({ ...params, pools: q.pools, maxPremium: q.total, owner: w.buyer.account.address }),
    );
    assert.ok(bought.policyId > 0n);
    assert.equal(bought.premium, q.premium);
  });

  it("test_buyCover_decodesPremiumTooHighAndInsufficientCapacity", async () => {
    const base = {
      coverManager: w.d.coverManager,
      marketId: w.markets.assessed,
      period: 30n * DAY,
      pools: w.pools.map((p) => p.poolId),
    };
    // An allowance larger than any premium, so the premium check is what fails.
    const approval = { token: w.d.stable, spender: w.d.coverManager, amount: usd(1_000_000) };
    const approved = await approve(w.buyer, approval);
    await assertSent(approved.hash, prepareApprove(approval));
    const high = await rejectsWith(
      buyCover(w.buyer, { ...base, amount: usd(1_000), maxPremium: 1n }),
      PremiumTooHighError,
    );
    assert.ok(high.is("PremiumTooHigh"));
    assert.equal(high.values.maxPremium, 1n);
    assert.match(
      formatError(high),
      /^Premium .* exceeds maxPremium 0\.000001; raise maxPremium or reduce the amount\.$/,
    );
    const big = await rejectsWith(
      buyCover(w.buyer, { ...base, amount: usd(100_000_000), maxPremium: usd(10_000_000) }),
      InsufficientCapacityError,
    );
    assert.equal(big.args[1], usd(100_000_000));
    assert.equal(big.values.requested ?? big.args[1], usd(100_000_000));
    const unknown = await rejectsWith(
      buyCover(w.buyer, { ...base, pools: [99], amount: usd(1_000), maxPremium: usd(1_000) }),
      NotFoundError,
    );
    assert.ok(unknown.is("UnknownPool"));
    assert.equal(formatError(unknown), "Pool 99 does not exist; list pools with getPools.");
  });

  it("test_assessedClaim_submitChallengeVoteFinalizeRedeem_matchPrepares", async () => {
    const params = {
      coverManager: w.d.coverManager,
      marketId: w.markets.assessed,
      amount: usd(8_000),
      period: 60n * DAY,
    };
    const q = await quote(w.buyer, { markets: w.d.markets, poolLens: w.d.poolLens, ...params });
    const { policyId } = await buyCover(w.buyer, { ...params, pools: q.pools, maxPremium: q.total });
    const claimParams = {
      assessedClaims: w.d.assessedClaims,
      policyId,
      amount: usd(1_000),
      evidenceURI: "ipfs://evidence",
    };
    const submitted = await submitClaim(w.buyer, { ...claimParams, coverManager: w.d.coverManager });
    await assertSent(submitted.hash, prepareSubmitClaim(claimParams));
    const claimId = submitted.claimId;
    assert.ok(claimId > 0n);

    const challenged = await challenge(w.other, {
      assessedClaims: w.d.assessedClaims,
      markets: w.d.markets,
      claimId,
    });
    await assertSent(challenged.hash, prepareChallenge({ assessedClaims: w.d.assessedClaims, claimId }));
    assert.ok(challenged.bond > 0n);

    // A buyer is no assessor: the revert names the caller.
    const notAssessor = await rejectsWith(
      vote(w.buyer, { assessedClaims: w.d.assessedClaims, claimId, approve: true }),
      UnauthorizedError,
    );
    assert.equal(notAssessor.errorName, "NotAssessor");

    const voted = await vote(w.assessor, { assessedClaims: w.d.assessedClaims, claimId, approve: true });
    await assertSent(voted.hash, prepareVote({ assessedClaims: w.d.assessedClaims, claimId, approve: true }));
    assert.ok(voted.deadline > 0n);

    await w.chain.increaseTime(3n * DAY + 3_600n);
    const finalized = await finalizeClaim(w.other, { assessedClaims: w.d.assessedClaims, claimId });
    await assertSent(finalized.hash, prepareFinalizeClaim({ assessedClaims: w.d.assessedClaims, claimId }));
    assert.equal(finalized.status, "APPROVED");

    await w.chain.increaseTime(DAY + 1n);
    const redeemed = await redeemClaim(w.other, { assessedClaims: w.d.assessedClaims, claimId });
    await assertSent(redeemed.hash, prepareRedeemClaim({ assessedClaims: w.d.assessedClaims, claimId }));
    assert.equal(redeemed.paid, usd(1_000));
    assert.ok(redeemed.to && isAddressEqual(redeemed.to, w.buyer.account.address));
  });

  it("test_getClaimParams_readsTheDeployedDefaults", async () => {
    const p = await getClaimParams(w.chain.publicClient, { assessedClaims: w.d.assessedClaims });
    assert.deepEqual(p, { challengeWindow: 2 * 86_400, depositBps: 100, bondBps: 500 });
  });

  it("test_lpExit_requestRedeemSetOperatorRedeemWithdraw_matchPrepares", async () => {
    const pool = w.pools[1].address;
    const me = w.lp.account.address;
    const op = await setOperator(w.lp, { pool, operator: w.other.account.address });
    await assertSent(
      op.hash,
      prepareSetOperator({ pool, operator: w.other.account.address, approved: true }),
    );

    const requested = await requestRedeem(w.lp, { pool, shares: 10n ** 12n });
    await assertSent(
      requested.hash,
      prepareRequestRedeem({ pool, shares: 10n ** 12n, controller: me, owner: me }),
    );
    assert.ok(requested.claimableAt > 0n && requested.assets > 0n);

    const early = await rejectsWith(redeem(w.lp, { pool }), WithdrawalError);
    assert.ok(early.is("RequestNotClaimable"));
    assert.equal(early.values.claimableAt ?? early.args[1], requested.claimableAt);

    await w.chain.increaseTime(7n * DAY + 1n);
    const [shares] = await readContract(w.chain.publicClient, {
      address: pool,
      abi: poolAbi,
      functionName: "redeemRequest",
      args: [me],
    });
    // The operator claims half by shares for the LP, then the LP takes assets.
    const half = shares / 2n;
    const redeemed = await redeem(w.other, { pool, shares: half, controller: me, receiver: me });
    await assertSent(redeemed.hash, prepareRedeem({ pool, shares: half, receiver: me, controller: me }));
    assert.ok(redeemed.assets > 0n);
    const withdrawn = await withdraw(w.lp, { pool, assets: 1_000n });
    await assertSent(withdrawn.hash, prepareWithdraw({ pool, assets: 1_000n, receiver: me, controller: me }));
    assert.equal(withdrawn.assets, 1_000n);
  });

  it("test_parametric_pokeSettlePoolsSettleClaimSweep_matchPrepares", async () => {
    const params = {
      coverManager: w.d.coverManager,
      marketId: w.markets.parametric,
      amount: usd(20_000),
      period: 60n * DAY,
    };
    const q = await quote(w.buyer, { markets: w.d.markets, poolLens: w.d.poolLens, ...params });
    const { policyId } = await buyCover(w.buyer, { ...params, pools: q.pools, maxPremium: q.total });
    await w.chain.increaseTime(DAY);
    await w.fire((await w.chain.now()) - 10n);

    const poked = await pokeTrigger(w.other, { trigger: w.trigger });
    await assertSent(poked.hash, preparePokeTrigger({ trigger: w.trigger }));
    assert.equal(poked.state, "TRIGGERED");

    const s = { settlement: w.d.settlement, marketId: w.markets.parametric };
    const partial = await settlePools(w.other, { ...s, maxPools: 1n });
    await assertSent(partial.hash, prepareSettlePools({ ...s, maxPools: 1n }));
    assert.equal(partial.settled, false);
    assert.equal(partial.poolsSettled, 1);
    const settled = await settle(w.other, s);
    await assertSent(settled.hash, prepareSettle(s));
    assert.ok(settled.required > 0n);
    const again = await rejectsWith(settle(w.other, s), AlreadySettledError);
    assert.ok(again.is("AlreadySettled"));
    assert.equal(again.values.marketId, w.markets.parametric);

    const paid = await claim(w.other, { settlement: w.d.settlement, policyId });
    await assertSent(paid.hash, prepareClaim({ settlement: w.d.settlement, policyId }));
    assert.ok(paid.payout > 0n);

    await w.chain.increaseTime(31n * DAY);
    const swept = await sweep(w.other, s);
    await assertSent(swept.hash, prepareSweep(s));
  });

  it("test_setBaseRate_matchesPrepareAndDecodesUnauthorized", async () => {
    const params = { markets: w.d.markets, marketId: w.markets.assessed, rateBps: 210n };
    const sent = await setBaseRate(w.gov, params);
    await assertSent(sent.hash, prepareSetBaseRate(params));
    const denied = await rejectsWith(setBaseRate(w.other, { ...params, rateBps: 220n }), UnauthorizedError);
    assert.ok(denied.is("AccessManagedUnauthorized"));
    assert.ok(isAddressEqual(denied.values.caller as `0x${string}`, w.other.account.address));
    assert.match(formatError(denied), /may not call this; use the account that holds the required role\.$/);
  });

  it("test_read_revertsAreTyped", async () => {
    // PoolLens.quote over a market that does not exist reverts; a plain readContract through
    // withBackstopErrors decodes it like a write.
    const err = await rejectsWith(
      withBackstopErrors(() =>
        readContract(w.chain.publicClient, {
          address: w.d.coverManager,
          abi: coverManagerAbi,
          functionName: "ownerOf",
          args: [999n],
        }),
      ),
      ContractRevertError,
    );
    assert.equal(err.errorName, "ERC721NonexistentToken");
    assert.equal(err.values.tokenId, 999n);
  });

  it("test_expectEvent_throwsMissingEventError", async () => {
    // A real receipt without the event: a deposit's receipt has no CoverBought.
    const sent = await deposit(w.lp, { pool: w.pools[0].address, assets: usd(10) });
    assert.throws(
      () => expectEvent(sent, { abi: coverManagerAbi, eventName: "CoverBought", action: "buyCover" }),
      (err: unknown) =>
        err instanceof MissingEventError &&
        err.eventName === "CoverBought" &&
        err.hash === sent.hash &&
        /emitted no CoverBought event/.test(formatError(err)),
    );
  });
});
