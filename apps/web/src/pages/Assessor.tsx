// Assessor console: the claims under vote (approve / reject for the market's assessors) and the fast-track
// claims anyone may challenge with a bond; either can be finalized by anyone once its deadline has passed.
import { challenge, finalizeClaim, vote } from "@backstop/sdk";
import type { ReactNode } from "react";
import { useAccount } from "wagmi";
import {
  type Claim,
  useAssessorGroups,
  useChainClaim,
  useClaimParams,
  useClaims,
  useMarketAssessors,
} from "../api/policies.ts";
import { useChainNow } from "../chainClock.ts";
import { Countdown, EvidenceLink, Votes } from "../components/Claims.tsx";
import { ErrorNote, Loading } from "../components/Status.tsx";
import { marketName } from "../config.ts";
import { useConfig } from "../context.tsx";
import { shortAddress, usd } from "../format.ts";
import { useTx } from "../tx.tsx";

export default function Assessor() {
  const now = useChainNow();
  const voting = useClaims({ status: "VOTING" });
  const fastTrack = useClaims({ status: "FAST_TRACK" });
  return (
    <>
      <h1>Assessor console</h1>
      <p className="lede">
        Claims under vote are decided by their market's assessors. A fast-track claim is approved when its
        challenge window passes, unless someone challenges it with a bond; then it goes to a vote.
      </p>
      <WhoAmI />
      <h2>Vote queue</h2>
      <ClaimTable
        claims={voting}
        what="under vote"
        testId="vote-queue"
        headers={["Votes", "Vote ends"]}
        row={(c) => <VoteRow key={c.id} claim={c} now={now} />}
      />
      <h2>Fast-track claims</h2>
      <ClaimTable
        claims={fastTrack}
        what="on the fast track"
        testId="fast-track"
        headers={["Challenge window ends", "Bond to challenge (USDC)"]}
        row={(c) => <FastTrackRow key={c.id} claim={c} now={now} />}
      />
    </>
  );
}

type ClaimsQuery = ReturnType<typeof useClaims>;
type ClaimItem = NonNullable<ClaimsQuery["data"]>[number];

