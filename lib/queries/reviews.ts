import { queryOptions } from "@tanstack/react-query";
import type { Annotation, AnnotationLabel, ReviewBatch, ReviewBatchDetail, StratifyBy } from "@/lib/model";
import { fetchJson } from "./fetch-json";

/** Review batches and annotations: keys, reads and writes, shared by server prefetch and the client. */

export const reviewKeys = {
  batches: ["review-batches"] as const,
  batch: (id: string) => ["review-batches", id] as const,
  annotations: (callId: string) => ["calls", "annotations", callId] as const,
};

export function batchesOptions() {
  return queryOptions({
    queryKey: reviewKeys.batches,
    queryFn: ({ signal }) => fetchJson<ReviewBatch[]>("/api/review-batches", { signal }),
    refetchInterval: 30_000,
  });
}

export function batchOptions(id: string) {
  return queryOptions({
    queryKey: reviewKeys.batch(id),
    queryFn: ({ signal }) => fetchJson<ReviewBatchDetail>(`/api/review-batches/${id}`, { signal }),
    // Others work the same batch: its progress moves while it is open.
    refetchInterval: 30_000,
    retry: false,
  });
}

export interface NewBatch {
  name: string;
  query: string;
  size?: number;
  share?: number;
  stratify?: StratifyBy | null;
}

export function createBatch(batch: NewBatch): Promise<ReviewBatchDetail> {
  return fetchJson<ReviewBatchDetail>("/api/review-batches", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(batch),
  });
}

/** The batch's next unreviewed call (after `after`, wrapping round), or null when every call is done. */
export async function nextInBatch(id: string, after?: string | null): Promise<string | null> {
  const response = await fetchJson<{ id: string } | null>(
    `/api/review-batches/${id}/next${after ? `?after=${encodeURIComponent(after)}` : ""}`,
  );
  return response?.id ?? null;
}

export function annotationsOptions(callId: string) {
  return queryOptions({
    queryKey: reviewKeys.annotations(callId),
    queryFn: ({ signal }) => fetchJson<Annotation[]>(`/api/calls/${callId}/annotations`, { signal }),
    staleTime: 30_000,
  });
}

export interface NewAnnotation {
  atMs?: number | null;
  utterance?: number | null;
  label: AnnotationLabel;
  note?: string | null;
}

export function addAnnotation(callId: string, annotation: NewAnnotation): Promise<Annotation> {
  return fetchJson<Annotation>(`/api/calls/${callId}/annotations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(annotation),
  });
}

export async function deleteAnnotation(callId: string, id: string): Promise<void> {
  await fetchJson<null>(`/api/calls/${callId}/annotations/${id}`, { method: "DELETE" });
}

/** The call page opened from a batch: `?batch=<id>` on its URL. */
export function callInBatchHref(callId: string, batchId: string | null): string {
  return batchId ? `/calls/${callId}?batch=${encodeURIComponent(batchId)}` : `/calls/${callId}`;
}
