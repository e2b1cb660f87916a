import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { measureTriggerGas } from "../bench/triggers.ts";
import { network } from "../hardhat.ts";

describe("trigger poke gas", () => {
  it("routine pokes stay within the 60,000 budget", async () => {
    const { viem } = await network.connect();
    const gas = await measureTriggerGas(viem);
    for (const key of [
      "pokeTrigger",
      "pokePegWithSequencer",
      "pokePegNewRounds",
      "pokeDrainTrigger",
      "pokeCommitteeTrigger",
      "pokeOptimisticTrigger",
    ]) {
      const used = gas[key];
      assert.ok(used !== undefined && used > 21_000n && used <= 60_000n, `${key}: ${used}`);
    }
  });
});
