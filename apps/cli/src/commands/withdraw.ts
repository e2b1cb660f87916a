import {
  convertToShares,
  formatAmount,
  getPosition,
  redeem,
  requestRedeem,
  withdraw as withdrawAssets,
} from "@backstop/sdk";
import { parseCommand, poolAddressOf, printHelp, required } from "../cli.ts";
import type { Command } from "../command.ts";
import { connectWrite } from "../context.ts";
import { MissingArgumentError, NotReadyError, UsageError } from "../errors.ts";
import { formatWhen } from "../format/time.ts";
import { output } from "../options.ts";
import { parseAmount, parseId } from "../parse.ts";

const USAGE = `usage: backstop withdraw --pool <id> (--amount <USDC> | --all)
Exits are asynchronous (ERC-7540): the first run requests a redemption (shares escrowed for the pool's
cooldown, valued at the exit price: capital less the claim hold); run it again once claimable to claim at
min(value at request, exit value now).
  --amount <USDC>  request that much; with a claimable request, withdraw that much of it
  --all            request every share; with a claimable request, claim all of it (as much as free capital
                   pays) and request the shares still in the wallet
Claims wait while a backed market's trigger is not ACTIVE.`;

const withdraw: Command = {
  summary: "request a redemption (ERC-7540), or claim one whose cooldown is over",
  usage: USAGE,
  async run(argv) {
    const { values, help } = parseCommand(
      argv,
      { pool: { type: "string" }, amount: { type: "string" }, all: { type: "boolean", default: false } },
      USAGE,
    );
    if (help) return printHelp(help);
    const poolId = parseId("--pool", required(values, "pool", USAGE));
    const amount = values.amount ? parseAmount("--amount", values.amount, 6) : undefined;
    if (values.all && amount !== undefined) throw new UsageError("pass --amount <USDC> or --all, not both");
    const all = values.all === true;
    const ctx = await connectWrite(values);
    const d = ctx.registry();
    const pool = await poolAddressOf(ctx, d, poolId);
    const me = ctx.wallet.account.address;
    const [pos, block] = await Promise.all([
      getPosition(ctx.publicClient, { pool, owner: me, fromBlock: BigInt(d.startBlock ?? 0) }),
      ctx.publicClient.getBlock(),
    ]);
    const request = pos.request;
    if (request.shares > 0n) {
      if (request.pending > 0n)
        throw new NotReadyError(
          `a request for ${formatAmount(request.assets)} USDC is pending: claimable at ${formatWhen(request.claimableAt, block.timestamp)}`,
        );
      if (!request.exitsOpen)
        throw new NotReadyError(
          `pool ${poolId} backs a market whose trigger is not ACTIVE: claims wait until it recovers or the incident is settled`,
        );
      if (request.maxRedeem === 0n)
        throw new NotReadyError(
          `pool ${poolId} has no free capital for your request now (active cover locks it): retry after cover expires`,
        );
      if (amount !== undefined) {
        if (amount > request.maxWithdraw)
          throw new NotReadyError(
            `--amount exceeds what the request pays now (${formatAmount(request.maxWithdraw)} USDC): lower it or use --all`,
          );
        await ctx.confirm(`withdraw ${formatAmount(amount)} USDC from pool ${poolId}`);
        const r = await withdrawAssets(ctx.wallet, { pool, assets: amount });
        output(
          values.json,
          { action: "withdraw", poolId, shares: r.shares, assets: r.assets, tx: r.hash },
          () =>
            `withdrew ${formatAmount(r.assets)} USDC from pool ${poolId} (${r.shares} shares of the request; tx ${r.hash})`,
        );
        return 0;
      }
      await ctx.confirm(
        `claim ${formatAmount(request.maxWithdraw)} USDC from pool ${poolId}${all && pos.shares > 0n ? ` and request the other ${pos.shares} shares` : ""}`,
      );
      const r = await redeem(ctx.wallet, { pool, shares: request.maxRedeem });
      const left = request.shares - r.shares;
      // --all: also request what is still in the wallet, once the claimable request is fully claimed.
      const next =
        all && left === 0n && pos.shares > 0n
          ? await requestRedeem(ctx.wallet, { pool, shares: pos.shares })
          : undefined;
      output(
        values.json,
        {
          action: next ? "redeem+request" : "redeem",
          poolId,
          shares: r.shares,
          assets: r.assets,
          remaining: left,
          tx: r.hash,
          ...(next
            ? {
                requested: {
                  shares: pos.shares,
                  assets: next.assets,
                  claimableAt: next.claimableAt,
                  tx: next.hash,
                },
              }
            : {}),
        },
        () =>
          [
            `redeemed ${r.shares} shares of pool ${poolId} for ${formatAmount(r.assets)} USDC (tx ${r.hash})` +
              (left > 0n ? `; ${left} shares stay requested until free capital allows` : ""),
            next
              ? `requested the other ${pos.shares} shares (${formatAmount(next.assets)} USDC): claimable at ${formatWhen(next.claimableAt, block.timestamp)}; run again then`
              : all && left > 0n && pos.shares > 0n
                ? `${pos.shares} shares stay in your wallet: request them once the current request is claimed`
                : "",
          ]
            .filter(Boolean)
            .join("\n"),
      );
      return 0;
    }
    if (pos.shares === 0n) throw new NotReadyError(`${me} holds no shares of pool ${poolId}: deposit first`);
    if (!all && amount === undefined) throw new MissingArgumentError("pass --amount <USDC> or --all");
    const shares =
      amount === undefined ? pos.shares : await convertToShares(ctx.publicClient, { pool, assets: amount });
    if (shares > pos.shares)
      throw new NotReadyError(
        `--amount exceeds your position in pool ${poolId} (${formatAmount(pos.value)} USDC): use --all or a smaller amount`,
      );
    await ctx.confirm(`request the redemption of ${shares} shares of pool ${poolId}`);
    const r = await requestRedeem(ctx.wallet, { pool, shares });
    output(
      values.json,
      { action: "request", poolId, shares, assets: r.assets, claimableAt: r.claimableAt, tx: r.hash },
      () =>
        `requested ${formatAmount(r.assets)} USDC (${shares} shares) from pool ${poolId}; claimable at ${formatWhen(r.claimableAt, block.timestamp)}: run again then`,
    );
    return 0;
  },
};

export default withdraw;
