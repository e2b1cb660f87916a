// My policies: the connected account's policies with their status on chain; a parametric payout to claim; an
// assessed claim to submit, follow (challenge, votes, timeline), finalize and redeem.
import { claim, finalizeClaim, redeemClaim, submitClaim } from "@backstop/sdk";
import { type FormEvent, useState } from "react";
import { useAccount } from "wagmi";
import { Link } from "wouter";
import { type Schemas, useMarkets } from "../api/client.ts";
import {
  type Claim,
  claimStatusName,
  type Policy,
  useChainClaim,
  useChainMarket,
  useClaimParams,
  useClaims,
  usePolicies,
  usePolicyStatus,
} from "../api/policies.ts";
import { useChainNow } from "../chainClock.ts";
import { CLAIM_LABEL, Countdown, EvidenceLink, Timeline, Votes } from "../components/Claims.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { TextField } from "../components/TextField.tsx";
import { marketName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { bps, date, duration, parseAmount, usd } from "../format.ts";
import { claimModeLabel } from "../markets.ts";
import { useTx } from "../tx.tsx";

export default function Policies() {
  const { address } = useAccount();
  const policies = usePolicies(address);
  const markets = useMarkets();
  const now = useChainNow();

  if (!address)
    return (
      <>
        <h1>My policies</h1>
        <p>Connect a wallet to see the policies it holds.</p>
      </>
    );
  return (
    <>
      <h1>My policies</h1>
      {policies.error && <ErrorNote error={policies.error} />}
      {markets.error && <ErrorNote error={markets.error} />}
      {!policies.data || !markets.data ? (
        <Loading what="your policies" />
      ) : policies.data.length === 0 ? (
        <p>
          This account holds no policy. <Link href="/buy">Buy cover</Link>.
        </p>
      ) : (
        <div className="policies">
          {policies.data.map((p) => (
            <PolicyCard
              key={p.id}
              policy={p}
              market={markets.data.find((m) => m.id === p.marketId)}
              now={now}
            />
          ))}
        </div>
      )}
    </>
  );
}

function PolicyCard({ policy, market, now }: { policy: Policy; market?: Schemas["Market"]; now?: number }) {
  const config = useConfig();
  const status = usePolicyStatus(policy.id);
  const { run } = useTx();
  const s = status.data;
  const assessed = market?.claimMode === 1;
  const headingId = `policy-${policy.id}-name`;
  return (
    <article className="panel policy" data-testid={`policy-${policy.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        Policy #{policy.id} · {marketName(config, policy.marketId)}
      </h2>
      <dl className="terms">
        <dt>Cover</dt>
        <dd>{usd(policy.amount)} USDC</dd>
        <dt>Premium paid</dt>
        <dd>{usd(BigInt(policy.premium) + BigInt(policy.commission))} USDC</dd>
        <dt>Cover starts</dt>
        <dd>{date(policy.start)}</dd>
        <dt>Cover ends</dt>
        <dd>{date(policy.end)}</dd>
        {market && (
          <>
            <dt>Claims</dt>
            <dd>{claimModeLabel(market.claimMode)}</dd>
          </>
        )}
      </dl>
      {status.error && <ErrorNote error={status.error} />}
      <p className="policy-status" data-testid="policy-status" aria-live="polite">
        {s ? (
          <StatusWords state={s.state} payout={s.payout} paid={s.paid} start={policy.start} now={now} />
        ) : (
          "…"
        )}
      </p>
      {s?.state === "CLAIMABLE" && !assessed && (
        <button
          type="button"
          onClick={() =>
            run(`Claim payout of policy #${policy.id}`, (c) =>
              claim(c, { settlement: config.deployment.settlement, policyId: BigInt(policy.id) }),
            )
          }
        >
          Claim payout
        </button>
      )}
      {assessed && market && <AssessedClaims policy={policy} market={market} now={now} />}
    </article>
  );
}

const STATE_WORDS: Record<string, string> = {
  ACTIVE: "ACTIVE: cover is in force",
  EXPIRED: "EXPIRED",
  TRIGGERED: "TRIGGERED: the market's trigger fired; the payout follows once the market is settled",
  WINDOW_CLOSED: "CLAIM WINDOW CLOSED",
  NOT_COVERED: "NOT COVERED: the incident fell outside this policy's cover",
  CLAIM_OPEN: "CLAIM OPEN",
  CLAIM_APPROVED: "CLAIM APPROVED",
  CLAIM_DENIED: "CLAIM REJECTED",
  CLAIM_VOIDED: "CLAIM VOIDED",
};

function StatusWords(p: { state: string; payout: bigint; paid: bigint; start: number; now?: number }) {
  if (p.state === "PENDING")
    return (
      <>
        MATURING: cover starts <Countdown to={p.start} now={p.now} />
      </>
    );
  if (p.state === "PAID") return <>PAID {usd(p.paid)} USDC</>;
  if (p.state === "CLAIMABLE") return <>PAYOUT AVAILABLE: {usd(p.payout)} USDC</>;
  return <>{STATE_WORDS[p.state] ?? p.state}</>;
}

