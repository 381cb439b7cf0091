"use client";

import { useQueryClient, type InfiniteData, type Query } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { CallList, SourceStatus } from "@/lib/model";

/** A list scrolled this deep is being read: refetching every loaded page under the reader is not worth it. */
const REFRESH_MAX_PAGES = 3;

const isStats = (query: Query) => query.queryKey[0] === "calls" && query.queryKey[1] === "stats";
const isList = (query: Query) => query.queryKey[0] === "calls" && query.queryKey[1] === "list";
const pagesOf = (query: Query) => (query.state.data as InfiniteData<CallList> | undefined)?.pages.length ?? 0;

/**
 * New calls arrive by sync, not by the list asking. Refresh the summary and short lists when a sync
 * run ends (deep lists are only marked stale, and refresh on their next use), and while the list is
 * still empty (the first sync) whenever the index grew, so the first rows show as soon as they exist.
 */
export function useRefreshOnSync(sources: SourceStatus[] | undefined, listEmpty: boolean): void {
  const client = useQueryClient();
  const previous = useRef<{ syncing: Set<string>; calls: number } | null>(null);

  useEffect(() => {
    if (!sources) return;
    const syncing = new Set(
      sources.filter((source) => source.sync.state === "syncing").map((source) => source.id),
    );
    const calls = sources.reduce((sum, source) => sum + source.sync.calls, 0);
    const before = previous.current;
    previous.current = { syncing, calls };
    if (!before) return;
    const finished = [...before.syncing].some((id) => !syncing.has(id));
    const grewWhileEmpty = listEmpty && calls > before.calls;
    if (!finished && !grewWhileEmpty) return;
    void client.invalidateQueries({ predicate: isStats });
    void client.invalidateQueries({
      predicate: (query) => isList(query) && pagesOf(query) <= REFRESH_MAX_PAGES,
    });
    void client.invalidateQueries({
      predicate: (query) => isList(query) && pagesOf(query) > REFRESH_MAX_PAGES,
      refetchType: "none",
    });
  }, [sources, listEmpty, client]);
}
