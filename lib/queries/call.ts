import { queryOptions } from "@tanstack/react-query";
import { PEAK_POINTS, peakPointsFor } from "@/lib/peak-resolutions";
import type { Intent, Review, ReviewStatus } from "@/lib/model";
import { callKeys } from "./calls";
import { fetchJson } from "./fetch-json";

/**
 * Queries of the call page beyond the detail itself (callDetailOptions lives in ./calls): the
 * waveform's peaks, the neighbours in the list the reader came from, and the review mutation.
 */

/** Where the list page leaves the query string of the list the reader came from (sessionStorage). */
export const LIST_CONTEXT_KEY = "callscope:list-context";

/** GET /api/calls/{id}/peaks: one array per channel, `length` values 0..1 evenly spread over the recording. */
export interface Peaks {
  durationMs: number;
  sampleRate: number;
  channels: number;
  length: number;
  peaks: number[][];
}

/** The shared resolution (see lib/peak-resolutions.ts). */
export { PEAK_POINTS };

/** The resolution the waveform asks for (shared with the server, whose first read of a recording leaves it). */
export { peakPointsFor };

/**
 * The waveform's peaks, one request per call (the server computes and caches each resolution once).
 * A short call uses the shared resolution; a long one gets enough points that the few seconds around
 * the play head still show their shape when zoomed in (a 30-minute call: 51,200 points) — fetching finer peaks later would mean reloading the player mid-play.
 */
export function waveformPeaksOptions(id: string, expectedDurationMs: number) {
  const points = peakPointsFor(expectedDurationMs);
  return queryOptions({
    queryKey: ["calls", "peaks", id, points] as const,
    queryFn: ({ signal }) => fetchJson<Peaks>(`/api/calls/${id}/peaks?points=${points}`, { signal }),
    // A recording does not change: peaks are fetched once per visit.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: false,
  });
}

export interface Neighbors {
  prev: string | null;
  next: string | null;
}

/** `listQuery` is the list's query string without "?" ("" = the default list order). */
export function callNeighborsOptions(id: string, listQuery: string) {
  return queryOptions({
    queryKey: ["calls", "neighbors", id, listQuery] as const,
    queryFn: ({ signal }) =>
      fetchJson<Neighbors>(`/api/calls/${id}/neighbors${listQuery ? `?${listQuery}` : ""}`, { signal }),
    staleTime: 60_000,
    retry: false,
  });
}

export interface ReviewPatch {
  status?: ReviewStatus;
  intent?: Intent | null;
  note?: string | null;
}

export function patchReview(id: string, patch: ReviewPatch): Promise<Review> {
  return fetchJson<Review>(`/api/calls/${id}/review`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
}

/** Keys a saved review makes stale: any list or stats could now count the call differently. */
export const reviewInvalidates = [
  [...callKeys.all, "list"],
  [...callKeys.all, "stats"],
] as const;
