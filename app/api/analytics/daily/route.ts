import { otherMethods, route } from "@/lib/server/handler";
import { inLine } from "@/lib/server/in-line";
import { readListQuery } from "@/lib/server/list-query";
import { csvResponse, dailyCsv, wantsCsv } from "../csv";

export const dynamic = "force-dynamic";

/** GET /api/analytics/daily — calls, answered, customer hang-ups and intent mix per day in the configured zone. */
export const GET = route(
  "operator",
  inLine(async ({ req, runtime, session }) => {
    const query = await readListQuery(req, runtime, session);
    const days = await runtime.calls.daily(query);
    if (wantsCsv(req.nextUrl.searchParams)) return csvResponse(dailyCsv(days));
    return Response.json(days, { headers: { "cache-control": "private, no-store" } });
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