/** The policy's assessed claims (newest first) and, when none is open, the form to submit one. */
function AssessedClaims({
  policy,
  market,
  now,
}: {
  policy: Policy;
  market: Schemas["Market"];
  now?: number;
}) {
  const claims = useClaims({ policyId: policy.id });
  if (claims.error) return <ErrorNote error={claims.error} />;
  if (!claims.data) return <Loading what="claims" />;
  const latest = claims.data[0];
  const latestStatus = latest ? claimStatusName(latest.status) : undefined;
  // A new claim is allowed only when the last one was rejected or voided, within the cover and claim window.
  const canSubmit =
    (!latestStatus || latestStatus === "DENIED" || latestStatus === "VOIDED") &&
    now !== undefined &&
    now >= policy.start &&
    now <= policy.end + market.claimWindow;
  return (
    <>
      {claims.data.map((c) => (
        <ClaimPanel key={c.id} claim={c} now={now} />
      ))}
      {canSubmit && <SubmitClaimForm policy={policy} market={market} />}
      {!latest && now !== undefined && now < policy.start && (
        <p className="muted">Claims can be submitted once cover starts.</p>
      )}
    </>
  );
}

function SubmitClaimForm({ policy, market }: { policy: Policy; market: Schemas["Market"] }) {
  const config = useConfig();
  const { run, blocker } = useTx();
  const params = useClaimParams().data;
  const fastTrackLimit = useChainMarket(market.id).data?.fastTrackLimit;
  const [amount, setAmount] = useState("");
  const [evidence, setEvidence] = useState("");
  const [problem, setProblem] = useState<string>();
  const max = (BigInt(policy.amount) * BigInt(10_000 - market.deductibleBps)) / 10_000n;
  const evidenceId = `claim-evidence-${policy.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = parseAmount(amount);
    if (value === undefined || value === 0n) return setProblem("Enter the amount you claim, e.g. 5000.");
    if (value > max) return setProblem(`You can claim at most ${usd(max)} USDC (cover less the deductible).`);
    if (!/^https?:\/\/\S+$/.test(evidence.trim()))
      return setProblem("Enter the evidence as a web address starting with https://.");
    setProblem(undefined);
    await run(`Submit claim on policy #${policy.id}`, (c) =>
      submitClaim(c, {
        assessedClaims: config.deployment.assessedClaims,
        coverManager: config.deployment.coverManager,
        policyId: BigInt(policy.id),
        amount: value,
        evidenceURI: evidence.trim(),
      }),
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label={`Submit a claim on policy ${policy.id}`}>
      <h3>Submit claim</h3>
      <TextField label={`Claim amount (USDC, at most ${usd(max)})`} value={amount} onChange={setAmount} />
      <label htmlFor={evidenceId}>
        Evidence URL
        <input
          id={evidenceId}
          type="url"
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          placeholder="https://…"
        />
      </label>
      {params && fastTrackLimit !== undefined && (
        <p className="muted">
          A deposit of {bps(params.depositBps)} of the amount is taken and returned when the claim is
          approved. A claim of up to {usd(fastTrackLimit)} USDC is approved after{" "}
          {duration(params.challengeWindow)} unless someone challenges it (the challenger posts a bond of{" "}
          {bps(params.bondBps)}); otherwise, and above that limit, the market's assessors vote.
        </p>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={blocker !== undefined} title={blocker}>
          Submit claim
        </button>
        {blocker && <span className="muted">{blocker}</span>}
      </div>
    </form>
  );
}

function ClaimPanel({ claim: c, now }: { claim: Claim; now?: number }) {
  const config = useConfig();
  const { run } = useTx();
  const onChain = useChainClaim(c.id).data;
  const status = claimStatusName(c.status);
  const open = status === "FAST_TRACK" || status === "VOTING";
  const deadline = onChain ? Number(onChain.deadline) : undefined;
  const payableAt = onChain ? Number(onChain.payableAt) : undefined;
  // The next block is at least a second later than the chain's head: due once the head reaches the time.
  const finalizeDue = open && deadline !== undefined && now !== undefined && now >= deadline;
  const redeemDue = status === "APPROVED" && payableAt !== undefined && now !== undefined && now >= payableAt;
  const claimId = BigInt(c.id);
  const assessedClaims = config.deployment.assessedClaims;
  return (
    <section className="claim" aria-label={`Claim ${c.id}`} data-testid={`claim-${c.id}`}>
      <h3>
        Claim #{c.id}: <span data-testid="claim-status">{CLAIM_LABEL[status]}</span>
      </h3>
      <dl className="terms">
        <dt>Claimed</dt>
        <dd>{usd(c.amount)} USDC</dd>
        <dt>Evidence</dt>
        <dd>
          <EvidenceLink uri={c.evidenceURI} />
        </dd>
        <dt>Challenge</dt>
        <dd>{c.challenger ? `challenged, bond ${usd(c.bond)} USDC` : "not challenged"}</dd>
        <dt>Votes</dt>
        <dd>
          <Votes claim={c} />
        </dd>
        {open && deadline !== undefined && (
          <>
            <dt>{status === "FAST_TRACK" ? "Challenge window ends" : "Vote ends"}</dt>
            <dd>
              <Countdown to={deadline} now={now} />
            </dd>
          </>
        )}
        {status === "APPROVED" && payableAt !== undefined && (
          <>
            <dt>Payable</dt>
            <dd>
              <Countdown to={payableAt} now={now} />
            </dd>
          </>
        )}
      </dl>
      <Timeline claim={c} />
      <div className="row">
        {finalizeDue && (
          <button
            type="button"
            onClick={() =>
              run(`Finalize claim #${c.id}`, (w) => finalizeClaim(w, { assessedClaims, claimId }))
            }
          >
            Finalize claim
          </button>
        )}
        {redeemDue && (
          <button
            type="button"
            onClick={() => run(`Redeem claim #${c.id}`, (w) => redeemClaim(w, { assessedClaims, claimId }))}
          >
            Redeem payout
          </button>
        )}
      </div>
    </section>
  );
}
