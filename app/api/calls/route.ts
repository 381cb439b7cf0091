import { answerAs } from "@/lib/errors";
import { CallList } from "@/lib/model";
import { route } from "@/lib/server/handler";
import { readListQuery } from "@/lib/server/list-query";
import { presentSummary } from "@/lib/server/present";

export const dynamic = "force-dynamic";

/** GET /api/calls — the index, filtered (CONTRACT.md §3). Opening it on a stale index starts a sync. */
export const GET = route("operator", ({ req, runtime, session }) => {
  const query = readListQuery(req, runtime, session);
  runtime.sync.syncStale();
  const page = runtime.store.calls.list(query, runtime.config.timezone);
  const body = answerAs(CallList, {
    ...page,
    items: page.items.map((call) => presentSummary(call, session)),
  });
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});
