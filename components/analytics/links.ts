import { parseCallQuery, type CallQuery } from "@/lib/calls/query";
import { listHref } from "@/components/calls/list-query";

/**
 * A drill-down: the page's filters plus what a bar, line or cell adds (its own values win), as a
 * /calls URL. The list then shows exactly the calls the figure counted, because both run the
 * same WHERE builder over the same index.
 */
export function drillDown(query: CallQuery, extra: Record<string, string>, pathname = "/calls"): string {
  const own = parseCallQuery(new URLSearchParams(extra));
  const merged: Partial<CallQuery> = { ...query };
  for (const key of Object.keys(extra) as (keyof CallQuery)[]) {
    (merged as Record<string, unknown>)[key] = own[key];
  }
  return listHref(merged, pathname);
}

/** The CSV of one analytics table for the page's filters. */
export function csvHref(
  query: CallQuery,
  figure: "dropoff" | "lines" | "daily" | "intent-agreement",
): string {
  const route = figure === "lines" ? "dropoff" : figure;
  const href = listHref(query, `/api/analytics/${route}`);
  const table = figure === "lines" ? "lines" : figure === "dropoff" ? "rounds" : null;
  const format = table ? `format=csv&table=${table}` : "format=csv";
  return `${href}${href.includes("?") ? "&" : "?"}${format}`;
}
