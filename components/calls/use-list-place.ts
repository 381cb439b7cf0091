"use client";

import { useEffect, useRef, type RefObject } from "react";

const KEY = "callscope:list-place";

interface Place {
  /** The list it was (filters and sort, as listHref writes them). */
  key: string;
  /** The call last highlighted or opened. */
  id: string | null;
  scrollTop: number;
}

/**
 * Where the reader was in the list, kept for the way back from a call. Thirty rows down, Enter, then
 * Back: the list came back at the top with nothing highlighted, and the next `j` took row one. The
 * place is saved when the list goes (to a call, by link, click or Enter) and given back once to the
 * same list (same filters and sort), when its rows are there again to scroll to.
 */
export function useListPlace(options: {
  scrollRef: RefObject<HTMLDivElement | null>;
  listKey: string;
  /** The highlighted call now, if any. */
  highlighted: string | null;
  rowsLoaded: number;
  rowHeight: number;
  /** Highlights that call (and focuses its row) without scrolling. */
  restore: (id: string) => void;
}) {
  const { scrollRef, listKey, highlighted, rowsLoaded, rowHeight, restore } = options;
  const latest = useRef({ listKey, highlighted, opened: null as string | null });
  useEffect(() => {
    latest.current = { ...latest.current, listKey, highlighted };
  }, [listKey, highlighted]);
  const pending = useRef<Place | null>(null);

  // Read once: the place this list was left at, if it is this list.
  useEffect(() => {
    try {
      const place = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Place | null;
      sessionStorage.removeItem(KEY);
      if (place && place.key === latest.current.listKey) pending.current = place;
    } catch {
      // storage off: the list starts at the top, as it always did
    }
  }, []);

  // Given back when the rows it was among are loaded (the cached pages, on the way back).
  useEffect(() => {
    const place = pending.current;
    const element = scrollRef.current;
    if (!place || !element || place.key !== listKey) return;
    if (rowsLoaded * rowHeight < place.scrollTop) return;
    pending.current = null;
    element.scrollTop = place.scrollTop;
    if (place.id) restore(place.id);
  }, [listKey, rowsLoaded, rowHeight, scrollRef, restore]);

  // A row's link clicked (or opened with Enter) is the call the reader went to. The scroll is noted
  // as it happens: by the time the list is gone, its element reads 0.
  const scrollTop = useRef(0);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>("[data-call-id]");
      if (row) latest.current.opened = row.dataset.callId ?? null;
    };
    const onScroll = () => (scrollTop.current = element.scrollTop);
    element.addEventListener("click", onClick, true);
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      element.removeEventListener("click", onClick, true);
      element.removeEventListener("scroll", onScroll);
    };
  }, [scrollRef]);

  // Saved as the list goes away.
  useEffect(() => {
    return () => {
      const { listKey: key, highlighted: id, opened } = latest.current;
      try {
        sessionStorage.setItem(
          KEY,
          JSON.stringify({ key, id: opened ?? id, scrollTop: scrollTop.current } satisfies Place),
        );
      } catch {
        // storage full or off: nothing kept
      }
    };
  }, [scrollRef]);
}
