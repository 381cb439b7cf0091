import {
  readCallQueryLenient,
  serializeCallQuery,
  type CallQuery,
  type IgnoredParam,
  type SortField,
} from "@/lib/calls/query";

/**
 * The list page's view of the URL, shared by the server page (prefetch) and the client (hooks),
 * so both ask for exactly the same thing.
 */

/** The current filter and how many calls match it: what the list's actions (export, review batch) act on. */
export interface CurrentList {
  query: CallQuery;
  total: number | null;
  /** The total is estimated from a sample (a common text search with other filters, a rounds or duration range): said "about". */
  totalIsEstimate?: boolean;
}

/** Rows per request while scrolling: enough to fill two screens, small enough to answer fast on 100k calls. */
export const LIST_PAGE_SIZE = 100;

/** The list's query as the URL says it (the URL is its only home), with the page size the list pages by. */
export function listQueryOf(params: URLSearchParams): CallQuery {
  return listReadOf(params).query;
}

/** listQueryOf, with the parameters it could not read (IgnoredFilters says which). */
export function listReadOf(params: URLSearchParams): { query: CallQuery; ignored: IgnoredParam[] } {
  const { query, ignored } = readCallQueryLenient(params);
  return { query: { ...query, limit: LIST_PAGE_SIZE, cursor: null }, ignored };
}

/**
 * `?intent=A%2CB&sort=durationSec%3Adesc` → `?intent=A,B&sort=durationSec:desc`: both read the same, but
 * a link people paste into chat should look like the API's documentation.
 */
export function listHref(query: Partial<CallQuery>, pathname = "/calls"): string {
  const search = serializeCallQuery(query).toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * The sort after a click on a sortable column's header: the worst (largest, latest) first, then
 * flipped; never off (the list always has an order).
 */
export function nextSort(current: CallQuery["sort"], field: SortField): CallQuery["sort"] {
  if (current.field !== field) return { field, dir: "desc" };
  return { field, dir: current.dir === "desc" ? "asc" : "desc" };
}
