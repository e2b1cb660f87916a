import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { erc2612Abi } from "@backstop/abi";
import { formatError } from "@backstop/core";
import { erc20Abi } from "viem";
import { readContract, writeContract } from "viem/actions";
import { PermitFailedError } from "../errors/action.ts";
import { TokenTransferError } from "../errors/contract.ts";
import { createWorld, DAY, usd, type World } from "../test/world.ts";
import { buyCover } from "./buyCover.ts";
import { checkPermit } from "./checkPermit.ts";
import { deposit } from "./deposit.ts";
import { quote } from "./quote.ts";
import { signPermit } from "./signPermit.ts";

let w: World;

describe("buyCover with an EIP-2612 permit", { timeout: 180_000 }, () => {
  before(async () => {
    w = await createWorld();
    await deposit(w.lp, { pool: w.pools[0].address, assets: usd(1_000_000) });
  });
  after(async () => {
    await w?.chain.close();
  });

  const order = () => ({
    coverManager: w.d.coverManager,
    marketId: w.markets.assessed,
    amount: usd(10_000),
    period: 30n * DAY,
  });
  const quoted = async () => quote(w.buyer, { markets: w.d.markets, poolLens: w.d.poolLens, ...order() });

  it("test_buyCover_permitAfterTwoHourTimeJump", async () => {
    // The chain's clock runs 2h ahead of the wall clock: a deadline of Date.now() + 1h would have passed.
    await w.chain.increaseTime(2 * 3_600);
    const chainNow = await w.chain.now();
    assert.ok(chainNow > BigInt(Math.floor(Date.now() / 1000)) + 3_600n);
    const q = await quoted();
    const bought = await buyCover(w.buyer, { ...order(), pools: q.pools, maxPremium: q.total, permit: true });
    assert.ok(bought.policyId > 0n);
    assert.equal(bought.premium, q.premium);
  });

  it("test_signPermit_deadlineFromChainTime", async () => {
    const before = await w.chain.now();
    const p = await signPermit(w.buyer, { token: w.d.stable, spender: w.d.coverManager, value: 1n });
    assert.ok(p.deadline >= before + 3_600n && p.deadline <= before + 3_700n);
    assert.equal(await checkPermit(w.chain.publicClient, p), undefined);
  });

  it("test_buyCover_expiredPermitSaysSo", async () => {
    const q = await quoted();
    const err = await buyCover(w.other, {
      ...order(),
      pools: q.pools,
      maxPremium: q.total,
      permit: { deadline: (await w.chain.now()) - 1n },
    }).then(
      () => assert.fail("expected PermitFailedError"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PermitFailedError, String(err));
    assert.equal(err.reason, "expired");
    // The purchase itself failed on the allowance the permit did not set.
    assert.ok(err.cause instanceof TokenTransferError);
    assert.match(
      formatError(err),
      /^The permit failed: its deadline \d+ is not after the chain's time \d+.*; sign a new permit/,
    );
  });

  it("test_buyCover_permitOfAnotherSignerSaysSo", async () => {
    const q = await quoted();
    // Signed by the buyer, sent by another account: the token would recover the wrong owner.
    const signed = await signPermit(w.buyer, {
      token: w.d.stable,
      spender: w.d.coverManager,
      value: q.total,
    });
    const err = await buyCover(w.other, {
      ...order(),
      pools: q.pools,
      maxPremium: q.total,
      permit: signed,
    }).then(
      () => assert.fail("expected PermitFailedError"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PermitFailedError, String(err));
    assert.equal(err.reason, "signer");
  });

  it("test_buyCover_permitWithStaleNonceSaysSo", async () => {
    const q = await quoted();
    const stale = await signPermit(w.other, { token: w.d.stable, spender: w.d.coverManager, value: q.total });
    // Another permit is used first (the nonce moves), then the allowance it set is spent elsewhere.
    const fresh = await signPermit(w.other, { token: w.d.stable, spender: w.d.coverManager, value: 0n });
    await writeContract(w.other, {
      address: w.d.stable,
      abi: erc2612Abi,
      functionName: "permit",
      args: [w.other.account.address, w.d.coverManager, 0n, fresh.deadline, fresh.v, fresh.r, fresh.s],
    });
    assert.equal(
      await readContract(w.chain.publicClient, {
        address: w.d.stable,
        abi: erc20Abi,
        functionName: "allowance",
        args: [w.other.account.address, w.d.coverManager],
      }),
      0n,
    );
    const err = await buyCover(w.other, {
      ...order(),
      pools: q.pools,
      maxPremium: q.total,
      permit: stale,
    }).then(
      () => assert.fail("expected PermitFailedError"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PermitFailedError, String(err));
    assert.equal(err.reason, "nonce");
  });
});
