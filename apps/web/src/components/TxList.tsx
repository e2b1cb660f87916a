// The page's transactions: signing, pending (with hash), confirmed, failed (one sentence saying what to change).
import { shortAddress } from "../format.ts";
import { useTxEntries } from "../tx.tsx";

const LABEL = {
  signing: "Waiting for the wallet",
  pending: "Pending",
  confirmed: "Confirmed",
  failed: "Failed",
};

export function TxList() {
  const entries = useTxEntries();
  return (
    <section className="txs" aria-live="polite" aria-label="Transactions">
      {entries.map((e) => (
        <div key={e.id} className={`tx ${e.status}`} data-testid="tx" data-status={e.status}>
          <strong>{e.label}</strong> · {LABEL[e.status]}
          {e.hash && <span className="hash"> {shortAddress(e.hash)}</span>}
          {e.message && <p>{e.message}</p>}
        </div>
      ))}
    </section>
  );
}
