import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { privateKeyToAccount } from "viem/accounts";
import { KeystoreError } from "./errors.ts";
import { decryptKey, encryptKey, listKeystores, saveKeystore } from "./keystore.ts";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

test("test_keystore_roundTripsAndRejectsAWrongPassword", () => {
  process.env.BACKSTOP_SCRYPT_N = "1024";
  const ks = encryptKey(KEY, "correct horse");
  assert.equal(ks.version, 3);
  assert.equal(ks.crypto.kdf, "scrypt");
  assert.equal(`0x${ks.address}`, privateKeyToAccount(KEY).address.toLowerCase());
  assert.equal(decryptKey(ks, "correct horse"), KEY);
  assert.throws(() => decryptKey(ks, "battery staple"), KeystoreError);
  const dir = mkdtempSync(join(tmpdir(), "backstop-ks-"));
  saveKeystore("bob", ks, dir);
  assert.throws(() => saveKeystore("bob", ks, dir), /already exists/);
  assert.deepEqual(
    listKeystores(dir).map((k) => [k.name, k.address]),
    [["bob", privateKeyToAccount(KEY).address]],
  );
});

test("test_keystore_readsEthersStyleParameters", () => {
  // ethers' and geth's light defaults (r 8, p 1) at a small N; the MAC covers the ciphertext.
  process.env.BACKSTOP_SCRYPT_N = "4096";
  const ks = encryptKey(KEY, "pw");
  assert.deepEqual({ ...ks.crypto.kdfparams, salt: "" }, { dklen: 32, n: 4096, r: 8, p: 1, salt: "" });
  const tampered = { ...ks, crypto: { ...ks.crypto, ciphertext: `00${ks.crypto.ciphertext.slice(2)}` } };
  assert.throws(() => decryptKey(tampered, "pw"), /wrong password/);
  const unsupported = {
    ...ks,
    crypto: { ...ks.crypto, kdfparams: { ...ks.crypto.kdfparams, n: 262_144, r: 1, p: 8 } },
  };
  assert.throws(() => decryptKey(unsupported, "pw"), /unsupported scrypt parameters/);
});
