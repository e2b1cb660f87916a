// Wrong network: the wallet is on another chain than the app's. Offers the switch.
import { useAccount, useSwitchChain } from "wagmi";
import { useConfig } from "../context.tsx";

export function NetworkBanner() {
  const { chainId, isConnected } = useAccount();
  const { chainId: expected, chain } = useConfig();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!isConnected || chainId === undefined || chainId === expected) return null;
  return (
    <div className="banner warn" role="alert" data-testid="wrong-network">
      Your wallet is on chain {chainId}; Backstop here runs on {chain.name} (chain {expected}).{" "}
      <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: expected })}>
        Switch network
      </button>
      {error && <span> {error.message.split("\n")[0]}</span>}
    </div>
  );
}
