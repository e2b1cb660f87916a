import { formatAmount, getPoliciesOf, getPolicyStatus } from "@backstop/sdk";
import { parseCommand, printHelp } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectRead, signerAddress } from "../context.ts";
import { MissingArgumentError } from "../errors.ts";
import { table } from "../format/table.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAddress } from "../parse.ts";

const USAGE = `usage: backstop policies [--owner <address>]
Policies held by --owner (default: the signer), each with its status:
  PENDING, ACTIVE, EXPIRED         no incident or claim concerns it (not started, in force, ended)
  TRIGGERED                        its market's trigger fired; \`backstop claim\` settles and pays
  CLAIMABLE <payout>               a parametric payout is owed now; WINDOW_CLOSED: it was, the window closed
  NOT_COVERED                      the incident fell outside the policy's cover
  PAID <amount>                    paid, by settlement or by an assessed claim
  CLAIM_OPEN / CLAIM_APPROVED / CLAIM_DENIED / CLAIM_VOIDED   an assessed claim's state`;

const policies: Command = {
  summary: "list policies held, with their status and payout",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(argv, { owner: { type: "string" } }, USAGE);
    if (help) return printHelp(help);
    const ctx = await connectRead(values);
    const d = ctx.registry();
    const owner = values.owner ? parseAddress("--owner", values.owner) : await signerAddress(ctx, values);
    if (!owner) throw new MissingArgumentError("pass --owner <address> (or --account)");
    const list = await getPoliciesOf(ctx.publicClient, {
      coverManager: d.coverManager,
      owner,
      fromBlock: BigInt(d.startBlock ?? 0),
    });
    const rows = await Promise.all(
      list.map(async (p) => {
        const s = await getPolicyStatus(ctx.publicClient, {
          coverManager: d.coverManager,
          markets: d.markets,
          settlement: d.settlement,
          assessedClaims: d.assessedClaims,
          policyId: p.policyId,
        });
        return {
          ...p,
          status: s.state,
          payout: s.payout,
          paid: s.paid,
          claimId: s.claimId,
          ...(s.closesAt !== undefined ? { closesAt: s.closesAt } : {}),
          ...(s.payableAt !== undefined ? { payableAt: s.payableAt } : {}),
        };
      }),
    );
    const amountOf = (r: (typeof rows)[number]) =>
      r.status === "PAID" ? formatAmount(r.paid) : r.status === "CLAIMABLE" ? formatAmount(r.payout) : "-";
    output(values.json, { owner, policies: rows }, () =>
      rows.length === 0
        ? `${owner} holds no policies`
        : table(
            ["policy", "market", "cover", "premium", "start", "end", "pools", "status", "payout", "claim"],
            rows.map((p) => [
              `#${p.policyId}`,
              String(p.marketId),
              formatAmount(p.amount),
              formatAmount(p.premium),
              formatTime(p.start),
              formatTime(p.end),
              p.slices.map((s) => s.poolId).join(","),
              p.status,
              amountOf(p),
              p.claimId === 0n ? "-" : `#${p.claimId}`,
            ]),
          ),
    );
    return 0;
  },
};

export default policies;
