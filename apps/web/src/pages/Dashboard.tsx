// Dashboard: TVL, TVC and the covered share, overall and per market, with their history; the price of risk.
import { useMemo } from "react";
import { Link } from "wouter";
import { type Schemas, useMarginalRates, useMarkets, useStats } from "../api/client.ts";
import { Chart } from "../components/Chart.tsx";
import { type Column, SortableTable } from "../components/SortableTable.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { marketName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { bps, usd, usdShort, wadPct } from "../format.ts";
import { claimModeLabel, marketStateLabel } from "../markets.ts";

const toUsd = (v: string) => Number(BigInt(v) / 10_000n) / 100;

export function Dashboard() {
  const config = useConfig();
  const stats = useStats();
  const markets = useMarkets();
  const rates = useMarginalRates(markets.data);
  const history = stats.data?.history;
  const chart = useMemo(() => {
    if (!history) return undefined;
    return {
      times: history.map((p) => p.timestamp),
      values: [
        { label: "TVL", values: history.map((p) => toUsd(p.tvl)), color: "#2563eb" },
        { label: "TVC", values: history.map((p) => toUsd(p.tvc)), color: "#d97706" },
      ],
      share: [
        {
          label: "Covered share",
          values: history.map((p) => Number(BigInt(p.utilisationWad) / 10n ** 12n) / 1e4),
          color: "#059669",
        },
      ],
    };
  }, [history]);

  if (stats.error) return <ErrorNote error={stats.error} />;
  if (!stats.data) return <Loading what="protocol figures" />;
  const s = stats.data;

  const columns: Column<Schemas["Market"]>[] = [
    {
      key: "name",
      label: "Market",
      render: (m) => <Link href={`/markets/${m.id}`}>{marketName(config, m.id)}</Link>,
      sort: (m) => marketName(config, m.id),
    },
    {
      key: "rate",
      label: "Annual rate now",
      numeric: true,
      render: (m) => {
        const r = rates.data?.get(m.id);
        return r === undefined ? "–" : bps(r);
      },
      sort: (m) => rates.data?.get(m.id) ?? Number.POSITIVE_INFINITY,
    },
    {
      key: "tvc",
      label: "Covered (TVC)",
      numeric: true,
      render: (m) => usd(m.tvc, 0),
      sort: (m) => toUsd(m.tvc),
    },
    {
      key: "capacity",
      label: "Capacity",
      numeric: true,
      render: (m) => usd(m.capacity, 0),
      sort: (m) => toUsd(m.capacity),
    },
    {
      key: "free",
      label: "Free",
      numeric: true,
      render: (m) => usd(m.freeCapacity, 0),
      sort: (m) => toUsd(m.freeCapacity),
    },
    {
      key: "utilisation",
      label: "Utilisation",
      numeric: true,
      render: (m) => pct(utilisation(m)),
      sort: (m) => utilisation(m),
    },
    { key: "claims", label: "Claims", render: (m) => claimModeLabel(m.claimMode) },
    { key: "state", label: "State", render: (m) => marketStateLabel(m) },
  ];

  return (
    <>
      <h1>Backstop</h1>
      <p className="lede">
        Cover backed by uncorrelated stablecoin capital. Figures are live at block{" "}
        <span data-testid="head-block">{s.blockNumber}</span>.
      </p>
      <section className="cards" aria-label="Protocol totals">
        <Figure label="Total value locked" value={usd(s.tvl)} testId="tvl" hint="LP capital in the pools" />
        <Figure label="Total value covered" value={usd(s.tvc)} testId="tvc" hint="Cover in force" />
        <Figure
          label="Covered share"
          value={wadPct(s.utilisationWad)}
          testId="covered-share"
          hint="TVC as a share of TVL"
        />
      </section>
      {chart && (
        <section className="charts" aria-label="History">
          <Chart title="TVL and TVC (USDC)" times={chart.times} series={chart.values} />
          <Chart
            title="Covered share (TVC / TVL)"
            times={chart.times}
            series={chart.share}
            format={(v) => `${v.toFixed(1)}%`}
          />
        </section>
      )}
      <h2>The price of risk</h2>
      <p>
        A premium is a public signal: what underwriters charge now, per year, to cover each protocol. Sort by
        any column.
      </p>
      {markets.error && <ErrorNote error={markets.error} />}
      {markets.data && (
        <SortableTable
          caption={`${markets.data.length} markets · TVC ${usdShort(s.tvc)} USDC`}
          rows={markets.data}
          columns={columns}
          rowKey={(m) => String(m.id)}
          initialSort="rate"
          testId="price-of-risk"
        />
      )}
    </>
  );
}

function utilisation(m: Schemas["Market"]): number {
  const cap = BigInt(m.capacity);
  if (cap === 0n) return 0;
  return Number(((cap - BigInt(m.freeCapacity)) * 1_000_000n) / cap) / 1e4;
}

const pct = (v: number) => `${v.toFixed(2)}%`;

function Figure(props: { label: string; value: string; hint: string; testId: string }) {
  return (
    <div className="card">
      <div className="label">{props.label}</div>
      <div className="value" data-testid={props.testId}>
        {props.value}
      </div>
      <div className="hint">{props.hint}</div>
    </div>
  );
}
