"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { EMPTY_QUERY, type CallQuery } from "@/lib/calls/query";
import { listHref, listQueryOf, listReadOf } from "./list-query";

export type UpdateMode = "push" | "replace";

/**
 * Reads and writes the list's filters in the URL. Writes go through the History API, which Next.js
 * folds into its router: useSearchParams follows, back/forward work, and no server round trip is
 * made for a filter change (React Query fetches the data).
 *
 * The router applies a URL change in a transition, a moment later; until it has, the query just
 * written is shown (so a checkbox does not flicker back), and the URL stays the only home of the state.
 */
export function useCallQuery() {
  const searchParams = useSearchParams();
  const key = searchParams.toString();
  const { query: urlQuery, ignored } = useMemo(() => listReadOf(new URLSearchParams(key)), [key]);
  const [written, setWritten] = useState<{ from: string; query: CallQuery } | null>(null);
  const rendered = useRef(key);
  useEffect(() => {
    rendered.current = key;
  }, [key]);
  // Once the router shows another URL (the one written, or back/forward), the URL rules again, for good:
  // going back to the URL the write started from must not bring the written query back.
  const pending = written !== null && written.from === key;
  if (written && !pending) setWritten(null);
  const query = pending ? written.query : urlQuery;

  const update = useCallback((patch: Partial<CallQuery>, mode: UpdateMode = "push") => {
    // Read the URL at write time: a debounced input may write after other filters changed.
    const current = listQueryOf(new URLSearchParams(window.location.search));
    const next = { ...current, ...patch };
    const href = listHref(next, window.location.pathname);
    if (href === listHref(current, window.location.pathname)) return;
    window.history[mode === "push" ? "pushState" : "replaceState"](null, "", href);
    setWritten({
      from: rendered.current,
      query: listQueryOf(new URL(href, window.location.href).searchParams),
    });
  }, []);

  /** Every filter off; the sort stays (it is how the user reads the list, not what it holds). */
  const clear = useCallback(() => {
    const current = listQueryOf(new URLSearchParams(window.location.search));
    update({ ...EMPTY_QUERY, sort: current.sort });
  }, [update]);

  return { query, update, clear, ignored };
}
