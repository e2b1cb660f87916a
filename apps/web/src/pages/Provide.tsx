// Provide capital: every pool's capital, yield, terms and exposure by correlation group; the connected LP's
// position in each, with deposit, ERC-7540 redeem request, the cooldown counted down by chain time, and redeem.
import { deposit, getPoolConfig, getTokenBalance, redeem, requestRedeem } from "@backstop/sdk";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { type Address, formatUnits, parseUnits } from "viem";
import { useAccount, usePublicClient } from "wagmi";
import { LIVE, type Schemas, useMarkets, usePools } from "../api/client.ts";
import { type PoolDetail, type Position, usePoolDetail, usePositions } from "../api/positions.ts";
import { countdown, useChainNow } from "../chainClock.ts";
import { ScrollRegion } from "../components/ScrollRegion.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { TextField } from "../components/TextField.tsx";
import { marketName, poolName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { bps, date, duration, parseAmount, usd } from "../format.ts";
import { useTx } from "../tx.tsx";

/** Pool shares have the asset's 6 decimals plus the pool's virtual-share offset of 6. */
const SHARE_DECIMALS = 12;

export default function Provide() {
  const pools = usePools();
  const { address } = useAccount();
  const positions = usePositions(address);
  return (
    <>
      <h1>Provide capital</h1>
      <p className="lede">
        Deposit USDC into a pool to underwrite cover and earn the premium it is paid. Leaving takes a request,
        then the pool's cooldown, then a redeem.
      </p>
      {!address && <p className="muted">Connect a wallet to deposit and to see your positions.</p>}
      {positions.error && <ErrorNote error={positions.error} />}
      {pools.error && <ErrorNote error={pools.error} />}
      {!pools.data && !pools.error && <Loading what="the pools" />}
      <div style={{ display: "grid", gap: "1rem", gridTemplateColumns: "minmax(0, 1fr)" }}>
        {pools.data?.map((p) => (
          <PoolSection
            key={p.id}
            pool={p}
            owner={address}
            position={positions.data?.positions.find((x) => x.poolId === p.id)}
          />
        ))}
      </div>
    </>
  );
}

function PoolSection(props: { pool: Schemas["Pool"]; owner: Address | undefined; position?: Position }) {
  const { pool, owner } = props;
  const config = useConfig();
  const headingId = useId();
  const detail = usePoolDetail(pool.address);
  const client = usePublicClient();
  // The chain's record of the pool: its asset (what deposits pay in) and its group caps.
  const chainConfig = useQuery({
    queryKey: ["pool-config", pool.address],
    enabled: client !== undefined,
    queryFn: () =>
      getPoolConfig(client as NonNullable<typeof client>, {
        pool: pool.address as Address,
        markets: config.deployment.markets,
      }),
    ...LIVE,
  });
  const backing = detail.data?.backing ?? [];
  const capital = BigInt(pool.capital);
  const exposure = backing.reduce((s, b) => s + BigInt(b.exposure), 0n);
  const locked = exposure < capital ? exposure : capital;
  return (
    <section className="panel pool" aria-labelledby={headingId} data-testid={`pool-${pool.id}`}>
      <h2 id={headingId}>{poolName(config, pool.id)}</h2>
      <dl className="terms">
        <dt>Capital</dt>
        <dd>{usd(pool.capital)} USDC</dd>
        <dt>Earned APY</dt>
        <dd>{bps(pool.apyBps)} (premium earned so far, annualised over the pool's life)</dd>
        <dt>Current APY</dt>
        <dd>{bps(pool.currentApyBps)} (what the cover in force pays now, annualised)</dd>
        <dt>Curator fee</dt>
        <dd>{bps(pool.curatorFeeBps)} of premium</dd>
        <dt>Cooldown</dt>
        <dd>{duration(pool.cooldown)} from a redeem request to the redeem</dd>
        <dt>Locked capital</dt>
        <dd>
          {detail.data ? `${usd(locked)} USDC` : "…"}{" "}
          <span className="muted">(backs cover sold: a covered loss is paid from it)</span>
        </dd>
        <dt>Free capital</dt>
        <dd>
          {detail.data ? `${usd(capital - locked)} USDC` : "…"}{" "}
          <span className="muted">(backs no cover yet: room to sell new cover)</span>
        </dd>
      </dl>
      {detail.error && <ErrorNote error={detail.error} />}
      {detail.data && <GroupTable pool={detail.data} caps={chainConfig.data?.groupCaps} />}
      {owner && (
        <PositionPanel pool={pool} owner={owner} position={props.position} asset={chainConfig.data?.asset} />
      )}
    </section>
  );
}

/** Exposure by correlation group: a loss in one group can hit every market in it at once. */
function GroupTable(props: { pool: PoolDetail; caps?: { groupId: number; capBps: number }[] }) {
  const config = useConfig();
  const markets = useMarkets();
  const groupIds = config.deployment.groups ?? config.deployment.seed?.groups ?? {};
  const maskOf = (id: number) => BigInt(markets.data?.find((m) => m.id === id)?.groups ?? "0");
  const rows = Object.entries(groupIds)
    .map(([name, bit]) => {
      const members = props.pool.backing.filter((b) => (maskOf(b.marketId) >> BigInt(bit)) & 1n);
      return {
        name,
        members,
        exposure: members.reduce((s, b) => s + BigInt(b.exposure), 0n),
        cover: members.reduce((s, b) => s + BigInt(b.coverInForce), 0n),
        capBps: props.caps?.find((c) => c.groupId === bit)?.capBps,
      };
    })
    .filter((r) => r.members.length > 0);
  if (!markets.data) return null;
  return (
    <ScrollRegion label={`Exposure by correlation group, ${poolName(config, props.pool.id)}`}>
      <table>
        <caption>Exposure by correlation group</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Markets</th>
            <th scope="col" className="num">
              Exposure
            </th>
            <th scope="col" className="num">
              Cover in force
            </th>
            <th scope="col" className="num">
              Cap (of capital)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td style={{ whiteSpace: "normal" }}>
                {r.members.map((b) => marketName(config, b.marketId)).join(", ")}
              </td>
              <td className="num">{usd(r.exposure, 0)}</td>
              <td className="num">{usd(r.cover, 0)}</td>
              <td className="num">{r.capBps === undefined ? "…" : bps(r.capBps, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const shares = (v: bigint | string) =>
  Number(formatUnits(BigInt(v), SHARE_DECIMALS)).toLocaleString("en-US", { maximumFractionDigits: 4 });

function PositionPanel(props: {
  pool: Schemas["Pool"];
  owner: Address;
  position?: Position;
  asset?: Address;
}) {
  const { pool, owner, position, asset } = props;
  const config = useConfig();
  const client = usePublicClient();
  const { run, blocker } = useTx();
  const now = useChainNow();
  const name = poolName(config, pool.id);
  const balance = useQuery({
    queryKey: ["balance", asset, owner],
    enabled: client !== undefined && asset !== undefined,
    queryFn: () => getTokenBalance(client as NonNullable<typeof client>, { token: asset as Address, owner }),
    ...LIVE,
  });
  const [amount, setAmount] = useState("");
  const [amountError, setAmountError] = useState<string>();
  const [toRedeem, setToRedeem] = useState("all");
  const [redeemError, setRedeemError] = useState<string>();
  const held = BigInt(position?.shares ?? "0");
  const request = position?.request ?? null;
  const due = request !== null && now !== undefined && request.claimableAt <= now;

  async function onDeposit(e: FormEvent) {
    e.preventDefault();
    const assets = parseAmount(amount);
    // Checked here so that nothing is sent (not even an approval) for a deposit that cannot succeed.
    if (assets === undefined || assets === 0n)
      return setAmountError("Enter an amount of USDC above zero, e.g. 10,000.");
    if (balance.data !== undefined && assets > balance.data)
      return setAmountError(
        `Your wallet holds ${usd(balance.data)} USDC, less than the ${usd(assets)} USDC you entered.`,
      );
    setAmountError(undefined);
    const done = await run(`Deposit ${usd(assets)} USDC into ${name}`, (c) =>
      deposit(c, { pool: pool.address as Address, assets }),
    );
    if (done) setAmount("");
  }

  async function onRequest(e: FormEvent) {
    e.preventDefault();
    const text = toRedeem.trim().toLowerCase();
    let n: bigint | undefined;
    try {
      n = text === "all" ? held : parseUnits(text.replace(/[,_\s]/g, ""), SHARE_DECIMALS);
    } catch {
      n = undefined;
    }
    if (n === undefined || n === 0n) return setRedeemError("Enter a number of shares above zero, or all.");
    if (n > held) return setRedeemError(`You hold ${shares(held)} shares: request at most that.`);
    setRedeemError(undefined);
    await run(`Request redeem of ${shares(n)} ${name} shares`, (c) =>
      requestRedeem(c, { pool: pool.address as Address, shares: n }),
    );
  }

  return (
    <div
      className="position"
      data-testid={`position-${pool.id}`}
      style={{ display: "grid", gap: "0.5rem", gridTemplateColumns: "minmax(0, 1fr)" }}
    >
      <h3>Your position</h3>
      {!position || (held === 0n && request === null && position.deposited === "0") ? (
        <p className="muted">No position in this pool yet.</p>
      ) : (
        <dl className="terms">
          <dt>Shares</dt>
          <dd>{shares(held)}</dd>
          <dt>Value</dt>
          <dd>{usd(position.value)} USDC</dd>
          <dt>Deposited</dt>
          <dd>{usd(position.deposited)} USDC</dd>
          <dt>Withdrawn</dt>
          <dd>{usd(position.withdrawn)} USDC</dd>
          <dt>Earned</dt>
          <dd>{usd(position.earned)} USDC</dd>
        </dl>
      )}
      {request && (
        <div className="request">
          <h4>Redeem request</h4>
          <p>
            {shares(request.shares)} shares, worth at most {usd(request.assets)} USDC, claimable from{" "}
            {date(request.claimableAt)}.
          </p>
          <p data-testid="countdown" aria-live="polite" className={due ? "ok" : undefined}>
            {due ? "Claimable now" : `Claimable ${countdown(request.claimableAt, now)}`}
          </p>
          <button
            type="button"
            disabled={!due}
            onClick={() => run(`Redeem ${name} shares`, (c) => redeem(c, { pool: pool.address as Address }))}
          >
            Redeem
          </button>
        </div>
      )}
      <form className="form" onSubmit={onDeposit} noValidate>
        <div className="row">
          <TextField
            label="Deposit amount (USDC)"
            value={amount}
            onChange={setAmount}
            describedBy={`balance-${pool.id}`}
          />
          <button type="submit" disabled={blocker !== undefined}>
            Deposit
          </button>
        </div>
        <p id={`balance-${pool.id}`} className="muted">
          Wallet: {balance.data === undefined ? "…" : `${usd(balance.data)} USDC`}
        </p>
        {amountError && (
          <p className="error" role="alert">
            {amountError}
          </p>
        )}
      </form>
      {held > 0n && (
        <form className="form" onSubmit={onRequest} noValidate>
          <div className="row">
            <label>
              Shares to redeem (or "all")
              <input value={toRedeem} autoComplete="off" onChange={(e) => setToRedeem(e.target.value)} />
            </label>
            <button type="submit" disabled={blocker !== undefined}>
              Request redeem
            </button>
          </div>
          <p className="muted">
            The requested shares wait {duration(pool.cooldown)}, then pay at most their value now; a new
            request restarts the wait.
          </p>
          {redeemError && (
            <p className="error" role="alert">
              {redeemError}
            </p>
          )}
        </form>
      )}
      {blocker && <p className="muted">{blocker}</p>}
    </div>
  );
}
