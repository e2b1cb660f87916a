// One market: its terms in plain words, its correlation groups, its trigger's live state and why, and the pools
// behind it. The trigger is read from the chain (SDK reads); the rest comes from the API.
import { readPegTrigger, readTrigger } from "@backstop/sdk";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type Address, formatUnits } from "viem";
import { usePublicClient } from "wagmi";
import { Link } from "wouter";
import { type Schemas, useMarket } from "../api/client.ts";
import { useMarketHistory } from "../api/history.ts";
import { Chart } from "../components/Chart.tsx";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { groupNames, marketKind, marketName, poolName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { bps, date, duration, shortAddress, usd, wadPct } from "../format.ts";
import { claimModeLabel, isOnSale, marketStateLabel, termsInWords } from "../markets.ts";

export default function Market({ id }: { id: number }) {
  const config = useConfig();
  const market = useMarket(id);
  if (market.error) return <ErrorNote error={market.error} />;
  if (!market.data) return <Loading what="the market" />;
  const m = market.data;
  const kind = marketKind(config, id);
  const groups = groupNames(config, BigInt(m.groups));
  return (
    <>
      <h1>{marketName(config, id)}</h1>
      <p className="lede">
        Market {id} · {claimModeLabel(m.claimMode)} claims · <strong>{marketStateLabel(m)}</strong>
      </p>
      <p>
        {isOnSale(m) ? (
          <Link href={`/buy?market=${id}`}>Buy cover on this market</Link>
        ) : (
          <span className="muted">Cover is not on sale while the market is {marketStateLabel(m)}.</span>
        )}
      </p>
      <section className="panel" aria-labelledby="terms">
        <h2 id="terms">Terms</h2>
        <ul>
          {termsInWords(m, kind).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <dl className="terms">
          <dt>Base rate</dt>
          <dd>{bps(m.baseRateBps)} a year</dd>
          <dt>Correlation groups</dt>
          <dd>{groups.length > 0 ? groups.join(", ") : "none"}</dd>
          <dt>Covered (TVC)</dt>
          <dd>{usd(m.tvc)} USDC</dd>
          <dt>Capacity</dt>
          <dd>
            {usd(m.capacity)} USDC ({usd(m.freeCapacity)} free)
          </dd>
        </dl>
      </section>
      <History id={id} />
      {m.trigger && <Trigger trigger={m.trigger as Address} />}
      <Backers backers={m.backers} />
    </>
  );
}

/** Cover in force and capacity, hourly (the last point is live). */
function History({ id }: { id: number }) {
  const history = useMarketHistory(id);
  const chart = useMemo(() => {
    const points = history.data;
    if (!points) return undefined;
    const toUsd = (v: string) => Number(BigInt(v) / 10_000n) / 100;
    return {
      times: points.map((p) => p.timestamp),
      series: [
        { label: "Covered", values: points.map((p) => toUsd(p.tvc)), color: "#d97706" },
        { label: "Capacity", values: points.map((p) => toUsd(p.capacity)), color: "#2563eb" },
      ],
    };
  }, [history.data]);
  if (history.error) return <ErrorNote error={history.error} />;
  if (!chart) return null;
  return <Chart title="Covered and capacity (USDC), hourly" times={chart.times} series={chart.series} />;
}

/** The trigger's state now, read at the chain head, and the observations that explain it. */
function Trigger({ trigger }: { trigger: Address }) {
  const client = usePublicClient();
  const read = useQuery({
    queryKey: ["trigger", trigger],
    enabled: client !== undefined,
    queryFn: async () => {
      if (!client) throw new Error("no chain client");
      const base = await readTrigger(client, { trigger });
      const peg = base.kind === "peg" ? await readPegTrigger(client, { trigger }) : undefined;
      return { ...base, peg };
    },
    refetchInterval: 2_000,
  });
  return (
    <section className="panel" aria-labelledby="trigger">
      <h2 id="trigger">Trigger</h2>
      {read.error && <ErrorNote error={read.error} />}
      {!read.data && !read.error && <Loading what="the trigger" />}
      {read.data && (
        <>
          <p>
            State now: <strong data-testid="trigger-state">{read.data.state}</strong> ({read.data.kind}{" "}
            trigger{" "}
            <span className="hash" title={trigger}>
              {shortAddress(trigger)}
            </span>
            )
          </p>
          {read.data.state === "TRIGGERED" && (
            <p>
              It fired for an incident at {date(Number(read.data.incidentTime))}, paying{" "}
              {wadPct(read.data.payoutWad)} of the cover.
            </p>
          )}
          {read.data.peg && <PegDetails peg={read.data.peg} />}
          {!read.data.peg && read.data.state === "ACTIVE" && (
            <p className="muted">No incident reported: the trigger has not been asserted or fired.</p>
          )}
          {!read.data.peg && read.data.state === "FROZEN" && (
            <p>An incident is being asserted: new cover is not sold until it is resolved.</p>
          )}
        </>
      )}
    </section>
  );
}

type Peg = NonNullable<Awaited<ReturnType<typeof readPegTrigger>>>;

function PegDetails({ peg }: { peg: Peg }) {
  const price = (v: bigint) => `$${Number(formatUnits(v, peg.decimals)).toFixed(4)}`;
  const ends = peg.candidateTime + peg.window;
  return (
    <>
      <p>{pegWhy(peg, price)}</p>
      <dl className="terms">
        <dt>Trigger price</dt>
        <dd>{price(peg.triggerPrice)}: a consensus below it opens a candidate</dd>
        <dt>Recovery price</dt>
        <dd>{price(peg.recoveryPrice)}: a consensus at or above it cancels the candidate</dd>
        <dt>Window</dt>
        <dd>{duration(Number(peg.window))} under the recovery price after a candidate opens fires it</dd>
        <dt>Consensus now</dt>
        <dd>
          {peg.observation.freshFeeds > 0n
            ? `${price(peg.observation.priceHigh)} (${peg.observation.freshFeeds} of ${peg.feeds.length} feeds fresh, ${peg.minFreshFeeds} needed)`
            : `no fresh feed (${peg.minFreshFeeds} needed)`}
        </dd>
        {peg.candidateTime > 0n && (
          <>
            <dt>Candidate start</dt>
            <dd>{date(Number(peg.candidateTime))}: when the price first went below the trigger price</dd>
            <dt>Window completes</dt>
            <dd>
              {ends > peg.timestamp
                ? `in ${duration(Number(ends - peg.timestamp))} (${date(Number(ends))})`
                : "now: the next observation still below the recovery price fires the trigger"}
            </dd>
          </>
        )}
      </dl>
      <ScrollRegion label="Price feeds">
        <table>
          <caption>Price feeds</caption>
          <thead>
            <tr>
              <th scope="col">Feed</th>
              <th scope="col" className="num">
                Price
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {peg.feeds.map((f) => (
              <tr key={f.feed}>
                <td className="hash" title={f.feed}>
                  {shortAddress(f.feed)}
                </td>
                <td className="num" data-testid="feed-price" data-answer={f.answer?.toString()}>
                  {f.answer === undefined ? "cannot be read" : price(f.answer)}
                </td>
                <td>{f.updatedAt === undefined ? "–" : date(Number(f.updatedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/** One sentence: why the trigger is in its state. */
function pegWhy(peg: Peg, price: (v: bigint) => string): string {
  if (peg.state === "TRIGGERED") return "The price stayed below the trigger price for the whole window.";
  if (peg.state === "FROZEN")
    return `The price went below ${price(peg.triggerPrice)}: if it does not recover to ${price(peg.recoveryPrice)} within ${duration(Number(peg.window))}, the trigger fires and every policy pays.`;
  if (peg.observation.freshFeeds < peg.minFreshFeeds)
    return "Too few feeds are fresh to observe a price: the trigger waits.";
  return `The price is at or above the trigger price of ${price(peg.triggerPrice)}: no de-peg under way.`;
}

function Backers({ backers }: { backers: Schemas["MarketDetail"]["backers"] }) {
  const config = useConfig();
  return (
    <section aria-labelledby="pools">
      <h2 id="pools">Pools behind it</h2>
      <ScrollRegion label="Pools behind it">
        <table data-testid="backers">
          <caption>{backers.length} pools · amounts in USDC</caption>
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col">Rate curve (by use)</th>
              <th scope="col" className="num">
                Capacity
              </th>
              <th scope="col" className="num">
                Exposure
              </th>
              <th scope="col" className="num">
                Free
              </th>
              <th scope="col" className="num">
                Utilisation
              </th>
              <th scope="col" className="num">
                Premium written
              </th>
            </tr>
          </thead>
          <tbody>
            {backers.map((b) => (
              <tr key={b.poolId}>
                <td>
                  {poolName(config, b.poolId)}
                  {b.closed ? " (closed)" : !b.listed ? " (not listed)" : ""}
                </td>
                <td className="num">{bps(b.weightBps, 0)}</td>
                <td>
                  {bps(b.curve.baseRateBps)} +{bps(b.curve.slope1Bps)} to {bps(b.curve.kinkBps, 0)}, +
                  {bps(b.curve.slope2Bps)} above
                  {b.followOracle ? " (follows the oracle)" : ""}
                </td>
                <td className="num">{usd(b.capacity)}</td>
                <td className="num">{usd(b.exposure)}</td>
                <td className="num">{usd(b.freeCapacity)}</td>
                <td className="num">{wadPct(b.utilisationWad)}</td>
                <td className="num">{usd(b.premium)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
