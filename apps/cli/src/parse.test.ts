import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeArgv } from "./cli.ts";
import { InvalidArgumentError } from "./errors.ts";
import {
  parseAddress,
  parseAmount,
  parseBps,
  parseDuration,
  parseId,
  parseLeverage,
  parsePrice,
} from "./parse.ts";

test("test_parseAmount_decimalTokenUnits", () => {
  assert.equal(parseAmount("--amount", "1000.5", 6), 1_000_500_000n);
  assert.equal(parseAmount("--amount", "1_000", 6), 1_000_000_000n);
  for (const bad of ["1e6", "-1", "1.2345678", "0", "abc", ""])
    assert.throws(() => parseAmount("--amount", bad, 6), InvalidArgumentError, bad);
});

test("test_parseDuration_unitsAndSeconds", () => {
  assert.equal(parseDuration("--period", "30d"), 2_592_000n);
  assert.equal(parseDuration("--period", "25h"), 90_000n);
  assert.equal(parseDuration("--period", "3600"), 3_600n);
  for (const bad of ["0", "1.5d", "d", "30 days"])
    assert.throws(() => parseDuration("--period", bad), InvalidArgumentError);
});

test("test_parseAddress_checksumsAndRejectsGarbage", () => {
  assert.equal(
    parseAddress("--owner", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
    "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  );
  assert.throws(
    () => parseAddress("--owner", "0x1234"),
    /invalid --owner "0x1234": expected a 0x-prefixed 20-byte address/,
  );
});

test("test_parsePrice_eightDecimals", () => {
  assert.equal(parsePrice("--price", "0.97"), 97_000_000n);
  assert.throws(() => parsePrice("--price", "0.123456789"), InvalidArgumentError);
});

test("test_parseId_integersOnly", () => {
  assert.equal(parseId("--market", "3"), 3n);
  assert.throws(() => parseId("--market", "x"), InvalidArgumentError);
});

test("test_parseBps_percentagesAndBasisPoints", () => {
  assert.equal(parseBps("--fee", "12.5%"), 1_250);
  assert.equal(parseBps("--fee", "250"), 250);
  assert.throws(() => parseBps("--fee", "-1%"), InvalidArgumentError);
  assert.throws(() => parseBps("--fee", "31%", 3_000), /at most 3000 bps/);
  assert.equal(parseLeverage("--leverage", "2.5x"), 25_000);
  assert.throws(() => parseLeverage("--leverage", "0.5x"), InvalidArgumentError);
});

test("test_normalizeArgv_negativeNumbersAreOptionValues", () => {
  assert.deepEqual(normalizeArgv(["--amount", "-5", "--pool", "0"]), ["--amount=-5", "--pool", "0"]);
  assert.deepEqual(normalizeArgv(["--amount", "-.5"]), ["--amount=-.5"]);
  assert.deepEqual(normalizeArgv(["--json", "--amount", "5"]), ["--json", "--amount", "5"]);
});
