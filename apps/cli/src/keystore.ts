import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type Address, getAddress, type Hex, keccak256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { InvalidArgumentError, KeystoreError, UsageError } from "./errors.ts";
import { askSecret, interactive } from "./prompt.ts";

/**
 * Encrypted keys: Web3 Secret Storage v3 JSON files (the format of geth, ethers and Foundry's `cast wallet`):
 * scrypt key derivation, AES-128-CTR, keccak256 MAC. One file per named account.
 */
export type KeystoreV3 = {
  version: 3;
  id: string;
  address: string;
  crypto: {
    cipher: "aes-128-ctr";
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: "scrypt";
    kdfparams: { dklen: number; n: number; r: number; p: number; salt: string };
    mac: string;
  };
};

/** The password could not be read: neither $BACKSTOP_PASSWORD nor a terminal to ask. */
export class PasswordRequiredError extends UsageError {
  override name = "PasswordRequiredError";
}

/** scrypt N: ethers' default (2^17, about 128 MiB); $BACKSTOP_SCRYPT_N lowers it for tests. */
const scryptN = () => Number(process.env.BACKSTOP_SCRYPT_N ?? 131_072);

/** The keystore folder: $BACKSTOP_KEYSTORE_DIR, else ~/.config/backstop/keystore. */
export function keystoreDir(): string {
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config");
  return process.env.BACKSTOP_KEYSTORE_DIR ?? join(base, "backstop", "keystore");
}

function derive(password: string, kdf: KeystoreV3["crypto"]["kdfparams"]): Buffer {
  try {
    return scryptSync(password.normalize("NFKC"), Buffer.from(kdf.salt, "hex"), kdf.dklen, {
      N: kdf.n,
      r: kdf.r,
      p: kdf.p,
      maxmem: 256 * kdf.n * kdf.r * Math.max(kdf.p, 1) + 4 * 1024 * 1024,
    });
  } catch (cause) {
    // OpenSSL requires N < 2^(16 r): keystores written with r = 1 and a large N are not readable here.
    throw new KeystoreError(`unsupported scrypt parameters (n ${kdf.n}, r ${kdf.r}, p ${kdf.p})`, { cause });
  }
}

const macOf = (key: Buffer, ciphertext: Buffer) =>
  keccak256(Buffer.concat([key.subarray(16, 32), ciphertext])).slice(2);

/** Encrypts a private key under `password`. */
export function encryptKey(privateKey: Hex, password: string): KeystoreV3 {
  const kdfparams = { dklen: 32, n: scryptN(), r: 8, p: 1, salt: randomBytes(32).toString("hex") };
  const key = derive(password, kdfparams);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-128-ctr", key.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), "hex")), cipher.final()]);
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAccount(privateKey).address.slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: iv.toString("hex") },
      ciphertext: ciphertext.toString("hex"),
      kdf: "scrypt",
      kdfparams,
      mac: macOf(key, ciphertext),
    },
  };
}

/** Decrypts a keystore; a wrong password fails the MAC check. */
export function decryptKey(ks: KeystoreV3, password: string): Hex {
  if (ks.version !== 3 || ks.crypto?.kdf !== "scrypt" || ks.crypto.cipher !== "aes-128-ctr")
    throw new KeystoreError("unsupported keystore: expected a v3 scrypt / aes-128-ctr JSON keystore");
  const key = derive(password, ks.crypto.kdfparams);
  const ciphertext = Buffer.from(ks.crypto.ciphertext, "hex");
  if (macOf(key, ciphertext) !== ks.crypto.mac.toLowerCase())
    throw new KeystoreError("wrong password for the keystore (MAC mismatch)");
  const decipher = createDecipheriv(
    "aes-128-ctr",
    key.subarray(0, 16),
    Buffer.from(ks.crypto.cipherparams.iv, "hex"),
  );
  return toHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}

/** A password from $BACKSTOP_PASSWORD, else asked on the terminal. */
export async function readPassword(purpose: string, confirm = false): Promise<string> {
  const env = process.env.BACKSTOP_PASSWORD;
  if (env !== undefined) return env;
  if (!interactive())
    throw new PasswordRequiredError(
      `${purpose} needs a password: set $BACKSTOP_PASSWORD or run in a terminal`,
    );
  const first = await askSecret(`password for ${purpose}: `);
  if (confirm && (await askSecret("repeat the password: ")) !== first)
    throw new KeystoreError("the passwords do not match");
  return first;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkName(name: string): string {
  if (!NAME.test(name)) throw new InvalidArgumentError("--name", name, "letters, digits, '.', '_' or '-'");
  return name;
}

/** Stores an encrypted key as <dir>/<name>.json (0600); refuses to overwrite. */
export function saveKeystore(name: string, ks: KeystoreV3, dir = keystoreDir()): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${checkName(name)}.json`);
  if (existsSync(file)) throw new KeystoreError(`an account named "${name}" already exists in ${dir}`);
  writeFileSync(file, `${JSON.stringify(ks, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Named accounts in the keystore folder, with their addresses (no password needed). */
export function listKeystores(dir = keystoreDir()): { name: string; address: Address; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => {
      try {
        const ks = JSON.parse(readFileSync(join(dir, f), "utf8")) as KeystoreV3;
        return [{ name: f.slice(0, -5), address: getAddress(`0x${ks.address}`), file: join(dir, f) }];
      } catch {
        return [];
      }
    });
}

/** Loads and decrypts the named account; the password from $BACKSTOP_PASSWORD or the terminal. */
export async function unlockAccount(name: string, dir = keystoreDir()): Promise<Hex> {
  const file = join(dir, `${checkName(name)}.json`);
  if (!existsSync(file)) {
    const names = listKeystores(dir).map((k) => k.name);
    throw new KeystoreError(
      `no account "${name}" in ${dir}${names.length ? ` (have: ${names.join(", ")})` : ""}: import one with \`backstop keys import --name ${name}\``,
    );
  }
  let ks: KeystoreV3;
  try {
    ks = JSON.parse(readFileSync(file, "utf8")) as KeystoreV3;
  } catch (cause) {
    throw new KeystoreError(`unreadable keystore ${file}`, { cause });
  }
  return decryptKey(ks, await readPassword(`account "${name}"`));
}
