import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { filtersOf, serializeCallQuery, type CallQuery } from "@/lib/calls/query";
import { CallDetail, CallList, SourceStatus, type CallResult, type Intent } from "@/lib/model";
import { z } from "zod";
import { fetchJson } from "./fetch-json";

/**
 * queryOptions factories: one place that knows each endpoint's URL, key and parsing, shared by the
 * server (prefetch) and the client (hooks). The filters *are* the key, so every filter change is its
 * own cache entry and back/forward is instant.
 */

export const callKeys = {
  all: ["calls"] as const,
  list: (query: CallQuery) =>
    ["calls", "list", serializeCallQuery(query, { limit: true }).toString()] as const,
  stats: (query: CallQuery) => ["calls", "stats", serializeCallQuery(filtersOf(query)).toString()] as const,
  detail: (id: string) => ["calls", "detail", id] as const,
  sources: ["sources"] as const,
};

export function callListOptions(query: CallQuery) {
  return infiniteQueryOptions({
    queryKey: callKeys.list(query),
    queryFn: ({ pageParam, signal }) => {
      const params = serializeCallQuery({ ...query, cursor: pageParam }, { cursor: true, limit: true });
      return fetchJson(`/api/calls?${params.toString()}`, {
        signal,
        parse: (value) => CallList.parse(value),
      });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const CallStats = z.object({
  total: z.number(),
  answered: z.number(),
  byResult: z.record(z.string(), z.number()),
  byIntent: z.record(z.string(), z.number()),
});
export type CallStats = z.infer<typeof CallStats> & {
  byResult: Partial<Record<CallResult, number>>;
  byIntent: Partial<Record<Intent | "none", number>>;
};

export function callStatsOptions(query: CallQuery) {
  return queryOptions({
    queryKey: callKeys.stats(query),
    queryFn: ({ signal }) =>
      fetchJson(`/api/calls/stats?${serializeCallQuery(filtersOf(query)).toString()}`, {
        signal,
        parse: (value) => CallStats.parse(value) as CallStats,
      }),
  });
}

export function callDetailOptions(id: string) {
  return queryOptions({
    queryKey: callKeys.detail(id),
    queryFn: ({ signal }) =>
      fetchJson(`/api/calls/${id}`, { signal, parse: (value) => CallDetail.parse(value) }),
    staleTime: 30_000,
  });
}

export function sourcesOptions() {
  return queryOptions({
    queryKey: callKeys.sources,
    queryFn: ({ signal }) =>
      fetchJson("/api/sources", { signal, parse: (value) => z.array(SourceStatus).parse(value) }),
    // While any source syncs, watch it move; otherwise a calm refresh.
    refetchInterval: (query) =>
      query.state.data?.some((source) => source.sync.state === "syncing") ? 1_000 : 15_000,
  });
}
