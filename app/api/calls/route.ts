import { answerAs } from "@/lib/errors";
import { CallList } from "@/lib/model";
import { serializeCallQuery } from "@/lib/calls/query";
import { audit } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";
import { inLine } from "@/lib/server/in-line";
import { readListQuery } from "@/lib/server/list-query";
import { presentSummary } from "@/lib/server/present";

export const dynamic = "force-dynamic";

/** The list page's own size: first pages up to it are not audited, larger ones and later pages are. */
const AUDIT_PAGE_OVER = 100;

/** GET /api/calls — the index, filtered (CONTRACT.md §3). Opening it on a stale index starts a sync. */
export const GET = route(
  "operator",
  inLine(async ({ req, runtime, session }) => {
    const query = await readListQuery(req, runtime, session);
    runtime.sync.syncStale();
    const page = await runtime.calls.list(query);
    // Reading the list in bulk (large pages, or paging on) is recorded like an export.
    if (query.limit > AUDIT_PAGE_OVER || query.cursor)
      await audit(runtime, session, req, "calls.page", null, {
        query: serializeCallQuery(query).toString(),
        limit: query.limit,
        next: Boolean(query.cursor),
        rows: page.items.length,
      });
    const body = answerAs(CallList, {
      ...page,
      items: page.items.map((call) => presentSummary(call, session)),
    });
    return Response.json(body, { headers: { "cache-control": "private, no-store" } });
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
