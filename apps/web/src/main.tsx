// Boot: read /backstop.json (chain, API, deployment), then render the app with wagmi and TanStack Query.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";
import { App } from "./App.tsx";
import { loadConfig } from "./config.ts";
import { ConfigProvider, chainOf } from "./context.tsx";
import { TxProvider } from "./tx.tsx";
import { wagmiConfig } from "./wagmi.ts";
import "./styles.css";

const root = createRoot(document.getElementById("root") as HTMLElement);

loadConfig().then(
  (config) => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 1_000 } } });
    root.render(
      <StrictMode>
        <ConfigProvider config={config}>
          <WagmiProvider config={wagmiConfig(chainOf(config))}>
            <QueryClientProvider client={queryClient}>
              <TxProvider>
                <App />
              </TxProvider>
            </QueryClientProvider>
          </WagmiProvider>
        </ConfigProvider>
      </StrictMode>,
    );
  },
  (err: Error) => {
    root.render(
      <main id="main">
        <h1>Backstop</h1>
        <p className="error" role="alert">
          {err.message}
        </p>
      </main>,
    );
  },
);
