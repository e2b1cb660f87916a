// Capital hooks over the API: an LP's positions and one pool with the markets it backs.
import { useQuery } from "@tanstack/react-query";
import { data, LIVE, type Schemas, useApi } from "./client.ts";

export type Position = Schemas["Position"];
export type PoolDetail = Schemas["PoolDetail"];

/** `/v1/positions/{address}`: shares, value, deposits, withdrawals, earned premium and any redeem request. */
export function usePositions(owner: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ["positions", owner],
    enabled: owner !== undefined,
    queryFn: async () =>
      data(await api.GET("/v1/positions/{address}", { params: { path: { address: owner ?? "" } } })),
    ...LIVE,
  });
}

/** `/v1/pools/{address}`: the pool with its backing (per market: weight, curve, capacity, exposure, cover). */
export function usePoolDetail(address: string) {
  const api = useApi();
  return useQuery({
    queryKey: ["pool", address],
    queryFn: async () => data(await api.GET("/v1/pools/{address}", { params: { path: { address } } })).pool,
    ...LIVE,
  });
}
