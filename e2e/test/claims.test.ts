import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AlreadySettledError,
  buyCover,
  ClaimRejectedError,
  ClaimStatusError,
  challenge,
  claim,
  deposit,
  finalizeClaim,
  getClaim,
  getIncident,
  NotSettledError,
  payoutOf,
  pokeTrigger,
  previewPoke,
  readTrigger,
  redeemClaim,
  settle,
  submitClaim,
  sweep,
  vote,
} from "@backstop/sdk";
import { erc20Abi } from "viem";
import { PEG_WINDOW, pegWorld } from "../lib/pegWorld.ts";
import { DAY, usd } from "../lib/protocol.ts";
import { smallWorld } from "../lib/smallWorld.ts";

const WAD = 10n ** 18n;

describe("parametric claims through the SDK: poke, settle, claim, sweep", () => {
  it("test_settle_afterSustainedDepeg pays the policy once and sweeps the rest", async () => {
    const { chain, d, market, trigger, setPrice, policy, buyer, lp } = await pegWorld();
    const before = await readTrigger(buyer, { trigger });
    assert.deepEqual(before, { state: "ACTIVE", incidentTime: 0n, payoutWad: 0n, kind: "peg" });
    await assert.rejects(
      settle(lp, { settlement: d.settlement, marketId: market.marketId }),
      NotSettledError,
    );

    await setPrice(95_000_000n);
    assert.deepEqual(await previewPoke(lp, { trigger }), {
      current: "ACTIVE",
      next: "FROZEN",
      changes: true,
    });
    const frozen = await pokeTrigger(lp, { trigger });
    assert.equal(frozen.state, "FROZEN");
    await chain.increaseTime(PEG_WINDOW + 1);
    await setPrice(95_000_000n);
    const fired = await pokeTrigger(lp, { trigger });
    assert.equal(fired.state, "TRIGGERED");
    const t = await readTrigger(lp, { trigger, kind: "peg" });
    assert.equal(t.state, "TRIGGERED");
    assert.equal(t.payoutWad, WAD / 20n);
    assert.ok(t.incidentTime >= policy.start);

    assert.equal(await payoutOf(lp, { settlement: d.settlement, policyId: policy.policyId }), 0n);
    const settled = await settle(lp, { settlement: d.settlement, marketId: market.marketId });
    assert.equal(settled.incidentTime, t.incidentTime);
    // BINARY market, 10% deductible: 90% of the cover.
    assert.equal(settled.payoutPerUnitWad, (WAD * 9n) / 10n);
    const inc = await getIncident(lp, { settlement: d.settlement, marketId: market.marketId });
    assert.equal(inc.settled, true);
    assert.equal(inc.funded, inc.required);
    await assert.rejects(settle(lp, { settlement: d.settlement, marketId: market.marketId }), (err) => {
      assert.ok(err instanceof AlreadySettledError);
      assert.match(err.message, /already settled/);
      return true;
    });

    const owed = await payoutOf(lp, { settlement: d.settlement, policyId: policy.policyId });
    assert.equal(owed, usd(90_000));
    const balance = () =>
      chain.publicClient.readContract({
        address: d.stable,
        abi: erc20Abi,
        functionName: "balanceOf",
        args: [buyer.account.address],
      });
    const b0 = await balance();
    const paid = await claim(lp, { settlement: d.settlement, policyId: policy.policyId });
    assert.equal(paid.payout, owed);
    assert.equal((await balance()) - b0, owed);
    await assert.rejects(claim(lp, { settlement: d.settlement, policyId: policy.policyId }), (err) => {
      assert.ok(err instanceof ClaimRejectedError);
      assert.equal(err.errorName, "AlreadyPaid");
      return true;
    });

    await assert.rejects(
      sweep(lp, { settlement: d.settlement, marketId: market.marketId }),
      ClaimStatusError,
    );
    await chain.increaseTime(31n * DAY);
    const swept = await sweep(lp, { settlement: d.settlement, marketId: market.marketId });
    assert.equal(swept.returned, inc.funded - owed);
    assert.equal(
      (await getIncident(lp, { settlement: d.settlement, marketId: market.marketId })).reserve,
      0n,
    );
  });
});

