import { invalidQuery } from "@/lib/errors";
import { auditPlay } from "@/lib/server/audit";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/calls/{id}/peaks[?points=N] — waveform peaks computed on the server (and cached), for drawing without decoding. */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime, session }) => {
  const raw = req.nextUrl.searchParams.get("points");
  let points: number | null = null;
  if (raw !== null && raw !== "") {
    points = Number(raw);
    if (!Number.isInteger(points) || points < 50 || points > 100_000) {
      throw invalidQuery("points", "must be a whole number from 50 to 100000");
    }
  }
  const peaks = await runtime.peaks.get(params.id, points);
  auditPlay(runtime, session, req, params.id, null, "peaks.download");
  return Response.json(peaks, { headers: { "cache-control": "private, max-age=86400" } });
});
