import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { filtersOf, serializeCallQuery, type CallQuery } from "@/lib/calls/query";
import type { CallDetail, CallList, CallResult, Intent, SourceStatus } from "@/lib/model";
import { fetchJson } from "./fetch-json";

/**
 * queryOptions factories: one place that knows each endpoint's URL, key and answer type, shared by
 * the server (prefetch) and the client (hooks). The filters *are* the key, so every filter change is
 * its own cache entry and back/forward is instant. Answers are typed, not re-validated here: the
 * server checks every answer against the model before sending it, and keeping the schema library out
 * of the browser keeps the list page's first load small.
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
      return fetchJson<CallList>(`/api/calls?${params.toString()}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** GET /api/calls/stats: totals for the filters. */
export interface CallStats {
  total: number;
  answered: number;
  byResult: Partial<Record<CallResult, number>>;
  byIntent: Partial<Record<Intent | "none", number>>;
  /** Calls raising any alert, and per alert name. */
  alerting?: number;
  byAlert?: Record<string, number>;
  /**
   * Present when the figures are estimates from a sample: of a common text search's matches, or
   * (basis "calls") of the calls, for filters matching many calls (`matches` is then the estimate).
   */
  estimate?: { sampled: number; matches: number; basis?: "calls" };
}

export function callStatsOptions(query: CallQuery) {
  return queryOptions({
    queryKey: callKeys.stats(query),
    queryFn: ({ signal }) =>
      fetchJson<CallStats>(`/api/calls/stats?${serializeCallQuery(filtersOf(query)).toString()}`, { signal }),
  });
}

export function callDetailOptions(id: string) {
  return queryOptions({
    queryKey: callKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<CallDetail>(`/api/calls/${id}`, { signal }),
    staleTime: 30_000,
  });
}

export function sourcesOptions() {
  return queryOptions({
    queryKey: callKeys.sources,
    queryFn: ({ signal }) => fetchJson<SourceStatus[]>("/api/sources", { signal }),
    // While any source syncs, watch it move; otherwise a calm refresh.
    refetchInterval: (query) =>
      query.state.data?.some((source) => source.sync.state === "syncing") ? 1_000 : 15_000,
  });
}
