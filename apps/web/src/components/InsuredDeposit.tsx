// Insure a vault deposit: deposit into the demo ERC-4626 yield vault and buy cover for the position in one
// transaction, through the InsuredRouter. A deposit without cover is the vault's business, not this app's.
import { insuredDeposit } from "@backstop/sdk";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link } from "wouter";
import { fetchQuote, useApi } from "../api/client.ts";
import { marketName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { parseAmount, usd } from "../format.ts";
import { useTx } from "../tx.tsx";
import { ErrorNote } from "./Status.tsx";
import { TextField } from "./TextField.tsx";

/** The market that covers the demo vault's stablecoin position. */
const MARKET = 3;

export function InsuredDeposit() {
  const config = useConfig();
  const api = useApi();
  const { run, blocker } = useTx();
  const router = config.deployment.seed?.periphery?.router;
  const vault = config.deployment.seed?.periphery?.yieldVaults?.demo;
  const [insure, setInsure] = useState(false);
  const [amountText, setAmountText] = useState("");
  const [daysText, setDaysText] = useState("30");
  const [done, setDone] = useState<{ policyId: bigint; premium: bigint } | undefined>();
  const titleId = useId();
  const amount = parseAmount(amountText);
  const days = /^\d+$/.test(daysText.trim()) ? Number(daysText) : undefined;
  const args =
    insure && amount && amount > 0n && days ? { market: MARKET, amount, period: days * 86_400 } : undefined;
  const quote = useQuery({
    queryKey: ["insured-quote", args?.amount.toString(), args?.period],
    enabled: args !== undefined,
    queryFn: () => fetchQuote(api, args as NonNullable<typeof args>),
  });
  if (!router || !vault) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const q = quote.data;
    if (!args || !q || !router || !vault) return;
    setDone(undefined);
    const result = await run("Insured deposit", (wallet) =>
      insuredDeposit(wallet, {
        router,
        vault,
        assets: args.amount,
        marketId: BigInt(MARKET),
        period: BigInt(args.period),
        pools: q.pools,
        // The cover is the shares' value, about the deposit: 1% over the quote absorbs the difference.
        maxPremium: (BigInt(q.total) * 101n) / 100n + 1n,
      }),
    );
    if (result) setDone({ policyId: result.policyId, premium: result.premium });
  }

  return (
    <section className="panel form" aria-labelledby={titleId}>
      <h2 id={titleId}>Insure a vault deposit</h2>
      <p>
        Deposit USDC into the demo yield vault and cover the position on {marketName(config, MARKET)}, in one
        transaction.
      </p>
      <form className="form" onSubmit={submit} aria-label="Insure a vault deposit">
        <label className="inline">
          <input type="checkbox" checked={insure} onChange={(e) => setInsure(e.target.checked)} />
          Insure this deposit
        </label>
        {!insure && (
          <p className="muted">Without cover, deposit in the vault directly: nothing to do here.</p>
        )}
        {insure && (
          <>
            <div className="row">
              <TextField label="Deposit (USDC)" value={amountText} onChange={setAmountText} />
              <TextField label="Cover period (days)" mode="numeric" value={daysText} onChange={setDaysText} />
            </div>
            {quote.error && <ErrorNote error={quote.error} />}
            {args && quote.data && (
              <p data-testid="insured-quote">
                Cover premium about {usd(quote.data.total)} USDC
                {BigInt(quote.data.filled) < args.amount
                  ? `: not enough capacity, ${usd(quote.data.filled)} USDC available`
                  : ""}
                .
              </p>
            )}
            {blocker && <p className="muted">{blocker}</p>}
            <div className="row">
              <button
                type="submit"
                disabled={!args || !quote.data || BigInt(quote.data.filled) < (args?.amount ?? 0n)}
              >
                Deposit and insure
              </button>
            </div>
          </>
        )}
        {done && (
          <p className="ok" role="status" data-testid="insured-done">
            Deposited: policy <strong data-testid="insured-policy-id">#{done.policyId.toString()}</strong>{" "}
            covers the position, for a premium of {usd(done.premium)} USDC.{" "}
            <Link href="/policies">See your policies</Link>.
          </p>
        )}
      </form>
    </section>
  );
}
