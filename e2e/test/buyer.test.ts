import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coverManagerAbi } from "@backstop/abi";
import {
  buyCover,
  deposit,
  getPoliciesOf,
  getTvc,
  InsufficientCapacityError,
  PremiumTooHighError,
  quote,
} from "@backstop/sdk";
import { erc20Abi } from "viem";
import { DAY, usd } from "../lib/protocol.ts";
import { smallWorld } from "../lib/smallWorld.ts";

describe("buyer flow: quote, buyCover with permit, policy NFT, readable errors", () => {
  it("charges exactly the quoted premium across a two-pool split and mints the policy", async () => {
    const { chain, d, market, pools, lp, buyer } = await smallWorld();
    await deposit(lp, { pool: pools[0].address, assets: usd(1_000_000) });
    await deposit(lp, { pool: pools[1].address, assets: usd(400_000) });
    // Capacity: pool 0 500k, pool 1 200k; 600k needs both.
    const amount = usd(600_000);
    const q = await quote(buyer, {
      markets: d.markets,
      poolLens: d.poolLens,
      marketId: market.marketId,
      amount,
      period: 90n * DAY,
    });
    assert.equal(q.filled, amount);
    assert.equal(q.allocation.length, 2);
    assert.equal(q.premium, q.breakdown.curatorFee + q.breakdown.protocolFee + q.breakdown.lpShare);
    const given = await quote(buyer, {
      markets: d.markets,
      poolLens: d.poolLens,
      marketId: market.marketId,
      amount,
      period: 90n * DAY,
      pools: [pools[0].poolId, pools[1].poolId],
      ordering: "given",
    });
    assert.ok(q.premium <= given.premium, "the cheapest ordering is never dearer than the given one");

    const bought = await buyCover(buyer, {
      coverManager: d.coverManager,
      marketId: market.marketId,
      amount,
      period: 90n * DAY,
      pools: q.pools,
      maxPremium: q.total,
      permit: true,
    });
    assert.equal(bought.premium, q.premium);
    const owner = await chain.publicClient.readContract({
      address: d.coverManager,
      abi: coverManagerAbi,
      functionName: "ownerOf",
      args: [bought.policyId],
    });
    assert.equal(owner.toLowerCase(), buyer.account.address.toLowerCase());
    const held = await getPoliciesOf(buyer, { coverManager: d.coverManager, owner: buyer.account.address });
    assert.deepEqual(
      held.map((p) => [p.policyId, p.amount, p.slices.length]),
      [[bought.policyId, amount, 2]],
    );
    assert.equal(await getTvc(buyer, { markets: d.markets, marketId: market.marketId }), amount);
  });

  it("decodes InsufficientCapacity and PremiumTooHigh into SDK errors that say what to change", async () => {
    const { d, market, pools, lp, buyer } = await smallWorld();
    await deposit(lp, { pool: pools[0].address, assets: usd(1_000_000) });
    const base = {
      coverManager: d.coverManager,
      marketId: market.marketId,
      period: 30n * DAY,
      pools: [pools[0].poolId],
    };
    await assert.rejects(
      buyCover(buyer, { ...base, amount: usd(600_000), maxPremium: usd(1_000_000) }),
      (err) => {
        assert.ok(err instanceof InsufficientCapacityError);
        assert.match(err.message, /can fill 500000\.00 of the 600000\.00 requested; reduce the amount/);
        return true;
      },
    );
    const q = await quote(buyer, {
      markets: d.markets,
      poolLens: d.poolLens,
      marketId: market.marketId,
      amount: usd(100_000),
      period: 30n * DAY,
    });
    // With an allowance above the premium, the contract's own maxPremium check is what stops the purchase.
    await buyer.writeContract({
      address: d.stable,
      abi: erc20Abi,
      functionName: "approve",
      args: [d.coverManager, usd(1_000_000)],
      chain: buyer.chain,
    });
    await assert.rejects(
      buyCover(buyer, { ...base, amount: usd(100_000), maxPremium: q.total - 1n }),
      (err) => {
        assert.ok(err instanceof PremiumTooHighError);
        assert.match(
          err.message,
          /premium [\d.]+ exceeds maxPremium [\d.]+; raise maxPremium or reduce the amount/,
        );
        return true;
      },
    );
  });
});
