import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { StateFileError } from "./errors.ts";
import { DONE_CAP, emptyState, loadState, recordDone, resetForNewChain, saveState } from "./state.ts";

const dir = () => mkdtempSync(path.join(tmpdir(), "keeper-state-"));

describe("state file", () => {
  it("test_loadState_missingFile starts fresh", () => {
    assert.deepEqual(loadState(path.join(dir(), "s.json"), 31337), emptyState(31337));
  });

  it("test_saveState_roundTrips and leaves no temporary file", () => {
    const d = dir();
    const file = path.join(d, "s.json");
    const s = emptyState(1);
    s.lastBlock = 42;
    s.pending.push({ key: "settle:1", kind: "settle", hash: "0x01", sentAt: "now" });
    saveState(file, s);
    assert.deepEqual(loadState(file, 1), s);
    assert.deepEqual(readdirSync(d), ["s.json"]);
  });

  it("test_loadState_corruptOrOtherChain refuses to guess", () => {
    const file = path.join(dir(), "s.json");
    writeFileSync(file, "{ half");
    assert.throws(() => loadState(file, 1), StateFileError);
    saveState(file, emptyState(5));
    assert.throws(() => loadState(file, 1), StateFileError);
  });

  it("test_recordDone_capsHistory and resetForNewChain clears the cursor", () => {
    const s = emptyState(1);
    for (let i = 0; i < DONE_CAP + 5; i++) {
      recordDone(s, { key: `k${i}`, kind: "poke", hash: null, outcome: "success", block: i, at: "" });
    }
    assert.equal(s.done.length, DONE_CAP);
    assert.equal(s.done[0]?.key, "k5");
    s.lastBlock = 9;
    s.claimFloor = 4;
    s.triggers["0xabc"] = "1@2";
    resetForNewChain(s);
    assert.deepEqual([s.lastBlock, s.claimFloor, s.triggers, s.pending], [null, 1, {}, []]);
    assert.equal(s.done.length, DONE_CAP);
  });
});
