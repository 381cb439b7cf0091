import { otherMethods, route } from "@/lib/server/handler";
import { inLine } from "@/lib/server/in-line";
import { readListQuery } from "@/lib/server/list-query";
import { agreementCsv, csvResponse, wantsCsv } from "../csv";

export const dynamic = "force-dynamic";

/** GET /api/analytics/intent-agreement — vendor intent against reviewers' intent (supervisors and admins). */
export const GET = route(
  "supervisor",
  inLine(async ({ req, runtime, session }) => {
    const query = await readListQuery(req, runtime, session);
    const agreement = await runtime.calls.intentAgreement(query);
    if (wantsCsv(req.nextUrl.searchParams)) return csvResponse(agreementCsv(agreement));
    return Response.json(agreement, { headers: { "cache-control": "private, no-store" } });
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
