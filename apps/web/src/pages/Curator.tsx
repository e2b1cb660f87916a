// Curator console: the connected curator's pool configuration (per-market weight and curve, fee, leverage,
// cooldown, group caps) read from the chain, forms that change it with the SDK's configurePool, and the
// risk-increasing changes waiting out the pool's timelock: when each takes effect, and applying it once due.
import {
  configurePool,
  type GetPoolConfigReturnType,
  getPendingChanges,
  getPoolConfig,
  type PoolChange,
  type PoolChangeResult,
  type PoolMarketConfig,
} from "@backstop/sdk";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { type Address, isAddressEqual } from "viem";
import { useAccount, usePublicClient } from "wagmi";
import { LIVE, type Schemas, usePools } from "../api/client.ts";
import { usePoolDetail } from "../api/positions.ts";
import { countdown, useChainNow } from "../chainClock.ts";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { TextField } from "../components/TextField.tsx";
import { marketName, poolName } from "../config.ts";
import { type AppContext, useConfig } from "../context.tsx";
import { bps, date, duration, shortAddress } from "../format.ts";
import { useTx } from "../tx.tsx";

export default function Curator() {
  const config = useConfig();
  const { address } = useAccount();
  const pools = usePools();
  const [selected, setSelected] = useState<number>();
  const mine = address ? (pools.data ?? []).filter((p) => isAddressEqual(p.curator as Address, address)) : [];
  const pool = mine.find((p) => p.id === selected) ?? mine[0];
  return (
    <>
      <h1>Curator</h1>
      <p className="lede">
        Set what your pool backs and on what terms. Changes that add risk wait the pool's timelock (at least
        its cooldown), so LPs who disagree can leave first; the rest apply at once.
      </p>
      {pools.error && <ErrorNote error={pools.error} />}
      {!address ? (
        <p className="muted">Connect a curator's wallet to configure a pool.</p>
      ) : !pools.data ? (
        <Loading what="the pools" />
      ) : !pool ? (
        <p data-testid="not-curator">
          The connected account {shortAddress(address)} is not the curator of any pool, so there is nothing to
          configure here. Curators:{" "}
          {pools.data.map((p) => `${poolName(config, p.id)} ${shortAddress(p.curator)}`).join(", ")}.
        </p>
      ) : (
        <>
          {mine.length > 1 && (
            <label className="form">
              Pool
              <select value={pool.id} onChange={(e) => setSelected(Number(e.target.value))}>
                {mine.map((p) => (
                  <option key={p.id} value={p.id}>
                    {poolName(config, p.id)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <PoolConsole key={pool.id} pool={pool} />
        </>
      )}
    </>
  );
}

function groupName(config: AppContext, id: number): string {
  const groups = config.deployment.groups ?? config.deployment.seed?.groups ?? {};
  return Object.entries(groups).find(([, bit]) => bit === id)?.[0] ?? `group ${id}`;
}

const pct = (v: number) => bps(v, 2);
const leverage = (v: number) => `${(v / 10_000).toFixed(2)}x`;

/** "7.5" or "7.5%" as bps (750); undefined when it is not a percentage. */
function parsePct(text: string): number | undefined {
  const clean = text.trim().replace(/%$/, "").trim();
  if (!/^\d+(\.\d{0,2})?$/.test(clean)) return undefined;
  return Math.round(Number(clean) * 100);
}

function describeChange(config: AppContext, c: PoolChange): string {
  switch (c.type) {
    case "market":
      return `${marketName(config, c.marketId)}: weight ${pct(c.weightBps)}, base rate ${pct(c.curve.baseRateBps)}, slope ${pct(c.curve.slope1Bps)} to kink ${pct(c.curve.kinkBps)}, ${pct(c.curve.slope2Bps)} above${c.followOracle ? ", base from the risk oracle" : ""}`;
    case "groupCap":
      return `${groupName(config, c.groupId)} cap ${pct(c.capBps)} of capital`;
    case "params":
      return `curator fee ${pct(c.curatorFeeBps)}, leverage ${leverage(c.leverageBps)}, cooldown ${duration(c.cooldown)}`;
    case "timelock":
      return `timelock ${duration(c.timelock)}`;
  }
}

function PoolConsole({ pool }: { pool: Schemas["Pool"] }) {
  const config = useConfig();
  const client = usePublicClient();
  const detail = usePoolDetail(pool.address);
  const now = useChainNow();
  const { run, blocker } = useTx();
  const [outcome, setOutcome] = useState<PoolChangeResult[]>();
  const address = pool.address as Address;
  const chain = useQuery({
    queryKey: ["pool-config", address],
    enabled: client !== undefined,
    queryFn: () =>
      getPoolConfig(client as NonNullable<typeof client>, {
        pool: address,
        markets: config.deployment.markets,
      }),
    ...LIVE,
  });
  const pending = useQuery({
    queryKey: ["pending-changes", address],
    enabled: client !== undefined,
    queryFn: () =>
      getPendingChanges(client as NonNullable<typeof client>, {
        pool: address,
        fromBlock: BigInt(config.deployment.startBlock ?? 0),
      }),
    ...LIVE,
  });

  async function submit(label: string, changes: PoolChange[]) {
    setOutcome(undefined);
    const results = await run(label, (c) => configurePool(c, { pool: address, changes }));
    if (results) setOutcome(results);
  }

  if (chain.error) return <ErrorNote error={chain.error} />;
  if (!chain.data) return <Loading what="the pool's configuration" />;
  const c = chain.data;
  const closed = (id: bigint) => detail.data?.backing.find((b) => BigInt(b.marketId) === id)?.closed;
  return (
    <>
      <section className="panel" aria-labelledby="pool-settings">
        <h2 id="pool-settings">{poolName(config, pool.id)}</h2>
        <dl className="terms" data-testid="pool-params">
          <dt>Curator fee</dt>
          <dd data-testid="curator-fee">{pct(c.curatorFeeBps)}</dd>
          <dt>Leverage</dt>
          <dd>{leverage(c.leverageBps)} (exposure allowed per unit of capital)</dd>
          <dt>Cooldown</dt>
          <dd>{duration(c.cooldown)}</dd>
          <dt>Timelock</dt>
          <dd>
            {duration(c.timelock)}
            {c.hasShares
              ? ` (risk-increasing changes wait ${duration(Math.max(c.timelock, c.cooldown))})`
              : " (no shares yet: every change applies at once)"}
          </dd>
        </dl>
        <ScrollRegion label="Markets backed">
          <table data-testid="market-config">
            <caption>Markets backed</caption>
            <thead>
              <tr>
                <th scope="col">Market</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col">Curve (base / slope 1 to kink / slope 2)</th>
                <th scope="col">Base from oracle</th>
                <th scope="col">Listed</th>
                <th scope="col">Closed</th>
              </tr>
            </thead>
            <tbody>
              {c.markets.map((m) => (
                <tr key={String(m.marketId)}>
                  <th scope="row">{marketName(config, m.marketId)}</th>
                  <td className="num">{pct(m.weightBps)}</td>
                  <td>
                    {pct(m.curve.baseRateBps)} / {pct(m.curve.slope1Bps)} to {pct(m.curve.kinkBps)} /{" "}
                    {pct(m.curve.slope2Bps)}
                  </td>
                  <td>{m.followOracle ? "yes" : "no"}</td>
                  <td>{m.listed ? "yes" : "no"}</td>
                  <td>{closed(m.marketId) === undefined ? "…" : closed(m.marketId) ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <ScrollRegion label="Group caps">
          <table>
            <caption>Group caps (share of capital the group's markets may book together)</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col" className="num">
                  Cap
                </th>
              </tr>
            </thead>
            <tbody>
              {c.groupCaps
                .filter((g) => g.capBps > 0)
                .map((g) => (
                  <tr key={g.groupId}>
                    <th scope="row">{groupName(config, g.groupId)}</th>
                    <td className="num">{pct(g.capBps)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section className="panel" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting for the timelock</h2>
        {pending.error && <ErrorNote error={pending.error} />}
        {pending.data?.length === 0 && <p className="muted">No change is waiting.</p>}
        <ul className="pending">
          {pending.data?.map((p) => {
            const at = Number(p.executableAt);
            const due = now !== undefined && at <= now && !p.expired;
            return (
              <li key={p.changeId} data-testid="pending-change">
                <p>{describeChange(config, p.change)}</p>
                {p.expired ? (
                  <p className="muted">
                    Expired: it was not applied in time; save it again to queue it afresh.
                  </p>
                ) : (
                  <p>
                    Takes effect from {date(at)} ({due ? "due now" : countdown(at, now)}).
                  </p>
                )}
                <button
                  type="button"
                  disabled={!due || blocker !== undefined}
                  onClick={() => submit(`Apply ${describeChange(config, p.change)}`, [p.change])}
                >
                  Apply
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="panel" aria-labelledby="change-heading">
        <h2 id="change-heading">Change the configuration</h2>
        {blocker && <p className="muted">{blocker}</p>}
        {outcome && (
          <div role="status" data-testid="configure-outcome">
            {outcome.map((r) => (
              <Outcome key={r.changeId} result={r} now={now} />
            ))}
          </div>
        )}
        <MarketForm
          markets={c.markets}
          onSubmit={(ch) => submit(`Update ${describeChange(config, ch)}`, [ch])}
        />
        <ParamsForm current={c} onSubmit={(ch) => submit(`Update ${describeChange(config, ch)}`, [ch])} />
        <CapForm current={c} onSubmit={(ch) => submit(`Update ${describeChange(config, ch)}`, [ch])} />
      </section>
    </>
  );
}

function Outcome({ result, now }: { result: PoolChangeResult; now: number | undefined }) {
  const config = useConfig();
  const what = describeChange(config, result.change);
  if (result.status === "applied") return <p className="ok">Applied: {what}.</p>;
  const at = Number(result.executableAt ?? 0n);
  return (
    <p>
      {result.status === "queued" ? "Queued" : "Already waiting"}: {what}. It takes effect from {date(at)} (
      {countdown(at, now)}), once you apply it from the list above.
    </p>
  );
}

function PctInput(props: { label: string; value: string; onChange: (v: string) => void }) {
  return <TextField size={7} {...props} />;
}

const pctText = (v: number) => String(v / 100);

function MarketForm(props: { markets: PoolMarketConfig[]; onSubmit: (c: PoolChange) => void }) {
  const config = useConfig();
  const [id, setId] = useState(props.markets[0]?.marketId);
  const current = props.markets.find((m) => m.marketId === id);
  if (!current) return null;
  return (
    <MarketFields
      key={String(id)}
      current={current}
      picker={
        <label>
          Market
          <select value={String(id)} onChange={(e) => setId(BigInt(e.target.value))}>
            {props.markets.map((m) => (
              <option key={String(m.marketId)} value={String(m.marketId)}>
                {marketName(config, m.marketId)}
              </option>
            ))}
          </select>
        </label>
      }
      onSubmit={props.onSubmit}
    />
  );
}

/** The market's fields, filled with its current terms (re-mounted when another market is picked). */
function MarketFields(props: {
  current: PoolMarketConfig;
  picker: ReactNode;
  onSubmit: (c: PoolChange) => void;
}) {
  const { current } = props;
  const [v, setV] = useState({
    weight: pctText(current.weightBps),
    base: pctText(current.curve.baseRateBps),
    slope1: pctText(current.curve.slope1Bps),
    kink: pctText(current.curve.kinkBps),
    slope2: pctText(current.curve.slope2Bps),
  });
  const [oracle, setOracle] = useState(current.followOracle);
  const [error, setError] = useState<string>();
  const set = (k: keyof typeof v) => (value: string) => setV({ ...v, [k]: value });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const [weightBps, baseRateBps, slope1Bps, kinkBps, slope2Bps] = [
      v.weight,
      v.base,
      v.slope1,
      v.kink,
      v.slope2,
    ].map(parsePct);
    if ([weightBps, baseRateBps, slope1Bps, kinkBps, slope2Bps].some((x) => x === undefined))
      return setError("Enter each figure as a percentage, e.g. 30 or 2.5.");
    setError(undefined);
    props.onSubmit({
      type: "market",
      marketId: current.marketId,
      weightBps: weightBps as number,
      curve: {
        baseRateBps: baseRateBps as number,
        slope1Bps: slope1Bps as number,
        slope2Bps: slope2Bps as number,
        kinkBps: kinkBps as number,
      },
      followOracle: oracle,
    });
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="market-form">
      <h3 id="market-form">Market terms</h3>
      {props.picker}
      <div className="row">
        <PctInput label="Weight (%)" value={v.weight} onChange={set("weight")} />
        <PctInput label="Base rate (%)" value={v.base} onChange={set("base")} />
        <PctInput label="Slope 1 (%)" value={v.slope1} onChange={set("slope1")} />
        <PctInput label="Kink (%)" value={v.kink} onChange={set("kink")} />
        <PctInput label="Slope 2 (%)" value={v.slope2} onChange={set("slope2")} />
      </div>
      <label style={{ flexDirection: "row", alignItems: "center" }}>
        <input type="checkbox" checked={oracle} onChange={(e) => setOracle(e.target.checked)} />
        Take the base rate from the risk oracle
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Save market terms</button>
    </form>
  );
}

function ParamsForm(props: { current: GetPoolConfigReturnType; onSubmit: (c: PoolChange) => void }) {
  const { current } = props;
  const [fee, setFee] = useState(pctText(current.curatorFeeBps));
  const [lev, setLev] = useState(String(current.leverageBps / 10_000));
  const [days, setDays] = useState(String(current.cooldown / 86_400));
  const [error, setError] = useState<string>();
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const curatorFeeBps = parsePct(fee);
    const leverageX = Number(lev);
    const cooldownDays = Number(days);
    if (curatorFeeBps === undefined) return setError("Enter the curator fee as a percentage, e.g. 15.");
    if (!(leverageX > 0)) return setError("Enter the leverage as a multiple above zero, e.g. 3.");
    if (!(cooldownDays >= 0)) return setError("Enter the cooldown in days, e.g. 7.");
    setError(undefined);
    props.onSubmit({
      type: "params",
      curatorFeeBps,
      leverageBps: Math.round(leverageX * 10_000),
      cooldown: Math.round(cooldownDays * 86_400),
      gate: current.gate,
    });
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="params-form">
      <h3 id="params-form">Fee, leverage and cooldown</h3>
      <div className="row">
        <PctInput label="Curator fee (%)" value={fee} onChange={setFee} />
        <PctInput label="Leverage (x)" value={lev} onChange={setLev} />
        <PctInput label="Cooldown (days)" value={days} onChange={setDays} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Save parameters</button>
    </form>
  );
}

function CapForm(props: { current: GetPoolConfigReturnType; onSubmit: (c: PoolChange) => void }) {
  const config = useConfig();
  const caps = props.current.groupCaps;
  const [groupId, setGroupId] = useState(caps.find((g) => g.capBps > 0)?.groupId ?? 0);
  const [cap, setCap] = useState("");
  const [error, setError] = useState<string>();
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const capBps = parsePct(cap);
    if (capBps === undefined) return setError("Enter the cap as a percentage of capital, e.g. 40.");
    setError(undefined);
    props.onSubmit({ type: "groupCap", groupId, capBps });
  }
  const current = caps.find((g) => g.groupId === groupId)?.capBps ?? 0;
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="cap-form">
      <h3 id="cap-form">Group cap</h3>
      <div className="row">
        <label>
          Group
          <select value={groupId} onChange={(e) => setGroupId(Number(e.target.value))}>
            {caps.map((g) => (
              <option key={g.groupId} value={g.groupId}>
                {groupName(config, g.groupId)}
              </option>
            ))}
          </select>
        </label>
        <PctInput label={`Cap (%), now ${pct(current)}`} value={cap} onChange={setCap} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Save group cap</button>
    </form>
  );
}
