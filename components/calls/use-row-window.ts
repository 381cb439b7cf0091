"use client";

import { useEffect, useState, type RefObject } from "react";
import { renderedRows, visibleRows, type VisibleRows } from "./row-window";

interface RowWindowOptions {
  count: number;
  rowHeight: number;
  /** Pixels above the first row inside the scroller (a sticky header). */
  offset: number;
  /** Rows kept rendered beyond each edge of the viewport. */
  overscan: number;
  /** The viewport assumed before the browser can measure: the server renders that many rows. */
  initialHeight: number;
}

/**
 * The rows of `scrollRef`'s list to render. The state is the visible rows, not pixels, so scrolling
 * re-renders the table once per row crossed rather than once per scroll event.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, options: RowWindowOptions) {
  const { count, rowHeight, offset, overscan, initialHeight } = options;
  const [visible, setVisible] = useState<VisibleRows>(() => visibleRows(0, initialHeight, rowHeight, offset));

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const read = () => {
      const next = visibleRows(element.scrollTop, element.clientHeight, rowHeight, offset);
      setVisible((previous) =>
        previous.top === next.top && previous.bottom === next.bottom ? previous : next,
      );
    };
    read();
    element.addEventListener("scroll", read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(element);
    return () => {
      element.removeEventListener("scroll", read);
      observer.disconnect();
    };
  }, [scrollRef, rowHeight, offset]);

  return renderedRows(visible, count, overscan);
}
