import { formatAmount, getPoliciesOf } from "@backstop/sdk";
import { privateKeyToAccount } from "viem/accounts";
import { connectRead, DEVNET_CHAIN_ID, HARDHAT_KEY_0, registryOf } from "../chain/context.ts";
import { readPayout } from "../chain/settlement.ts";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { NotReadyError } from "../errors.ts";
import { table } from "../format/table.ts";
import { output } from "../options.ts";
import { parseAddress, parsePrivateKey } from "../parse.ts";

const USAGE =
  "usage: backstop policies [--owner <address>]\nPolicies held by --owner (default: the signer), with what a settled market pays each.";

const policies: Command = {
  summary: "list policies held",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, { owner: { type: "string" } }, USAGE);
    if (help) return printHelp(help);
    const ctx = await connectRead(values["rpc-url"]);
    const d = registryOf(ctx.chainId);
    const key = values["private-key"] ?? process.env.BACKSTOP_PRIVATE_KEY;
    const owner = values.owner
      ? parseAddress("--owner", values.owner)
      : key
        ? privateKeyToAccount(parsePrivateKey(key)).address
        : ctx.chainId === DEVNET_CHAIN_ID
          ? privateKeyToAccount(HARDHAT_KEY_0).address
          : undefined;
    if (!owner) throw new NotReadyError("pass --owner <address> (or --private-key)");
    const list = await getPoliciesOf(ctx.publicClient, { coverManager: d.coverManager, owner });
    const rows = await Promise.all(
      list.map(async (p) => {
        const pay = await readPayout(ctx.publicClient, d.settlement, p.policyId).catch(() => undefined);
        return { ...p, payout: pay?.payout ?? 0n, paid: pay?.paid ?? false };
      }),
    );
    const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString().slice(0, 16).replace("T", " ");
    output(values.json, { owner, policies: rows }, () =>
      rows.length === 0
        ? `${owner} holds no policies`
        : table(
            ["policy", "market", "cover", "premium", "start", "end", "pools", "payout"],
            rows.map((p) => [
              `#${p.policyId}`,
              String(p.marketId),
              formatAmount(p.amount),
              formatAmount(p.premium),
              iso(p.start),
              iso(p.end),
              p.slices.map((s) => s.poolId).join(","),
              p.paid ? "paid" : p.payout > 0n ? formatAmount(p.payout) : "-",
            ]),
          ),
    );
    return 0;
  },
};

export default policies;
