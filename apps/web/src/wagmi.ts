// wagmi: the configured chain over HTTP, the browser wallet (injected) and, on a development chain, Hardhat's
// dev accounts through wagmi's mock connector (the node signs for them: real transactions, no key in the page).
import type { Address, Chain } from "viem";
import { createConfig, http } from "wagmi";
import { injected, mock } from "wagmi/connectors";

export function wagmiConfig(chain: Chain) {
  return createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: http(chain.rpcUrls.default.http[0], { batch: true }) },
    pollingInterval: 500,
    multiInjectedProviderDiscovery: true,
  });
}

/** A connector for one dev account (wagmi's mock connector: the devnet node signs and sends). */
export function devAccountConnector(address: Address) {
  return mock({ accounts: [address], features: { reconnect: true } });
}
