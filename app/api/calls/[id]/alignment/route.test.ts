import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as detailRoute } from "@/app/api/calls/[id]/route";
import { GET as peaksRoute } from "@/app/api/calls/[id]/peaks/route";
import { parseCallQuery } from "@/lib/calls/query";
import { CallAlignment, CallDetail } from "@/lib/model";
import { peakPointsFor } from "@/lib/peak-resolutions";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";
import { GET } from "./route";

let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
/** Recording downloads the simulator served, per vendor call path. */
let downloads = 0;
let failRecordings: "garbage" | null = null;

beforeAll(async () => {
  env = await startSimulatedRuntime({
    calls: 40,
    simulator: {
      intercept: (request, _req, res) => {
        if (request.prefix !== "/oss") return false;
        downloads++;
        if (failRecordings === "garbage") {
          res.writeHead(200, { "content-type": "audio/wav", "content-length": "64" });
          res.end(Buffer.alloc(64, 0x41));
          return true;
        }
        return false;
      },
    },
  });
  await env.runtime.sync.syncAll("test");
});
afterAll(() => env.close());

/** Answered calls with a recording and a transcript, of one source (or any). */
async function answered(source?: string): Promise<{ id: string; durationSec: number | null }[]> {
  const query = parseCallQuery(
    new URLSearchParams(`result=answered&roundsMin=2&limit=100${source ? `&source=${source}` : ""}`),
  );
  return (await env.runtime.store.calls.list(query, "Asia/Shanghai")).items
    .filter((call) => call.hasRecording)
    .map((call) => ({ id: call.id, durationSec: call.durationSec }));
}

async function alignment(id: string, role: "operator" | null = "operator") {
  return GET(await requestAs(role, `/api/calls/${id}/alignment`), paramsOf({ id }));
}

async function detail(id: string): Promise<CallDetail> {
  const response = await detailRoute(await requestAs("operator", `/api/calls/${id}`), paramsOf({ id }));
  expect(response.status).toBe(200);
  return CallDetail.parse(await response.json());
}

