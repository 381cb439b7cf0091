"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useSyncExternalStore } from "react";
import { callNeighborsOptions, LIST_CONTEXT_KEY } from "@/lib/queries/call";

/** The list the reader came from (its query string, no "?"), as the list page left it; "" = default order. */
function readListContext(): string {
  try {
    return (sessionStorage.getItem(LIST_CONTEXT_KEY) ?? "").replace(/^\?/, "");
  } catch {
    return "";
  }
}

/** The list context only changes on the list page, never while this page is open. */
const subscribeNever = () => () => {};

export interface CallNeighbors {
  /** null until the browser's list context has been read. */
  listQuery: string | null;
  prev: string | null;
  next: string | null;
  go: (direction: "prev" | "next") => void;
  /** Where a neighbour's link goes (a batch keeps `?batch=` on it); `/calls/{id}` when absent. */
  href?: (id: string) => string;
}

/** Previous/next call in the order of the list the reader came from; n/p and the header buttons use it. */
export function useCallNeighbors(id: string): CallNeighbors {
  const router = useRouter();
  // sessionStorage exists only in the browser: null on the server and during hydration.
  const listQuery = useSyncExternalStore(subscribeNever, readListContext, () => null);

  const neighbors = useQuery({ ...callNeighborsOptions(id, listQuery ?? ""), enabled: listQuery !== null });
  const prev = neighbors.data?.prev ?? null;
  const next = neighbors.data?.next ?? null;

  // The next call is the likely click: have its page ready.
  useEffect(() => {
    if (next) router.prefetch(`/calls/${next}`);
    if (prev) router.prefetch(`/calls/${prev}`);
  }, [next, prev, router]);

  const go = useCallback(
    (direction: "prev" | "next") => {
      const target = direction === "prev" ? prev : next;
      if (target) router.push(`/calls/${target}`);
    },
    [prev, next, router],
  );

  return { listQuery, prev, next, go };
}
