// Markets: every market with its claim mode, state, cover in force and capacity; a Buy link when on sale.
import { Link } from "wouter";
import { type Schemas, useMarkets } from "../api/client.ts";
import { type Column, SortableTable } from "../components/SortableTable.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { marketName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { usd } from "../format.ts";
import { claimModeLabel, isOnSale, marketStateLabel } from "../markets.ts";

const units = (v: string) => Number(BigInt(v) / 10_000n) / 100;

export default function Markets() {
  const config = useConfig();
  const markets = useMarkets();
  if (markets.error) return <ErrorNote error={markets.error} />;
  if (!markets.data) return <Loading what="markets" />;

  const columns: Column<Schemas["Market"]>[] = [
    {
      key: "name",
      label: "Market",
      render: (m) => <Link href={`/markets/${m.id}`}>{marketName(config, m.id)}</Link>,
      sort: (m) => marketName(config, m.id),
    },
    { key: "mode", label: "Claims", render: (m) => claimModeLabel(m.claimMode), sort: (m) => m.claimMode },
    {
      key: "state",
      label: "State",
      render: (m) => <span data-testid="market-state">{marketStateLabel(m)}</span>,
      sort: (m) => marketStateLabel(m),
    },
    {
      key: "tvc",
      label: "Covered (TVC)",
      numeric: true,
      render: (m) => usd(m.tvc),
      sort: (m) => units(m.tvc),
    },
    {
      key: "capacity",
      label: "Capacity",
      numeric: true,
      render: (m) => usd(m.capacity),
      sort: (m) => units(m.capacity),
    },
    {
      key: "free",
      label: "Free",
      numeric: true,
      render: (m) => usd(m.freeCapacity),
      sort: (m) => units(m.freeCapacity),
    },
    {
      key: "buy",
      label: "Cover",
      render: (m) =>
        isOnSale(m) ? (
          <Link href={`/buy?market=${m.id}`} aria-label={`Buy cover on ${marketName(config, m.id)}`}>
            Buy
          </Link>
        ) : (
          <span className="muted">not on sale</span>
        ),
    },
  ];

  return (
    <>
      <h1>Markets</h1>
      <p className="lede">
        What each market covers, how much cover is in force and how much more its pools can write. Amounts in
        USDC.
      </p>
      <SortableTable
        caption={`${markets.data.length} markets`}
        rows={markets.data}
        columns={columns}
        rowKey={(m) => String(m.id)}
        initialSort="tvc"
        testId="markets"
      />
    </>
  );
}