describe("GET /api/calls/{id}/alignment", () => {
  test("aligns the detail's transcript once: one download, shared with the waveform's peaks; cached after", async () => {
    const call = (await answered("hz-robot"))[0]!;
    const before = downloads;
    const response = await alignment(call.id);
    expect(response.status).toBe(200);
    const body = CallAlignment.parse(await response.json());
    const shown = await detail(call.id);
    expect(body.lines).toHaveLength(shown.transcript.length);
    expect(body.transcriptHash).toBe(shown.transcriptHash);
    expect(body.status).toBe("aligned");
    expect(body.lines.some((line) => line.timing === "aligned")).toBe(true);
    for (const line of body.lines) {
      if (line.timing !== "aligned") expect(line.speech).toEqual([]);
      else expect(line.confidence).toBeGreaterThanOrEqual(0.35);
    }
    expect(body.lanes.robot.length + body.lanes.customer.length).toBeGreaterThan(0);
    expect(body.metrics).not.toBeNull();
    expect(downloads - before).toBe(1);

    // Again, and the waveform at the page's resolution: from the index, no new download.
    expect(CallAlignment.parse(await (await alignment(call.id)).json())).toEqual(body);
    const points = peakPointsFor((call.durationSec ?? 0) * 1000);
    const peaks = await peaksRoute(
      await requestAs("operator", `/api/calls/${call.id}/peaks?points=${points}`),
      paramsOf({ id: call.id }),
    );
    expect(peaks.status).toBe(200);
    expect(downloads - before).toBe(1);
  });

  test("concurrent requests (alignment and peaks, as the call page sends them) read the recording once", async () => {
    const call = (await answered("aicc"))[0]!;
    const points = peakPointsFor((call.durationSec ?? 0) * 1000);
    const before = downloads;
    const [a, b, p] = await Promise.all([
      alignment(call.id),
      alignment(call.id),
      peaksRoute(
        await requestAs("operator", `/api/calls/${call.id}/peaks?points=${points}`),
        paramsOf({ id: call.id }),
      ),
    ]);
    expect([a.status, b.status, p.status]).toEqual([200, 200, 200]);
    expect(await a.json()).toEqual(await b.json());
    expect(downloads - before).toBe(1);
  });

  test("the detail carries aligned times only once an alignment of its transcript is cached, and never computes one", async () => {
    const call = (await answered("agent"))[0]!;
    const before = downloads;
    const first = await detail(call.id);
    expect(first.transcript.every((line) => line.timing !== "aligned")).toBe(true);
    expect(downloads).toBe(before);
    const body = CallAlignment.parse(await (await alignment(call.id)).json());
    const second = await detail(call.id);
    second.transcript.forEach((line, i) => {
      const a = body.lines[i]!;
      if (a.timing === "aligned") {
        expect(line).toMatchObject({
          timing: "aligned",
          startMs: a.startMs,
          endMs: a.endMs,
          confidence: a.confidence,
        });
      } else {
        expect(line.timing).toBe(first.transcript[i]!.timing);
        expect(line.startMs).toBe(first.transcript[i]!.startMs);
      }
    });
    expect(second.transcript.some((line) => line.timing === "aligned")).toBe(true);
  });

  test("a changed transcript is aligned again from the kept speech features, without a new download", async () => {
    const call = (await answered("tanyi"))[0]!;
    const first = CallAlignment.parse(await (await alignment(call.id)).json());
    const row = (await env.runtime.store.calls.get(call.id))!;
    const edited = row.transcript!.map((line, i) => (i === 0 ? { ...line, text: `${line.text}好的` } : line));
    const before = downloads;
    const again = await env.runtime.alignments.align(call.id, edited, call.durationSec);
    expect(downloads).toBe(before);
    expect(again.transcriptHash).not.toBe(first.transcriptHash);
    // One alignment per call: the old transcript's is replaced, so the unchanged detail no longer matches it.
    expect(await env.runtime.store.alignments.get(call.id, first.transcriptHash)).toBeNull();
    expect(await env.runtime.store.alignments.get(call.id, again.transcriptHash)).not.toBeNull();
    const shown = await detail(call.id);
    expect(shown.transcript.every((line) => line.timing !== "aligned")).toBe(true);
  });

  test("its metrics are stored on the call, for the list", async () => {
    const call = (await answered("hz-robot"))[1]!;
    const body = CallAlignment.parse(await (await alignment(call.id)).json());
    const listed = (
      await env.runtime.store.calls.list(
        parseCallQuery(new URLSearchParams("sort=deadAir:desc&limit=500")),
        "Asia/Shanghai",
      )
    ).items.find((item) => item.id === call.id)!;
    expect(listed.metrics).toEqual(body.metrics);
  });

  test("401 signed out; 404 for an unknown call and for a call without a recording", async () => {
    const call = (await answered())[0]!;
    expect((await alignment(call.id, null)).status).toBe(401);
    const unknown = await alignment("no-such-call");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const silent = (
      await env.runtime.store.calls.list(parseCallQuery(new URLSearchParams("limit=500")), "Asia/Shanghai")
    ).items.find((item) => !item.hasRecording)!;
    const none = await alignment(silent.id);
    expect(none.status).toBe(404);
  });

  test("502 when the recording is not readable audio", async () => {
    const call = (await answered("aicc"))[1]!;
    failRecordings = "garbage";
    try {
      const response = await alignment(call.id);
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("vendor_bad_response");
    } finally {
      failRecordings = null;
    }
  });

  test("is audited like the peaks: once per user and call in a listening session", async () => {
    const call = (await answered("agent"))[1]!;
    await alignment(call.id);
    await alignment(call.id);
    const entries = (await env.runtime.store.audit.list({ limit: 100, action: "alignment.download" })).filter(
      (entry) => entry.target === call.id,
    );
    expect(entries).toHaveLength(1);
  });
});
