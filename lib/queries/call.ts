import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { Review, type Intent, type ReviewStatus } from "@/lib/model";
import { callKeys } from "./calls";
import { fetchJson } from "./fetch-json";

/**
 * Queries of the call page beyond the detail itself (callDetailOptions lives in ./calls): the
 * waveform's peaks, the neighbours in the list the reader came from, and the review mutation.
 */

/** Where the list page leaves the query string of the list the reader came from (sessionStorage). */
export const LIST_CONTEXT_KEY = "callscope:list-context";

export const Peaks = z.object({
  durationMs: z.number().nonnegative(),
  sampleRate: z.number().positive(),
  channels: z.number().int().positive(),
  length: z.number().int().nonnegative(),
  peaks: z.array(z.array(z.number())),
});
export type Peaks = z.infer<typeof Peaks>;

/**
 * One resolution for every screen (the server caches per resolution, and each new one reads the whole
 * recording again): enough for a 4K-wide waveform of 2–3 px bars, ~30 KB of JSON for a stereo call.
 */
export const PEAK_POINTS = 1600;

export function callPeaksOptions(id: string) {
  return queryOptions({
    queryKey: ["calls", "peaks", id] as const,
    queryFn: ({ signal }) =>
      fetchJson(`/api/calls/${id}/peaks?points=${PEAK_POINTS}`, { signal, parse: (value) => Peaks.parse(value) }),
    // A recording does not change: peaks are fetched once per visit.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: false,
  });
}

export const Neighbors = z.object({ prev: z.string().nullable(), next: z.string().nullable() });
export type Neighbors = z.infer<typeof Neighbors>;

/** `listQuery` is the list's query string without "?" ("" = the default list order). */
export function callNeighborsOptions(id: string, listQuery: string) {
  return queryOptions({
    queryKey: ["calls", "neighbors", id, listQuery] as const,
    queryFn: ({ signal }) =>
      fetchJson(`/api/calls/${id}/neighbors${listQuery ? `?${listQuery}` : ""}`, {
        signal,
        parse: (value) => Neighbors.parse(value),
      }),
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
  return fetchJson(`/api/calls/${id}/review`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
    parse: (value) => Review.parse(value),
  });
}

/** Keys a saved review makes stale: any list or stats could now count the call differently. */
export const reviewInvalidates = [
  [...callKeys.all, "list"],
  [...callKeys.all, "stats"],
] as const;
