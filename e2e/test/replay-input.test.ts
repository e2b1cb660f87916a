import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  orderRounds,
  parseArgs,
  parseDecimal,
  parseDuration,
  parseRounds,
  parseTime,
  ReplayInputError,
  splitCsvLine,
} from "../replay/input.ts";

describe("parseDuration", () => {
  it("accepts seconds and unit suffixes", () => {
    assert.equal(parseDuration("86400"), 86400);
    assert.equal(parseDuration("45s"), 45);
    assert.equal(parseDuration("30m"), 1800);
    assert.equal(parseDuration("24h"), 86400);
    assert.equal(parseDuration("2d"), 172800);
    assert.equal(parseDuration("1.5h"), 5400);
  });
  it("rejects garbage, zero and fractions of a second", () => {
    for (const bad of ["", "h", "-1", "0", "24x", "1.5s", "abc"]) {
      assert.throws(() => parseDuration(bad), ReplayInputError, bad);
    }
  });
});

describe("parseDecimal", () => {
  it("scales to 8 decimals and truncates", () => {
    assert.equal(parseDecimal("1", 8), 100000000n);
    assert.equal(parseDecimal("0.9518", 8), 95180000n);
    assert.equal(parseDecimal(".5", 8), 50000000n);
    assert.equal(parseDecimal("0.123456789", 8), 12345678n);
  });
  it("rejects non-numbers", () => {
    for (const bad of ["", ".", "1e8", "-1", "0,9"])
      assert.throws(() => parseDecimal(bad, 8), ReplayInputError);
  });
});

describe("parseArgs", () => {
  it("applies the Etherisc defaults", () => {
    const o = parseArgs(["f.csv"]);
    assert.deepEqual(o, {
      csv: "f.csv",
      peg: 100000000n,
      triggerPrice: 99500000n,
      recoveryPrice: 99900000n,
      window: 86400,
      maxStaleness: 90000,
      payout: "proportional",
      from: 0,
      to: Number.POSITIVE_INFINITY,
    });
  });
  it("reads options in both spellings", () => {
    const o = parseArgs(["--trigger-price", "0.98", "f.csv", "--window=2d", "--payout", "binary", "--peg=1"]);
    assert.equal(o.triggerPrice, 98000000n);
    assert.equal(o.window, 172800);
    assert.equal(o.payout, "binary");
  });
  it("reads a time range", () => {
    const o = parseArgs(["f.csv", "--from", "2022-05-01", "--to", "1652000000"]);
    assert.equal(o.from, 1651363200);
    assert.equal(o.to, 1652000000);
    assert.equal(parseTime("2022-05-01T12:00:00Z"), 1651406400);
  });
  it("rejects bad command lines", () => {
    const bad = [
      [],
      ["a.csv", "b.csv"],
      ["f.csv", "--nope", "1"],
      ["f.csv", "--window"],
      ["f.csv", "--window", "soon"],
      ["f.csv", "--payout", "half"],
      ["f.csv", "--trigger-price", "0.9995"],
      ["f.csv", "--trigger-price", "x"],
      ["f.csv", "--recovery-price", "1.01"],
      ["f.csv", "--from", "yesterday"],
      ["f.csv", "--from", "2022-06-01", "--to", "2022-05-01"],
    ];
    for (const argv of bad) assert.throws(() => parseArgs(argv), ReplayInputError, argv.join(" "));
  });
});

describe("splitCsvLine", () => {
  it("honours quotes", () => {
    assert.deepEqual(splitCsvLine('1,"a, b",""" q"""'), ["1", "a, b", '" q"']);
  });
});

describe("parseRounds", () => {
  const shared =
    "timestamp,datetime_utc,price,roundId,answer_raw_8dec,startedAt,updatedAt,answeredInRound,phaseId,aggregatorRoundId,source\n" +
    '1652330000,x,0.9518,36893488147419103233,95180000,1652329990,1652330000,36893488147419103233,2,1,"feed 0x1, all"\n';

  it("reads the shared data layout (answer_raw_8dec)", () => {
    const [r] = parseRounds(shared);
    assert.deepEqual(r, {
      roundId: 36893488147419103233n,
      answer: 95180000n,
      startedAt: 1652329990,
      updatedAt: 1652330000,
      answeredInRound: 36893488147419103233n,
    });
  });
  it("reads a price column and fills optional columns", () => {
    const [r] = parseRounds("roundId,price,updatedAt\r\n7,0.99,100\r\n");
    assert.deepEqual(r, {
      roundId: 7n,
      answer: 99000000n,
      startedAt: 100,
      updatedAt: 100,
      answeredInRound: 7n,
    });
  });
  it("prefers answer over price", () => {
    const [r] = parseRounds("roundId,answer,price,updatedAt\n1,98000000,0.5,10\n");
    assert.equal(r?.answer, 98000000n);
  });
  it("rejects missing columns and bad cells", () => {
    assert.throws(() => parseRounds(""), /empty/);
    assert.throws(() => parseRounds("roundId,updatedAt\n1,2\n"), /answer or price/);
    assert.throws(() => parseRounds("price,updatedAt\n1,2\n"), /roundId/);
    assert.throws(() => parseRounds("roundId,answer,updatedAt\n1,abc,2\n"), /line 2: invalid answer/);
    assert.throws(() => parseRounds("roundId,price,updatedAt\n1,abc,2\n"), /line 2: invalid price/);
    assert.throws(() => parseRounds("roundId,price,updatedAt\n1,1,\n"), /line 2: missing updatedAt/);
  });
});

describe("orderRounds", () => {
  const r = (roundId: bigint, updatedAt: number) => ({
    roundId,
    answer: 1n,
    startedAt: updatedAt,
    updatedAt,
    answeredInRound: roundId,
  });
  it("sorts by updatedAt and drops duplicates", () => {
    const out = orderRounds([r(3n, 30), r(1n, 10), r(2n, 20), r(1n, 10), r(4n, 30)]);
    assert.deepEqual(
      out.map((x) => x.roundId),
      [1n, 2n, 4n],
    );
  });
});
