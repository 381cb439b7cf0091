"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import type { ReviewBatchDetail } from "@/lib/model";
import { batchOptions, callInBatchHref, nextInBatch, reviewKeys } from "@/lib/queries/reviews";
import type { CallNeighbors } from "./use-call-neighbors";

export interface BatchContext {
  id: string;
  batch: ReviewBatchDetail | undefined;
  /** 0-based place of this call in the batch's working order; -1 when it is not in the batch. */
  position: number;
  /** n/p follow the batch's order, and keep `?batch=` on the way. */
  neighbors: CallNeighbors;
  /** After a save: the batch's next unreviewed call, or the batch page once every call is done. */
  advance: () => Promise<void>;
}

/** The batch the call page was opened from (`?batch=<id>`), or null. */
export function useBatch(batchId: string | null, callId: string): BatchContext | null {
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({ ...batchOptions(batchId ?? ""), enabled: batchId !== null });
  const batch = query.data;
  const position = batch ? batch.callIds.indexOf(callId) : -1;
  const prev = position > 0 ? batch!.callIds[position - 1]! : null;
  const next =
    batch && position >= 0 && position < batch.callIds.length - 1 ? batch.callIds[position + 1]! : null;

  const href = useCallback((id: string) => callInBatchHref(id, batchId), [batchId]);
  const go = useCallback(
    (direction: "prev" | "next") => {
      const target = direction === "prev" ? prev : next;
      if (target) router.push(href(target));
    },
    [prev, next, router, href],
  );
  useEffect(() => {
    if (next) router.prefetch(href(next));
  }, [next, router, href]);

  const advance = useCallback(async () => {
    if (!batchId) return;
    const following = await nextInBatch(batchId, callId);
    await queryClient.invalidateQueries({ queryKey: reviewKeys.batch(batchId) });
    void queryClient.invalidateQueries({ queryKey: reviewKeys.batches });
    router.push(following ? href(following) : `/reviews/${batchId}`);
  }, [batchId, callId, queryClient, router, href]);

  const neighbors = useMemo<CallNeighbors>(
    () => ({ listQuery: null, prev, next, go, href }),
    [prev, next, go, href],
  );
  if (!batchId) return null;
  return { id: batchId, batch, position, neighbors, advance };
}
