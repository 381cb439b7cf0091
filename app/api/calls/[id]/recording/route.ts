import { Readable } from "node:stream";
import { metrics } from "@/lib/metrics/registry";
import type { UpstreamAudio } from "@/lib/recording/fetch-recording";
import { parseRange, sliceStream } from "@/lib/recording/range";
import { pullStream } from "@/lib/recording/web-stream";
import { auditPlay } from "@/lib/server/audit";
import { otherMethods, route } from "@/lib/server/handler";

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
  await auditPlay(runtime, session, req, params.id, range);
  req.signal.addEventListener("abort", () => upstream.body.destroy(), { once: true });
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
  const response = answer(upstream, range, headers);
  if (response.status < 300) metrics().recordingsStreamed.inc({ status: String(response.status) });
  return response;
});

function answer(upstream: UpstreamAudio, range: string | null, headers: Headers): Response {
  const size = Number(upstream.headers["content-length"]);
  if (range && upstream.status === 200 && Number.isFinite(size))
    return sliced(upstream.body, range, size, headers);
  if (upstream.status === 416) {
    upstream.body.destroy();
    return new Response(null, { status: 416, headers });
  }
  return new Response(
    pullStream(upstream.body, () => upstream.body.destroy()),
    { status: upstream.status, headers },
  );
}

/** A host that ignores Range sent the whole file: answer the range the browser asked for ourselves. */
function sliced(body: Readable, range: string, size: number, headers: Headers): Response {
  const wanted = parseRange(range, size);
  if (wanted === "unsatisfiable") {
    body.destroy();
    headers.set("content-range", `bytes */${size}`);
    headers.delete("content-length");
    return new Response(null, { status: 416, headers });
  }
  if (!wanted)
    return new Response(
      pullStream(body, () => body.destroy()),
      { status: 200, headers },
    );
  const [start, end] = wanted;
  headers.set("content-range", `bytes ${start}-${end}/${size}`);
  headers.set("content-length", String(end - start + 1));
  const slice = Readable.from(sliceStream(body, start, end)).on("close", () => body.destroy());
  return new Response(pullStream(slice), { status: 206, headers });
}

/** Audio types pass; anything else (OSS sends application/octet-stream) is labelled as the WAV it is. */
function audioType(type: string | undefined): string {
  return type && /^audio\//i.test(type) ? type : "audio/wav";
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
