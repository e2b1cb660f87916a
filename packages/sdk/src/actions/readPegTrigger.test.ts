import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mockAggregatorAbi, mockAggregatorBytecode } from "@backstop/abi";
import { type Address, getAddress } from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";
import { startChain, type TestChain } from "../test/chain.ts";
import { deployTrigger } from "./deployTrigger.ts";
import { pokeTrigger } from "./pokeTrigger.ts";
import { readPegTrigger } from "./readPegTrigger.ts";
import { setMockFeedAnswer } from "./setMockFeedAnswer.ts";

describe("readPegTrigger", () => {
  let chain: TestChain;
  let feeds: Address[];
  let trigger: Address;
  before(async () => {
    chain = await startChain();
    const [gov] = chain.wallets;
    if (!gov) throw new Error("no wallet");
    feeds = [];
    for (let i = 0; i < 3; i++) {
      const hash = await deployContract(gov, {
        abi: mockAggregatorAbi,
        bytecode: mockAggregatorBytecode,
        args: [8],
      });
      feeds.push(
        getAddress(
          (await waitForTransactionReceipt(chain.publicClient, { hash })).contractAddress as Address,
        ),
      );
    }
    await setMockFeedAnswer(gov, { feeds, answer: 100_000_000n });
    ({ trigger } = await deployTrigger(gov, {
      kind: "peg",
      feeds,
      peg: 100_000_000n,
      triggerPrice: 98_000_000n,
      recoveryPrice: 99_500_000n,
      window: 86_400n,
      maxStaleness: 3n * 86_400n,
      minFreshFeeds: 2n,
    }));
  });
  after(() => chain.close());

  it("reads the feeds, the prices and no candidate while the peg holds", async () => {
    const r = await readPegTrigger(chain.publicClient, { trigger });
    assert.equal(r.state, "ACTIVE");
    assert.deepEqual(
      r.feeds.map((f) => [f.feed, f.answer]),
      feeds.map((f) => [f, 100_000_000n]),
    );
    assert.equal(r.triggerPrice, 98_000_000n);
    assert.equal(r.recoveryPrice, 99_500_000n);
    assert.equal(r.decimals, 8);
    assert.equal(r.window, 86_400n);
    assert.equal(r.candidateTime, 0n);
    assert.equal(r.observation.freshFeeds, 3n);
  });

  it("dates the candidate once a poke sees the price below the trigger price", async () => {
    const [gov] = chain.wallets;
    if (!gov) throw new Error("no wallet");
    await setMockFeedAnswer(gov, { feeds, answer: 95_000_000n });
    await pokeTrigger(gov, { trigger });
    const r = await readPegTrigger(chain.publicClient, { trigger });
    assert.equal(r.state, "FROZEN");
    assert.ok(r.candidateTime > 0n && r.candidateTime <= r.timestamp);
    assert.equal(r.observation.priceHigh, 95_000_000n);
    assert.ok(r.feeds.every((f) => f.answer === 95_000_000n));
  });
});