/** A table of claims in one status: claim, market, amount, evidence, two status columns, the action. */
function ClaimTable(props: {
  claims: ClaimsQuery;
  what: string;
  testId: string;
  headers: [string, string];
  row: (claim: ClaimItem) => ReactNode;
}) {
  const { claims, what } = props;
  if (claims.error) return <ErrorNote error={claims.error} />;
  if (!claims.data) return <Loading what={`claims ${what}`} />;
  if (claims.data.length === 0) return <p>No claim is {what}.</p>;
  return (
    <div className="table-wrap">
      <table className="claims" data-testid={props.testId}>
        <caption>
          {claims.data.length === 1 ? "1 claim" : `${claims.data.length} claims`} {what}
        </caption>
        <thead>
          <tr>
            {["Claim", "Market", "Amount (USDC)", "Evidence", ...props.headers, "Action"].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{claims.data.map(props.row)}</tbody>
      </table>
    </div>
  );
}

/** Says whether the connected account sits in an assessor group: only members can vote. */
function WhoAmI() {
  const { address } = useAccount();
  const groups = useAssessorGroups();
  if (!address) return <p className="panel">Connect an assessor's wallet to vote.</p>;
  if (groups.error) return <ErrorNote error={groups.error} />;
  if (!groups.data) return <Loading what="assessor groups" />;
  const mine = groups.data.groups.filter((g) =>
    g.members.some((m) => m.toLowerCase() === address.toLowerCase()),
  );
  return (
    <p className="panel" data-testid="assessor-role">
      {mine.length > 0
        ? `${shortAddress(address)} is an assessor (group ${mine.map((g) => g.groupId).join(", ")}): it can vote on claims of the markets its group assesses.`
        : `${shortAddress(address)} is not an assessor: it cannot vote, but it can challenge fast-track claims and finalize claims whose deadline has passed.`}
    </p>
  );
}

/** Claim and policy ids, and the market from the claim on chain (the API's claim does not name it). */
function ClaimCells({ claim: c, marketId }: { claim: Claim; marketId?: bigint }) {
  const config = useConfig();
  return (
    <>
      <th scope="row">
        #{c.id}
        <div className="muted">policy #{c.policyId}</div>
      </th>
      <td>{marketId === undefined ? "…" : marketName(config, marketId)}</td>
      <td className="num">{usd(c.amount)}</td>
      <td>
        <EvidenceLink uri={c.evidenceURI} />
      </td>
    </>
  );
}

function VoteRow({ claim: c, now }: { claim: Claim; now?: number }) {
  const { address } = useAccount();
  const { deployment } = useConfig();
  const { run, blocker } = useTx();
  const onChain = useChainClaim(c.id).data;
  const assessors = useMarketAssessors(onChain ? Number(onChain.marketId) : undefined).data;
  const deadline = onChain ? Number(onChain.deadline) : undefined;
  const ended = deadline !== undefined && now !== undefined && now >= deadline;
  const mine = c.votes.find((v) => v.assessor.toLowerCase() === address?.toLowerCase());
  const member = !!address && !!assessors?.some((m) => m.toLowerCase() === address.toLowerCase());
  const claimId = BigInt(c.id);
  const cast = (approve: boolean) =>
    run(`${approve ? "Approve" : "Reject"} claim #${c.id}`, (w) =>
      vote(w, { assessedClaims: deployment.assessedClaims, claimId, approve }),
    );
  let action: ReactNode;
  if (ended) action = <FinalizeButton id={c.id} />;
  else if (mine) action = `You voted ${mine.approve ? "approve" : "reject"}`;
  else if (!address) action = <span className="muted">Connect to vote</span>;
  else if (assessors && !member) action = <span className="muted">Not an assessor of this market</span>;
  else
    action = (
      <div className="row">
        <button
          type="button"
          aria-label={`Approve claim ${c.id}`}
          disabled={!!blocker}
          onClick={() => cast(true)}
        >
          Approve
        </button>
        <button
          type="button"
          className="danger"
          aria-label={`Reject claim ${c.id}`}
          disabled={!!blocker}
          onClick={() => cast(false)}
        >
          Reject
        </button>
      </div>
    );
  return (
    <tr data-testid={`claim-row-${c.id}`}>
      <ClaimCells claim={c} marketId={onChain?.marketId} />
      <td>
        <Votes claim={c} />
      </td>
      <td>{deadline === undefined ? "…" : <Countdown to={deadline} now={now} />}</td>
      <td>{action}</td>
    </tr>
  );
}

function FastTrackRow({ claim: c, now }: { claim: Claim; now?: number }) {
  const { address } = useAccount();
  const { deployment } = useConfig();
  const { run, blocker } = useTx();
  const onChain = useChainClaim(c.id).data;
  const params = useClaimParams().data;
  const deadline = onChain ? Number(onChain.deadline) : undefined;
  const ended = deadline !== undefined && now !== undefined && now >= deadline;
  const bond = params ? (BigInt(c.amount) * BigInt(params.bondBps)) / 10_000n : undefined;
  const own = address?.toLowerCase() === c.claimant.toLowerCase();
  let action: ReactNode;
  if (ended) action = <FinalizeButton id={c.id} />;
  else if (own) action = <span className="muted">Your own claim</span>;
  else
    action = (
      <button
        type="button"
        aria-label={`Challenge claim ${c.id}`}
        disabled={!!blocker}
        title={blocker}
        onClick={() =>
          run(`Challenge claim #${c.id}`, (w) =>
            challenge(w, {
              assessedClaims: deployment.assessedClaims,
              markets: deployment.markets,
              claimId: BigInt(c.id),
            }),
          )
        }
      >
        Challenge
      </button>
    );
  return (
    <tr data-testid={`claim-row-${c.id}`}>
      <ClaimCells claim={c} marketId={onChain?.marketId} />
      <td>{deadline === undefined ? "…" : <Countdown to={deadline} now={now} />}</td>
      <td className="num">{bond === undefined ? "…" : usd(bond)}</td>
      <td>{action}</td>
    </tr>
  );
}

function FinalizeButton({ id }: { id: number }) {
  const { deployment } = useConfig();
  const { run, blocker } = useTx();
  return (
    <button
      type="button"
      aria-label={`Finalize claim ${id}`}
      disabled={!!blocker}
      title={blocker}
      onClick={() =>
        run(`Finalize claim #${id}`, (w) =>
          finalizeClaim(w, { assessedClaims: deployment.assessedClaims, claimId: BigInt(id) }),
        )
      }
    >
      Finalize
    </button>
  );
}
