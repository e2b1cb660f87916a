// A small connect button over wagmi: the browser wallet (injected) and, on a development chain, a dev account.
import { useState } from "react";
import type { Address } from "viem";
import { useAccount, useConnect, useConnectors, useDisconnect } from "wagmi";
import { useConfig } from "../context.tsx";
import { shortAddress } from "../format.ts";
import { devAccountConnector } from "../wagmi.ts";

export function ConnectButton() {
  const { address, isConnected, connector } = useAccount();
  const { connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const connectors = useConnectors();
  const { devAccounts } = useConfig();
  const [open, setOpen] = useState(false);
  const dev = devAccounts.find((a) => a.address.toLowerCase() === address?.toLowerCase());

  if (isConnected && address)
    return (
      <div className="connect">
        <span className="account" title={address} data-testid="account">
          {shortAddress(address)}
          {dev ? ` · dev #${dev.index}` : connector ? ` · ${connector.name}` : ""}
        </span>
        <button type="button" className="secondary" onClick={() => disconnect()}>
          Disconnect
        </button>
      </div>
    );

  return (
    <div className="connect">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="wallets">
        {isPending ? "Connecting…" : "Connect wallet"}
      </button>
      {open && (
        <div id="wallets" className="menu">
          {connectors.map((c) => (
            <button
              type="button"
              key={c.uid}
              onClick={() => connect({ connector: c }, { onSuccess: () => setOpen(false) })}
            >
              {c.name === "Injected" ? "Browser wallet" : c.name}
            </button>
          ))}
          {devAccounts.length > 0 && (
            <label>
              Dev account (local chain)
              <select
                defaultValue=""
                data-testid="dev-account"
                onChange={(e) => {
                  const account = devAccounts.find((a) => a.address === e.target.value);
                  if (account)
                    connect(
                      { connector: devAccountConnector(account.address as Address) },
                      { onSuccess: () => setOpen(false) },
                    );
                }}
              >
                <option value="" disabled>
                  Choose…
                </option>
                {devAccounts.map((a) => (
                  <option key={a.address} value={a.address}>
                    #{a.index} {shortAddress(a.address)} ({a.role})
                  </option>
                ))}
              </select>
            </label>
          )}
          {error && <p className="error">{error.message.split("\n")[0]}</p>}
        </div>
      )}
    </div>
  );
}
