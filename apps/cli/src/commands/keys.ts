import { readFileSync } from "node:fs";
import { privateKeyToAccount } from "viem/accounts";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { KeystoreError } from "../errors.ts";
import {
  checkName,
  decryptKey,
  encryptKey,
  type KeystoreV3,
  keystoreDir,
  listKeystores,
  readPassword,
  saveKeystore,
} from "../keystore.ts";
import { output } from "../options.ts";
import { parsePrivateKey } from "../parse.ts";
import { askSecret, interactive } from "../prompt.ts";

const USAGE = `usage: backstop keys import --name <name> [--file <keystore.json>]
       backstop keys list
Encrypted signing keys (Web3 Secret Storage v3 JSON: scrypt + AES-128-CTR, the format of geth, ethers and
\`cast wallet\`), one file per name in $BACKSTOP_KEYSTORE_DIR (default ~/.config/backstop/keystore).
import: the private key from $BACKSTOP_PRIVATE_KEY or a hidden prompt (never an argument), or an existing
        keystore file (--file, checked with its password); the password from $BACKSTOP_PASSWORD or a prompt.
Sign with \`--account <name>\` (or $BACKSTOP_ACCOUNT) on any command that sends a transaction.`;

const keys: Command = {
  summary: "import or list encrypted signing keys",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      { name: { type: "string" }, file: { type: "string" } },
      USAGE,
    );
    if (help) return printHelp(help);
    const sub = positionals[0];
    if (sub === "list") {
      const list = listKeystores();
      output(values.json, { dir: keystoreDir(), accounts: list }, () =>
        list.length === 0
          ? `no keys in ${keystoreDir()}: \`backstop keys import --name <name>\``
          : list.map((k) => `${k.name.padEnd(20)} ${k.address}`).join("\n"),
      );
      return 0;
    }
    if (sub !== "import")
      throw new UsageError("usage: backstop keys <import|list> (see `backstop keys --help`)");
    const name = checkName(required(values, "name", USAGE));
    let ks: KeystoreV3;
    if (values.file) {
      try {
        ks = JSON.parse(readFileSync(values.file, "utf8")) as KeystoreV3;
      } catch (cause) {
        throw new KeystoreError(`unreadable keystore file ${values.file}`, { cause });
      }
      decryptKey(ks, await readPassword(`keystore ${values.file}`));
    } else {
      const raw =
        process.env.BACKSTOP_PRIVATE_KEY ??
        (interactive() ? await askSecret("private key (hex): ") : undefined);
      if (!raw)
        throw new UsageError(
          "no key to import: set $BACKSTOP_PRIVATE_KEY, run in a terminal, or pass --file <keystore.json>",
        );
      const key = parsePrivateKey(raw.trim());
      ks = encryptKey(key, await readPassword(`the new account "${name}"`, true));
      privateKeyToAccount(key);
    }
    const file = saveKeystore(name, ks);
    const address = listKeystores().find((k) => k.name === name)?.address;
    output(values.json, { name, address, file }, () => `imported "${name}" (${address}) into ${file}`);
    return 0;
  },
};

export default keys;
