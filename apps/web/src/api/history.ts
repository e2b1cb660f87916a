// A market's hourly cover in force and capacity (`/v1/markets/{id}/history`).
import { useQuery } from "@tanstack/react-query";
import { data, LIVE, useApi } from "./client.ts";

export function useMarketHistory(id: number, hours = 720) {
  const api = useApi();
  return useQuery({
    queryKey: ["market-history", id, hours],
    queryFn: async () =>
      data(
        await api.GET("/v1/markets/{id}/history", {
          params: { path: { id: String(id) }, query: { hours: String(hours) } },
        }),
      ).history,
    ...LIVE,
  });
}
