import { seesFullNumbers } from "@/lib/auth/roles";
import { otherMethods, route } from "@/lib/server/handler";
import { inLine } from "@/lib/server/in-line";
import { readListQuery } from "@/lib/server/list-query";
import { maskNumbers } from "@/lib/auth/pii";
import { csvResponse, linesCsv, roundsCsv, wantsCsv } from "../csv";

export const dynamic = "force-dynamic";

/**
 * GET /api/analytics/dropoff — where answered calls lose the customer: by round and by the robot's last
 * line. `format=csv` gives the rounds table (`table=lines`: the lines table).
 */
export const GET = route(
  "operator",
  inLine(async ({ req, runtime, session }) => {
    const query = await readListQuery(req, runtime, session);
    const dropoff = await runtime.calls.dropoff(query);
    if (!seesFullNumbers(session.role)) {
      for (const line of dropoff.byLastRobotLine) line.text = maskNumbers(line.text);
    }
    const params = req.nextUrl.searchParams;
    if (wantsCsv(params)) {
      return csvResponse(params.get("table") === "lines" ? linesCsv(dropoff) : roundsCsv(dropoff));
    }
    return Response.json(dropoff, { headers: { "cache-control": "private, no-store" } });
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
