import { invalidQuery } from "@/lib/errors";
import { PEAK_RESOLUTIONS } from "@/lib/peak-resolutions";
import { auditPlay } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/** GET /api/calls/{id}/peaks[?points=N] (N one of PEAK_RESOLUTIONS) — waveform peaks computed on the server (and cached), for drawing without decoding. */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime, session }) => {
  const raw = req.nextUrl.searchParams.get("points");
  let points: number | null = null;
  if (raw !== null && raw !== "") {
    // A few fixed resolutions: each new one reads the whole recording again and keeps a row.
    points = Number(raw);
    if (!(PEAK_RESOLUTIONS as readonly number[]).includes(points)) {
      throw invalidQuery("points", `must be one of ${PEAK_RESOLUTIONS.join(", ")}`);
    }
  }
  const peaks = await runtime.peaks.get(params.id, points);
  await auditPlay(runtime, session, req, params.id, null, "peaks.download");
  return Response.json(peaks, { headers: { "cache-control": "private, max-age=86400" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
