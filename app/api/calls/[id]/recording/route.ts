import { Readable } from "node:stream";
import { auditPlay } from "@/lib/server/audit";
import { route } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

const PASSED_HEADERS = ["content-length", "content-range", "last-modified", "etag"];

/**
 * GET /api/calls/{id}/recording — the vendor's audio, streamed through: Range passes both ways
 * (206 + Content-Range, 416), the upstream read stops when the browser goes away, and the
 * vendor's signed URL never reaches the browser.
 */
export const GET = route<{ id: string }>("operator", async ({ req, params, runtime, session }) => {
  const range = req.headers.get("range");
  const upstream = await runtime.recordings.open(params.id, range, req.signal);
  auditPlay(runtime, session, req, params.id, range);
  const headers = new Headers({
    "content-type": audioType(upstream.headers["content-type"]),
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  req.signal.addEventListener("abort", () => upstream.body.destroy(), { once: true });
  const body = upstream.status === 416 ? null : (Readable.toWeb(upstream.body) as ReadableStream<Uint8Array>);
  if (!body) upstream.body.destroy();
  return new Response(body, { status: upstream.status, headers });
});

/** Audio types pass; anything else (OSS sends application/octet-stream) is labelled as the WAV it is. */
function audioType(type: string | undefined): string {
  return type && /^audio\//i.test(type) ? type : "audio/wav";
}
