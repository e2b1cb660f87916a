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

test("test_keystore_decryptsTheWeb3SecretStorageTestVector", () => {
  // The scrypt test vector of the Web3 Secret Storage definition (password "testpassword").
  const vector = {
    version: 3 as const,
    id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
    address: "008aeeda4d805471df9b2a5b0f38a0c3bcba786b",
    crypto: {
      cipher: "aes-128-ctr" as const,
      cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
      ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
      kdf: "scrypt" as const,
      kdfparams: {
        dklen: 32,
        n: 262144,
        p: 8,
        r: 1,
        salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
      },
      mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
    },
  };
  assert.equal(
    decryptKey(vector, "testpassword"),
    "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d",
  );
});
