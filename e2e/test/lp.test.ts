import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { poolAbi } from "@backstop/abi";
import { convertToAssets, previewDeposit } from "@backstop/core";
import { buyCover, deposit, redeem, requestRedeem, WithdrawalError } from "@backstop/sdk";
import { DAY, usd } from "../lib/protocol.ts";
import { smallWorld } from "../lib/smallWorld.ts";

describe("LP flow: deposit, requestRedeem, redeem after the cooldown", () => {
  it("mints the shares core predicts, refuses early redeem, pays min(request price, current price)", async () => {
    const { chain, d, market, pools, lp, buyer } = await smallWorld();
    const pool = pools[0].address;
    const read = { address: pool, abi: poolAbi } as const;

    const first = await deposit(lp, { pool, assets: usd(1_000_000) });
    assert.equal(first.shares, previewDeposit(usd(1_000_000), 0n, 0n));
    const [supply, assets] = await Promise.all([
      chain.publicClient.readContract({ ...read, functionName: "totalSupply" }),
      chain.publicClient.readContract({ ...read, functionName: "totalAssets" }),
    ]);
    const second = await deposit(lp, { pool, assets: usd(250_000) });
    assert.equal(second.shares, previewDeposit(usd(250_000), supply, assets));

    // Cover earns premium for LPs after the request: the exit price stays at the request price.
    await buyCover(buyer, {
      coverManager: d.coverManager,
      marketId: market.marketId,
      amount: usd(100_000),
      period: 30n * DAY,
      pools: [pools[0].poolId],
      maxPremium: usd(100_000),
    });
    const shares = first.shares / 2n;
    const request = await requestRedeem(lp, { pool, shares });
    assert.ok(request.assets > 0n);

    await assert.rejects(redeem(lp, { pool }), (err: unknown) => {
      assert.ok(err instanceof WithdrawalError);
      assert.equal(err.errorName, "RequestNotClaimable");
      assert.match(err.message, /wait for the cooldown/);
      return true;
    });

    await chain.increaseTime(7n * DAY + 1n);
    const [supplyNow, assetsNow] = await Promise.all([
      chain.publicClient.readContract({ ...read, functionName: "totalSupply" }),
      chain.publicClient.readContract({ ...read, functionName: "totalAssets" }),
    ]);
    const valueNow = convertToAssets(shares, supplyNow, assetsNow);
    assert.ok(valueNow > request.assets, "the pool earned premium during the cooldown");
    const out = await redeem(lp, { pool });
    assert.equal(out.shares, shares);
    assert.equal(out.assets, request.assets < valueNow ? request.assets : valueNow);
  });
});
