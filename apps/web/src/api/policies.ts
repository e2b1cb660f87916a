// Query hooks over the API's policies and assessed claims, and the chain reads (through the SDK) that the
// policy and assessor pages add to them: each policy's status, each claim's deadline, the chain's clock.
import {
  CLAIM_STATUSES,
  type ClaimStatus,
  getAssessors,
  getClaim,
  getClaimParams,
  getMarket,
  getPolicyStatus,
} from "@backstop/sdk";
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { useConfig } from "../context.tsx";
import { data, LIVE, type Schemas, useApi } from "./client.ts";

export type Policy = Schemas["Policy"];
export type Claim = Schemas["Claim"];

/** The status name of an API claim's numeric `status` (IAssessedClaims' ClaimStatus). */
export function claimStatusName(status: number): ClaimStatus {
  return CLAIM_STATUSES[status] ?? "NONE";
}

/** The status number of a name, for `/v1/claims?status=`. */
export function claimStatusNumber(name: ClaimStatus): number {
  return CLAIM_STATUSES.indexOf(name);
}

export function usePolicies(owner: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ["policies", owner],
    enabled: owner !== undefined,
    queryFn: async () =>
      data(await api.GET("/v1/policies", { params: { query: { owner: owner as string } } })).policies,
    ...LIVE,
  });
}

/** Assessed claims: of one policy, or in one status. */
export function useClaims(filter: { policyId: number } | { status: ClaimStatus }) {
  const api = useApi();
  const query =
    "policyId" in filter
      ? { policyId: String(filter.policyId) }
      : { status: String(claimStatusNumber(filter.status)) };
  return useQuery({
    queryKey: ["claims", query],
    queryFn: async () => data(await api.GET("/v1/claims", { params: { query } })).claims,
    ...LIVE,
  });
}

/** The SDK's reading of a policy on chain: PENDING, ACTIVE, EXPIRED, CLAIMABLE (payout), PAID (paid), … */
export function usePolicyStatus(policyId: number) {
  const client = usePublicClient();
  const { deployment: d } = useConfig();
  return useQuery({
    queryKey: ["policy-status", policyId],
    enabled: client !== undefined,
    queryFn: () =>
      // biome-ignore lint/style/noNonNullAssertion: enabled only with a client
      getPolicyStatus(client!, {
        coverManager: d.coverManager,
        markets: d.markets,
        settlement: d.settlement,
        assessedClaims: d.assessedClaims,
        policyId: BigInt(policyId),
      }),
    ...LIVE,
  });
}

/** One claim as the contract holds it now: its deadline, market, tally and bond. */
export function useChainClaim(claimId: number) {
  const client = usePublicClient();
  const { deployment: d } = useConfig();
  return useQuery({
    queryKey: ["chain-claim", claimId],
    enabled: client !== undefined,
    // biome-ignore lint/style/noNonNullAssertion: enabled only with a client
    queryFn: () => getClaim(client!, { assessedClaims: d.assessedClaims, claimId: BigInt(claimId) }),
    ...LIVE,
  });
}

/** Every assessor group with its members and rules (voting period, cooldown, quorum). */
export function useAssessorGroups() {
  const client = usePublicClient();
  const { deployment: d } = useConfig();
  return useQuery({
    queryKey: ["assessor-groups"],
    enabled: client !== undefined,
    queryFn: () =>
      // biome-ignore lint/style/noNonNullAssertion: enabled only with a client
      getAssessors(client!, {
        assessedClaims: d.assessedClaims,
        fromBlock: d.startBlock !== undefined ? BigInt(d.startBlock) : "earliest",
      }),
    staleTime: 60_000,
  });
}

/** The members of the assessor group a market's claims go to (empty when it has none). */
export function useMarketAssessors(marketId: number | undefined) {
  const client = usePublicClient();
  const { deployment: d } = useConfig();
  return useQuery({
    queryKey: ["market-assessors", marketId],
    enabled: client !== undefined && marketId !== undefined,
    queryFn: async () => {
      // biome-ignore lint/style/noNonNullAssertion: enabled only with a client
      const r = await getAssessors(client!, {
        assessedClaims: d.assessedClaims,
        marketId: BigInt(marketId as number),
        fromBlock: d.startBlock !== undefined ? BigInt(d.startBlock) : "earliest",
      });
      return r.groups.find((g) => g.groupId === r.marketGroupId)?.members ?? [];
    },
    staleTime: 30_000,
  });
}

/** A market as the registry holds it (the API omits the fast-track limit of assessed claims). */
export function useChainMarket(marketId: number) {
  const client = usePublicClient();
  const { deployment: d } = useConfig();
  return useQuery({
    queryKey: ["chain-market", marketId],
    enabled: client !== undefined,
    queryFn: async () =>
      // biome-ignore lint/style/noNonNullAssertion: enabled only with a client
      (await getMarket(client!, { markets: d.markets, marketId: BigInt(marketId) })).market,
    staleTime: 30_000,
  });
}

/** The shared claim rules: challenge window, claimant's deposit and challenger's bond (bps). */
export function useClaimParams() {
  const client = usePublicClient();
  const { deployment: d } = useConfig();
  return useQuery({
    queryKey: ["claim-params"],
    enabled: client !== undefined,
    // biome-ignore lint/style/noNonNullAssertion: enabled only with a client
    queryFn: () => getClaimParams(client!, { assessedClaims: d.assessedClaims }),
    staleTime: 60_000,
  });
}
