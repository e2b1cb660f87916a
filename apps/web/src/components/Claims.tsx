// What the policy and assessor pages both show of an assessed claim: its status in words, the evidence link,
// the votes, the timeline, and the time left until a chain deadline.
import type { ClaimStatus } from "@backstop/sdk";
import type { Claim } from "../api/policies.ts";
import { claimStatusName } from "../api/policies.ts";
import { useConfig } from "../context.tsx";
import { date, duration, shortAddress, usd } from "../format.ts";
import { webUrl } from "../links.ts";

export const CLAIM_LABEL: Record<ClaimStatus, string> = {
  NONE: "none",
  FAST_TRACK: "fast track",
  VOTING: "voting",
  APPROVED: "approved",
  DENIED: "rejected",
  VOIDED: "voided",
  PAID: "paid",
};

/** "in 2d 3h" until a chain time, or "passed" once the chain is there. */
export function Countdown({ to, now }: { to: number; now: number | undefined }) {
  if (now === undefined) return <span>{date(to)}</span>;
  const left = to - now;
  return (
    <span title={date(to)}>
      {left > 0 ? `in ${duration(left)}` : "passed"} <span className="muted">({date(to)})</span>
    </span>
  );
}

/** The evidence as a link that opens apart from the app (http/https only; other schemes shown as text). */
export function EvidenceLink({ uri }: { uri: string }) {
  const href = webUrl(uri);
  if (!href) return <code className="evidence">{uri}</code>;
  return (
    <a className="evidence" href={href} target="_blank" rel="noopener noreferrer">
      {uri}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** Who voted and how, from the devnet's seed names when it knows the account. */
export function useAccountName() {
  const { devAccounts } = useConfig();
  return (address: string) => {
    const dev = devAccounts.find((a) => a.address.toLowerCase() === address.toLowerCase());
    return dev ? `${shortAddress(address)} (dev #${dev.index})` : shortAddress(address);
  };
}

export function Votes({ claim }: { claim: Claim }) {
  const name = useAccountName();
  if (claim.votes.length === 0) return <span className="muted">no votes yet</span>;
  const yes = claim.votes.filter((v) => v.approve).length;
  return (
    <span>
      {yes} approve · {claim.votes.length - yes} reject
      <ul className="votes">
        {claim.votes.map((v) => (
          <li key={v.assessor}>
            {name(v.assessor)}: {v.approve ? "approve" : "reject"}
          </li>
        ))}
      </ul>
    </span>
  );
}

/**
 * The claim's steps so far: submitted, challenged, each vote, finalized, paid. The API dates the submission;
 * the other steps are shown in their order.
 */
export function Timeline({ claim }: { claim: Claim }) {
  const name = useAccountName();
  const status = claimStatusName(claim.status);
  const steps: { key: string; text: string }[] = [
    { key: "submitted", text: `Submitted ${date(claim.submittedAt)}: ${usd(claim.amount)} USDC claimed` },
  ];
  if (claim.challenger)
    steps.push({
      key: "challenged",
      text: `Challenged by ${name(claim.challenger)} with a bond of ${usd(claim.bond)} USDC`,
    });
  for (const v of claim.votes)
    steps.push({
      key: `vote-${v.assessor}`,
      text: `${name(v.assessor)} voted ${v.approve ? "approve" : "reject"}`,
    });
  if (["APPROVED", "PAID", "VOIDED"].includes(status))
    steps.push({ key: "finalized", text: "Finalized: approved" });
  if (status === "DENIED") steps.push({ key: "finalized", text: "Finalized: rejected" });
  if (status === "VOIDED") steps.push({ key: "voided", text: "Voided by governance" });
  if (status === "PAID") steps.push({ key: "paid", text: `Paid ${usd(claim.paid)} USDC` });
  return (
    <>
      <h4 className="timeline-title">Timeline</h4>
      <ol className="timeline" data-testid="claim-timeline" aria-label={`Timeline of claim ${claim.id}`}>
        {steps.map((s) => (
          <li key={s.key} data-step={s.key}>
            {s.text}
          </li>
        ))}
      </ol>
    </>
  );
}
