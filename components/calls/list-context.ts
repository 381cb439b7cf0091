import { serializeCallQuery, type CallQuery } from "@/lib/calls/query";
import { LIST_CONTEXT_KEY } from "@/lib/queries/call";

/** Remembers the list's query for the call page; kept out of the call's URL so its link stays `/calls/{id}`. */
export function saveListContext(query: CallQuery): void {
  try {
    sessionStorage.setItem(LIST_CONTEXT_KEY, serializeCallQuery(query).toString());
  } catch {
    // Storage may be full or disabled (private mode): the call page then simply offers no neighbours.
  }
}

/** `/calls/{id}` exactly: external tests and shared links rely on it. */
export function callHref(id: string): string {
  return `/calls/${id}`;
}
