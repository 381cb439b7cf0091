/**
 * Which rows of a fixed-row-height list are on screen (plus a margin). Every row of the calls table
 * is exactly one height, so this is arithmetic: no measuring, no per-row bookkeeping. (TanStack
 * Virtual did this job before; its 3.19 core is 9.9 KB gzipped, 5 % of the list route's JS budget,
 * for dynamic measurement and smooth scrolling this table never uses.)
 */

/** The rows the viewport shows, as indexes (not yet limited to the rows that exist). */
export interface VisibleRows {
  top: number;
  bottom: number;
}

/** `offset`: pixels above the first row inside the scroller (a sticky header). */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  offset: number,
): VisibleRows {
  const top = Math.max(0, scrollTop - offset);
  const bottom = Math.max(0, scrollTop + viewportHeight - offset);
  return { top: Math.floor(top / rowHeight), bottom: Math.max(0, Math.ceil(bottom / rowHeight) - 1) };
}

/** First and last row to render, inclusive; `last < first` when there are no rows. */
export function renderedRows(visible: VisibleRows, count: number, overscan: number) {
  if (count <= 0) return { first: 0, last: -1 };
  const first = Math.min(count - 1, Math.max(0, visible.top - overscan));
  const last = Math.min(count - 1, visible.bottom + overscan);
  return { first, last: Math.max(first, last) };
}
