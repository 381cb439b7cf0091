import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/calls/stats — totals for the current filters: answer rate, counts by result and by intent. */
export const GET = route("operator", ({ req, runtime }) => {
  const query = parseCallQuery(req.nextUrl.searchParams);
  const stats = runtime.store.calls.stats(filtersOf(query), runtime.config.timezone);
  return Response.json(stats, { headers: { "cache-control": "private, no-store" } });
});
