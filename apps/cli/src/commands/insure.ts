import { formatAmount, insuredDeposit } from "@backstop/sdk";
import { parseCommand, printHelp, required } from "../cli.ts";
import { type Command, UsageError } from "../command.ts";
import { connectWrite } from "../context.ts";
import { NotReadyError } from "../errors.ts";
import { formatTime } from "../format/time.ts";
import { output } from "../options.ts";
import { formatDuration, parseAmount } from "../parse.ts";
import { peripheryOf, resolveNamed, routerOf } from "../periphery.ts";
import { QUOTE_OPTIONS, quoteFromArgs } from "./quote.ts";

const USAGE = `usage: backstop insure deposit --vault <addr|name> --amount <USDC> --market <id> --period <30d|seconds> [--max-premium <USDC>] [--pools 0,1] [--min-shares <n>] [--router <addr>]
Deposits into an ERC-4626 vault and buys cover for the position in one transaction (InsuredRouter):
the vault's shares and the policy NFT go to the signer; the unspent premium is refunded in the same call.
Pays with one EIP-2612 permit (deadline from chain time), so no approval is left behind.
  --vault <addr|name>   the ERC-4626 vault (a name recorded by the devnet: demo)
  --amount <USDC>       assets to deposit; the cover is the shares' asset value
  --max-premium <USDC>  the most to pay (default: the quote plus 1%)
  --router <addr>       the InsuredRouter (default: the one the deployment records)`;

const insure: Command = {
  summary: "deposit into a vault with cover, in one transaction",
  usage: USAGE,
  async run(argv) {
    const { values, positionals, help } = parseCommand(
      argv,
      {
        ...QUOTE_OPTIONS,
        vault: { type: "string" },
        "max-premium": { type: "string" },
        "min-shares": { type: "string" },
        router: { type: "string" },
      },
      USAGE,
    );
    if (help) return printHelp(help);
    if (positionals[0] !== "deposit") throw new UsageError("usage: backstop insure deposit ... (see --help)");
    const vaultArg = required(values, "vault", USAGE);
    const maxArg = values["max-premium"] ? parseAmount("--max-premium", values["max-premium"], 6) : undefined;
    const minShares = values["min-shares"] ? parseAmount("--min-shares", values["min-shares"], 0, true) : 0n;
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const vault = resolveNamed("--vault", vaultArg, peripheryOf(d)?.yieldVaults, "yield vault");
    const router = routerOf(d, values.router);
    // The cover is the shares' asset value, i.e. about the deposit: quote that.
    const { marketId, amount, period, q } = await quoteFromArgs(values, USAGE, ctx);
    if (q.filled < amount)
      throw new NotReadyError(
        `only ${formatAmount(q.filled)} USDC of cover is available on market ${marketId}: lower --amount`,
      );
    const maxPremium = maxArg ?? q.total + q.total / 100n;
    if (maxPremium < q.total)
      throw new NotReadyError(
        `the premium is ${formatAmount(q.total)} USDC, above --max-premium ${formatAmount(maxPremium)}: raise it or lower --amount/--period`,
      );
    await ctx.confirm(
      `deposit ${formatAmount(amount)} USDC into ${vault} with cover on market ${marketId} for ${formatDuration(period)}, paying at most ${formatAmount(maxPremium)} USDC`,
    );
    // One EIP-2612 permit for the deposit and the premium (same token), deadline from chain time: no approval.
    const chainNow = (await ctx.publicClient.getBlock()).timestamp;
    const r = await insuredDeposit(ctx.wallet, {
      permit: { deadline: chainNow + 3_600n },
      router,
      vault,
      assets: amount,
      minShares,
      marketId,
      period,
      pools: q.pools,
      maxPremium,
    });
    const now = (await ctx.publicClient.getBlock()).timestamp;
    output(
      values.json,
      {
        vault,
        router,
        assets: amount,
        shares: r.shares,
        policyId: r.policyId,
        marketId,
        coverAmount: r.coverAmount,
        premium: r.premium,
        period,
        pools: q.pools,
        tx: r.hash,
      },
      () =>
        [
          `deposited ${formatAmount(amount)} USDC into ${vault} for ${r.shares} shares`,
          `policy #${r.policyId}: ${formatAmount(r.coverAmount)} USDC on market ${marketId} for ${formatAmount(r.premium)} USDC, until ${formatTime(now + period)}`,
          `tx ${r.hash} (one transaction)`,
        ].join("\n"),
    );
    return 0;
  },
};

export default insure;
