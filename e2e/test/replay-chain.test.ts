import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { network } from "../hardhat.ts";
import { replayOnChain } from "../replay/chain.ts";
import { orderRounds, parseArgs, parseRounds } from "../replay/input.ts";
import { referenceOutcome } from "../replay/reference.ts";

// Real Chainlink USDT/USD rounds (mainnet): 2022-05-10 .. 2022-05-15 (UST collapse) and 2022-11-09 .. 2022-11-13
// (FTX), from data/prices/chainlink_usdt_usd_mainnet_rounds.csv.
const FIXTURE = new URL("../fixtures/usdt_usd_rounds_2022-05_2022-11.csv", import.meta.url);

describe("replayOnChain", () => {
  it("matches the off-chain rule on real USDT rounds", async () => {
    const rounds = orderRounds(parseRounds(await readFile(FIXTURE, "utf8")));
    const opts = parseArgs(["fixture.csv"]);
    const result = await replayOnChain(network, opts, rounds);
    const ref = referenceOutcome(rounds, opts);
    assert.equal(ref.candidates, 3);
    assert.equal(ref.cancelled, 2);
    assert.deepEqual(result, {
      fired: true,
      candidateRoundId: "36893488147419103922",
      candidateTime: 1668081587,
      fireRoundId: "36893488147419103938",
      fireTime: 1668195215,
      depegPrice: 0.99795,
      payoutBps: 20,
    });
    assert.equal(result.candidateRoundId, ref.candidate?.roundId.toString());
    assert.equal(result.fireRoundId, ref.fire?.roundId.toString());
  });

  it("does not fire on the May 2022 dip alone", async () => {
    const rounds = orderRounds(parseRounds(await readFile(FIXTURE, "utf8"))).filter(
      (r) => r.updatedAt < 1_652_572_800,
    );
    const result = await replayOnChain(network, parseArgs(["fixture.csv"]), rounds);
    assert.equal(result.fired, false);
    assert.equal(result.candidateRoundId, null);
  });
});
