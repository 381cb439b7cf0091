import { queryOptions } from "@tanstack/react-query";
import type { CallAlignment } from "@/lib/model";
import { fetchJson } from "./fetch-json";

/**
 * GET /api/calls/{id}/alignment: the transcript's lines placed on the recording's detected speech.
 * Fetched beside the detail, never before it: the page shows the transcript at once with its
 * estimated times and takes the aligned ones when they arrive. `null`: the call has no recording
 * (404), so there is nothing to align and nothing to retry.
 */
export function callAlignmentOptions(id: string) {
  return queryOptions({
    queryKey: ["calls", "alignment", id] as const,
    queryFn: async ({ signal }): Promise<CallAlignment | null> => {
      try {
        return await fetchJson<CallAlignment>(`/api/calls/${id}/alignment`, { signal });
      } catch (err) {
        if (statusOf(err) === 404) return null;
        throw err;
      }
    },
    // Computed once per recording and transcript on the server; a visit needs it once.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: false,
  });
}

/** The HTTP status an ApiError carries (read structurally: error classes are not told apart by instanceof). */
function statusOf(err: unknown): number | null {
  const status = typeof err === "object" && err !== null ? (err as { status?: unknown }).status : null;
  return typeof status === "number" ? status : null;
}