describe("assessed claims through the SDK: submit, challenge, vote, finalize, redeem", () => {
  async function world() {
    // smallWorld assigns the market an assessor group of one (quorum 1): sales need one.
    const w = await smallWorld();
    const assessor = w.assessor;
    await deposit(w.lp, { pool: w.pools[0].address, assets: usd(1_000_000) });
    const buy = () =>
      buyCover(w.buyer, {
        coverManager: w.d.coverManager,
        marketId: w.market.marketId,
        amount: usd(20_000),
        period: 90n * DAY,
        pools: [w.pools[0].poolId],
        maxPremium: usd(5_000),
      });
    return { ...w, assessor, buy };
  }

  it("test_submitClaim_challengedThenApproved pays after the vote and the cooldown", async () => {
    const { chain, d, buyer, other, assessor, buy } = await world();
    const policy = await buy();
    const base = { assessedClaims: d.assessedClaims };
    const submitted = await submitClaim(buyer, {
      ...base,
      coverManager: d.coverManager,
      policyId: policy.policyId,
      amount: usd(5_000),
      evidenceURI: "ipfs://evidence/1",
    });
    assert.equal(submitted.deposit, usd(50));
    assert.equal((await getClaim(buyer, { ...base, claimId: submitted.claimId })).status, "FAST_TRACK");
    await assert.rejects(
      submitClaim(buyer, {
        ...base,
        coverManager: d.coverManager,
        policyId: policy.policyId,
        amount: usd(1_000),
        evidenceURI: "ipfs://evidence/dup",
      }),
      ClaimRejectedError,
    );

    const challenged = await challenge(other, { ...base, markets: d.markets, claimId: submitted.claimId });
    assert.equal(challenged.bond, usd(250));
    await assert.rejects(finalizeClaim(other, { ...base, claimId: submitted.claimId }), ClaimStatusError);
    await vote(assessor, { ...base, claimId: submitted.claimId, approve: true });
    await assert.rejects(
      vote(assessor, { ...base, claimId: submitted.claimId, approve: true }),
      ClaimStatusError,
    );
    await chain.increaseTime(3n * DAY + 1n);
    const finalized = await finalizeClaim(other, { ...base, claimId: submitted.claimId });
    assert.equal(finalized.status, "APPROVED");
    await assert.rejects(redeemClaim(other, { ...base, claimId: submitted.claimId }), (err) => {
      assert.ok(err instanceof ClaimStatusError);
      assert.equal(err.errorName, "TooEarly");
      return true;
    });
    await chain.increaseTime(DAY);
    const redeemed = await redeemClaim(other, { ...base, claimId: submitted.claimId });
    assert.equal(redeemed.paid, usd(5_000));
    assert.equal(redeemed.to?.toLowerCase(), buyer.account.address.toLowerCase());
    const c = await getClaim(buyer, { ...base, claimId: submitted.claimId });
    assert.deepEqual([c.status, c.yes, c.no, c.bond], ["PAID", 1, 0, usd(250)]);
  });

  it("test_finalizeClaim_fastTrack approves an unchallenged claim after the window", async () => {
    const { chain, d, buyer, buy } = await world();
    const policy = await buy();
    const base = { assessedClaims: d.assessedClaims };
    const { claimId } = await submitClaim(buyer, {
      ...base,
      coverManager: d.coverManager,
      policyId: policy.policyId,
      amount: usd(2_000),
      evidenceURI: "ipfs://evidence/2",
    });
    await assert.rejects(finalizeClaim(buyer, { ...base, claimId }), ClaimStatusError);
    await chain.increaseTime(2n * DAY + 1n);
    assert.equal((await finalizeClaim(buyer, { ...base, claimId })).status, "APPROVED");
    // A fast-track approval waits the assessors' cooldown too, so fraud can still be voided.
    await assert.rejects(redeemClaim(buyer, { ...base, claimId }), ClaimStatusError);
    const approved = await getClaim(buyer, { ...base, claimId });
    await chain.increaseTime(approved.payableAt - (await chain.now()) + 1n);
    assert.equal((await redeemClaim(buyer, { ...base, claimId })).paid, usd(2_000));
  });
});
