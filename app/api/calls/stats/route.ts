import { CallStats } from "@/lib/api/calls";
import { answerAs } from "@/lib/errors";
import { otherMethods, route } from "@/lib/server/handler";
import { inLine } from "@/lib/server/in-line";
import { readListQuery } from "@/lib/server/list-query";

export const dynamic = "force-dynamic";

/** GET /api/calls/stats — totals for the current filters: answer rate, counts by result and by intent. */
export const GET = route(
  "operator",
  inLine(async ({ req, runtime, session }) => {
    const query = await readListQuery(req, runtime, session);
    const stats = await runtime.calls.stats(query);
    return Response.json(answerAs(CallStats, stats), { headers: { "cache-control": "private, no-store" } });
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
