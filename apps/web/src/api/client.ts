// The API client, typed from the API's OpenAPI document (schema.d.ts), and query hooks over it.
import { useQuery } from "@tanstack/react-query";
import createClient from "openapi-fetch";
import { takeEarlyStats } from "../boot.ts";
import { useConfig } from "../context.tsx";
import type { components, paths } from "./schema.d.ts";

export type Schemas = components["schemas"];
export type ApiClient = ReturnType<typeof createClient<paths>>;

export class ApiError extends Error {
  override name = "ApiError";
}

export function apiClient(baseUrl: string): ApiClient {
  return createClient<paths>({ baseUrl });
}

/** The figures change with blocks: refetch every 2 s while the page is visible. */
export const LIVE = { refetchInterval: 2_000 } as const;

/** Unwraps an openapi-fetch result: the data, or an ApiError with the API's reason. */
export function data<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const err = result.error as { error?: string; issues?: { field: string; reason: string }[] } | undefined;
  const reason = err?.issues?.map((i) => `${i.field} ${i.reason}`).join("; ") ?? err?.error;
  throw new ApiError(`The API answered ${result.response.status}${reason ? `: ${reason}` : ""}.`);
}

export function useApi(): ApiClient {
  return useConfig().api;
}

export function useStats() {
  const api = useApi();
  return useQuery({
    queryKey: ["stats"],
    queryFn: async () =>
      ((await takeEarlyStats()) as Schemas["Stats"] | undefined) ??
      data(await api.GET("/v1/stats", { params: { query: { hours: "720" } } })),
    ...LIVE,
  });
}

export function useMarkets() {
  const api = useApi();
  return useQuery({
    queryKey: ["markets"],
    queryFn: async () => data(await api.GET("/v1/markets")).markets,
    ...LIVE,
  });
}

export function useMarket(id: number) {
  const api = useApi();
  return useQuery({
    queryKey: ["market", id],
    queryFn: async () =>
      data(await api.GET("/v1/markets/{id}", { params: { path: { id: String(id) } } })).market,
    ...LIVE,
  });
}

export function usePools() {
  const api = useApi();
  return useQuery({
    queryKey: ["pools"],
    queryFn: async () => data(await api.GET("/v1/pools")).pools,
    ...LIVE,
  });
}

export type QuoteArgs = { market: number; amount: bigint; period: number };

/** A quote over the indexed state (`/v1/quote`): the pools to pass to buyCover and the premium split. */
export async function fetchQuote(api: ApiClient, q: QuoteArgs) {
  return data(
    await api.GET("/v1/quote", {
      params: { query: { market: String(q.market), amount: q.amount.toString(), period: String(q.period) } },
    }),
  );
}

/** The market's price of risk now: the annual rate of 1 unit of cover over the longest period it sells. */
export function useMarginalRates(markets: Schemas["Market"][] | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ["marginal-rates", markets?.map((m) => m.id).join(",")],
    enabled: markets !== undefined,
    queryFn: async () => {
      const rates = new Map<number, number>();
      await Promise.all(
        (markets ?? []).map(async (m) => {
          if (m.freeCapacity === "0") return;
          const q = await fetchQuote(api, { market: m.id, amount: 1_000_000n, period: m.maxPeriod }).catch(
            () => undefined,
          );
          if (q && q.filled !== "0") rates.set(m.id, q.annualRateBps);
        }),
      );
      return rates;
    },
    ...LIVE,
  });
}
