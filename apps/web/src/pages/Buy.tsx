// Buy cover: pick a market, an amount and a period; a live quote (from the API) shows the premium and how it
// splits across pools. Before signing, the price is re-checked at the chain head against the buyer's maximum.
import { buyCover, formatError, quoteOnchain } from "@backstop/sdk";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { formatUnits } from "viem";
import { usePublicClient } from "wagmi";
import { Link, useSearch } from "wouter";
import { fetchQuote, type Schemas, useApi, useMarkets } from "../api/client.ts";
import { InsuredDeposit } from "../components/InsuredDeposit.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { TextField } from "../components/TextField.tsx";
import { marketName, poolName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { bps, DECIMALS, parseAmount, usd } from "../format.ts";
import { isOnSale, marketStateLabel } from "../markets.ts";
import { useTx } from "../tx.tsx";

const DAY = 86_400;

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The default maximum: the quoted total plus 1% slippage, rounded up to the cent. */
function withSlippage(total: bigint): bigint {
  const cent = 10n ** BigInt(DECIMALS - 2);
  const max = (total * 101n + 99n) / 100n;
  return ((max + cent - 1n) / cent) * cent;
}

export default function Buy() {
  const config = useConfig();
  const api = useApi();
  const client = usePublicClient();
  const { run, blocker } = useTx();
  const markets = useMarkets();
  const search = new URLSearchParams(useSearch());
  const [marketId, setMarketId] = useState(() => Number(search.get("market") ?? 0) || undefined);
  const [amountText, setAmountText] = useState("");
  const [daysText, setDaysText] = useState("30");
  const [maxText, setMaxText] = useState<string | undefined>(undefined);
  const [payWith, setPayWith] = useState<"permit" | "approve">("permit");
  const [refusal, setRefusal] = useState<string | undefined>();
  const [bought, setBought] = useState<{ policyId: bigint; premium: bigint } | undefined>();
  const [busy, setBusy] = useState(false);
  const ids = { amount: useId(), period: useId(), max: useId() };

  const market = markets.data?.find((m) => m.id === marketId) ?? markets.data?.[0];
  const amount = parseAmount(amountText);
  const days = /^\d+$/.test(daysText.trim()) ? Number(daysText) : undefined;
  const period = days === undefined ? undefined : days * DAY;
  const periodError =
    market && period !== undefined && (period < market.minPeriod || period > market.maxPeriod)
      ? `The period must be between ${Math.ceil(market.minPeriod / DAY)} and ${Math.floor(market.maxPeriod / DAY)} days.`
      : days === undefined && daysText !== ""
        ? "Enter the period as a whole number of days."
        : undefined;
  const amountError =
    amountText !== "" && (amount === undefined || amount === 0n) ? "Enter an amount in USDC." : undefined;
  const args =
    market && amount && amount > 0n && period !== undefined && !periodError
      ? { market: market.id, amount, period }
      : undefined;
  const settled = useDebounced(args, 150);
  const quote = useQuery({
    queryKey: ["quote", settled?.market, settled?.amount.toString(), settled?.period],
    enabled: settled !== undefined,
    queryFn: () => fetchQuote(api, settled as NonNullable<typeof settled>),
    // The previous quote stays on screen (tagged with its amount) until the new one arrives.
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const q = args ? quote.data : undefined;
  // The quote on screen is for what the form says now (not a previous amount still shown while typing).
  const current =
    q !== undefined &&
    args !== undefined &&
    q.marketId === args.market &&
    q.amount === args.amount.toString() &&
    q.period === args.period;
  const defaultMax = q ? withSlippage(BigInt(q.total)) : undefined;
  const maxPremium = maxText === undefined ? defaultMax : maxText === "" ? undefined : parseAmount(maxText);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setRefusal(undefined);
    setBought(undefined);
    if (!market || !args || !q || !current) return;
    if (!isOnSale(market))
      return setRefusal(
        `${marketName(config, market.id)} is ${marketStateLabel(market)}: cover is not on sale.`,
      );
    if (maxPremium === undefined) return setRefusal("Enter the most you will pay as the max premium.");
    if (blocker) return setRefusal(blocker);
    if (!client) return setRefusal("The chain is not reachable.");
    setBusy(true);
    try {
      // The price at the chain head, over the quote's pool order (what buyCover will fill greedily).
      const now = await quoteOnchain(client, {
        poolLens: config.deployment.poolLens,
        marketId: BigInt(args.market),
        amount: args.amount,
        period: BigInt(args.period),
        pools: q.pools,
      });
      if (now.filled < args.amount)
        return setRefusal(
          `Only ${usd(now.filled)} USDC of cover is available now: reduce the amount to at most that.`,
        );
      if (now.premium > maxPremium)
        return setRefusal(
          `The premium moved to ${usd(now.premium)} USDC, above your maximum ${usd(maxPremium)} USDC: raise the maximum or reduce the amount.`,
        );
      const result = await run("Buy cover", (wallet) =>
        buyCover(wallet, {
          coverManager: config.deployment.coverManager,
          marketId: BigInt(args.market),
          amount: args.amount,
          period: BigInt(args.period),
          pools: q.pools,
          maxPremium,
          permit: payWith === "permit",
        }),
      );
      if (result) setBought({ policyId: result.policyId, premium: result.premium + result.commission });
    } catch (err) {
      setRefusal(formatError(err));
    } finally {
      setBusy(false);
    }
  }

  if (markets.error) return <ErrorNote error={markets.error} />;
  if (!markets.data) return <Loading what="markets" />;
  const onSale = market ? isOnSale(market) : false;

  return (
    <>
      <h1>Buy cover</h1>
      <form className="form panel" onSubmit={submit} aria-label="Buy cover">
        <label>
          Market
          <select
            value={market?.id ?? ""}
            onChange={(e) => {
              setMarketId(Number(e.target.value));
              setMaxText(undefined);
            }}
          >
            {markets.data.map((m) => (
              <option key={m.id} value={m.id}>
                {marketName(config, m.id)}
                {isOnSale(m) ? "" : ` (${marketStateLabel(m)}: not on sale)`}
              </option>
            ))}
          </select>
        </label>
        {market && !onSale && (
          <p className="error" role="alert">
            {marketName(config, market.id)} is {marketStateLabel(market)}: cover is not on sale until it is
            active again.
          </p>
        )}
        <div className="row">
          <TextField
            label="Amount (USDC)"
            value={amountText}
            onChange={setAmountText}
            invalid={amountError !== undefined}
            describedBy={amountError ? `${ids.amount}-error` : undefined}
          />
          <TextField
            label="Period (days)"
            mode="numeric"
            value={daysText}
            onChange={setDaysText}
            invalid={periodError !== undefined}
            describedBy={`${ids.period}-hint`}
          />
        </div>
        {market && (
          <p className="muted" id={`${ids.period}-hint`}>
            This market sells {Math.ceil(market.minPeriod / DAY)} to {Math.floor(market.maxPeriod / DAY)} days
            of cover; {usd(market.freeCapacity)} USDC is free.
          </p>
        )}
        {amountError && (
          <p className="error" id={`${ids.amount}-error`}>
            {amountError}
          </p>
        )}
        {periodError && <p className="error">{periodError}</p>}

        {args && <QuoteView quote={q} pending={quote.isFetching} error={quote.error} amount={args.amount} />}

        <TextField
          label="Max premium (USDC)"
          value={maxText ?? (defaultMax === undefined ? "" : formatUnits(defaultMax, DECIMALS))}
          onChange={setMaxText}
          describedBy={`${ids.max}-hint`}
        />
        <p className="muted" id={`${ids.max}-hint`}>
          The most you pay, commission included; the purchase fails rather than pay more. Default: the quote
          plus 1%.{" "}
          {maxText !== undefined && (
            <button type="button" className="secondary" onClick={() => setMaxText(undefined)}>
              Use the default
            </button>
          )}
        </p>
        <fieldset>
          <legend>Pay with</legend>
          <label className="inline">
            <input
              type="radio"
              name="pay"
              value="permit"
              checked={payWith === "permit"}
              onChange={() => setPayWith("permit")}
            />
            Permit (one signature, no approval transaction)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="pay"
              value="approve"
              checked={payWith === "approve"}
              onChange={() => setPayWith("approve")}
            />
            Approve (an approval transaction first, when needed)
          </label>
        </fieldset>
        {blocker && <p className="muted">{blocker}</p>}
        <div className="row">
          <button type="submit" disabled={busy || !onSale || !current || q.filled !== q.amount}>
            {busy ? "Buying…" : "Buy cover"}
          </button>
        </div>
        {refusal && (
          <p className="error" role="alert" data-testid="buy-refusal">
            {refusal}
          </p>
        )}
        {bought && (
          <p className="ok" role="status" data-testid="bought">
            Policy <strong data-testid="policy-id">#{bought.policyId.toString()}</strong> is yours: you paid{" "}
            <span data-testid="paid-premium">{usd(bought.premium)}</span> USDC.{" "}
            <Link href="/policies">See your policies</Link>.
          </p>
        )}
      </form>
      <InsuredDeposit />
    </>
  );
}

function QuoteView(props: {
  quote: Schemas["Quote"] | undefined;
  pending: boolean;
  error: unknown;
  amount: bigint;
}) {
  const config = useConfig();
  const { quote: q } = props;
  if (props.error) return <ErrorNote error={props.error} />;
  if (!q) return <Loading what="the quote" />;
  const short = BigInt(q.filled) < BigInt(q.amount);
  return (
    <section className="quote" aria-label="Quote" aria-busy={props.pending}>
      <dl className="terms">
        <dt>Premium</dt>
        <dd>{usd(q.premium)} USDC</dd>
        <dt>Commission</dt>
        <dd>{usd(q.commission)} USDC</dd>
        <dt>Total premium</dt>
        <dd>
          <strong data-testid="quote-premium" data-amount={q.amount} data-total={q.total}>
            {usd(q.total)}
          </strong>{" "}
          USDC
        </dd>
        <dt>Annual rate</dt>
        <dd>{bps(q.annualRateBps)}</dd>
      </dl>
      {short && (
        <p className="error" role="alert">
          Not enough capacity: the pools can cover {usd(q.filled)} of the {usd(q.amount)} USDC asked. Reduce
          the amount to at most {usd(q.filled)}.
        </p>
      )}
      {q.allocation.length > 0 && (
        <ScrollRegion label="Premium split">
          <table>
            <caption>How the premium splits across pools</caption>
            <thead>
              <tr>
                <th scope="col">Pool</th>
                <th scope="col" className="num">
                  Cover
                </th>
                <th scope="col" className="num">
                  Premium
                </th>
              </tr>
            </thead>
            <tbody>
              {q.allocation.map((s) => (
                <tr key={s.poolId}>
                  <td>{poolName(config, s.poolId)}</td>
                  <td className="num">{usd(s.amount)}</td>
                  <td className="num">{usd(s.premium)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
