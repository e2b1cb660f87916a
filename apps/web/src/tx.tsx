// Transactions the page sent: pending (with hash), confirmed or failed, each failure as one sentence that says
// what to change (formatError from the SDK). Actions run SDK executors with the connected wallet's client.
import { formatError, type WriteClient } from "@backstop/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import { createClient, custom, type Hash } from "viem";
import { useAccount, useChainId, useConnectorClient } from "wagmi";
import { useConfig } from "./context.tsx";

export type TxEntry = {
  id: number;
  label: string;
  status: "signing" | "pending" | "confirmed" | "failed";
  hash?: Hash;
  message?: string;
};

type TxContext = {
  entries: TxEntry[];
  update(id: number, patch: Partial<TxEntry>): void;
  add(e: TxEntry): void;
};
const Context = createContext<TxContext | undefined>(undefined);

export function TxProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<TxEntry[]>([]);
  const add = useCallback((e: TxEntry) => setEntries((all) => [e, ...all].slice(0, 6)), []);
  const update = useCallback(
    (id: number, patch: Partial<TxEntry>) =>
      setEntries((all) => all.map((e) => (e.id === id ? { ...e, ...patch } : e))),
    [],
  );
  return <Context.Provider value={{ entries, add, update }}>{children}</Context.Provider>;
}

export function useTxEntries(): TxEntry[] {
  return useContext(Context)?.entries ?? [];
}

let nextId = 1;

/** Why the wallet cannot send right now, or undefined when it can. */
export function useWriteBlocker(): string | undefined {
  const { isConnected } = useAccount();
  const chainId = useChainId();
  const { chainId: walletChain } = useAccount();
  const config = useConfig();
  if (!isConnected) return "Connect a wallet first.";
  if (walletChain !== undefined && walletChain !== config.chainId)
    return `Your wallet is on chain ${walletChain}: switch it to chain ${config.chainId}.`;
  if (chainId !== config.chainId) return `Switch to chain ${config.chainId}.`;
  return undefined;
}

/**
 * Runs SDK executors with the connected wallet: `run(label, (client) => buyCover(client, order))`. The client
 * reports each transaction hash as the wallet returns it, so the entry shows pending with its hash, then
 * confirmed or failed; the API's data is refetched after a confirmation.
 * Resolves to the executor's result, or undefined when it failed (the failure is shown).
 */
export function useTx() {
  const ctx = useContext(Context);
  const { data: client } = useConnectorClient();
  const blocker = useWriteBlocker();
  const queries = useQueryClient();
  const run = useCallback(
    async <T,>(label: string, fn: (client: WriteClient) => Promise<T>) => {
      if (!ctx) throw new Error("useTx outside TxProvider");
      const id = nextId++;
      if (blocker || !client) {
        ctx.add({ id, label, status: "failed", message: blocker ?? "Connect a wallet first." });
        return undefined;
      }
      ctx.add({ id, label, status: "signing" });
      try {
        const tracked = createClient({
          account: client.account,
          chain: client.chain,
          pollingInterval: 250,
          transport: custom({
            request: async (args: { method: string; params?: unknown }) => {
              // biome-ignore lint/suspicious/noExplicitAny: the connector's EIP-1193 request, forwarded as is
              const result = await client.request(args as any);
              if (args.method === "eth_sendTransaction")
                ctx.update(id, { status: "pending", hash: result as Hash });
              return result;
            },
          }),
        });
        const result = await fn(tracked as unknown as WriteClient);
        ctx.update(id, { status: "confirmed" });
        await queries.invalidateQueries();
        return result;
      } catch (err) {
        ctx.update(id, { status: "failed", message: formatError(err) });
        return undefined;
      }
    },
    [ctx, client, blocker, queries],
  );
  return { run, blocker };
}
