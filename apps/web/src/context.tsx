// The app's runtime context: the configuration, the API client and the chain it targets.
import { createContext, type ReactNode, useContext } from "react";
import type { Chain } from "viem";
import { type ApiClient, apiClient } from "./api/client.ts";
import type { AppConfig } from "./config.ts";

export type AppContext = AppConfig & { api: ApiClient; chain: Chain };

const Context = createContext<AppContext | undefined>(undefined);

export function chainOf(config: AppConfig): Chain {
  return {
    id: config.chainId,
    name: config.chainId === 31337 ? "Backstop devnet" : `Chain ${config.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  };
}

export function ConfigProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const value: AppContext = { ...config, api: apiClient(config.apiUrl), chain: chainOf(config) };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useConfig(): AppContext {
  const value = useContext(Context);
  if (!value) throw new Error("useConfig outside ConfigProvider");
  return value;
}
