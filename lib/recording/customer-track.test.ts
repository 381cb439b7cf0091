import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET } from "@/app/api/calls/[id]/alignment/route";
import { decodeWavSamples, parseWavHeader, writeWavHeader } from "@/lib/audio/wav";
import { parseCallQuery } from "@/lib/calls/query";
import type { SourceConfig } from "@/lib/config";
import { CallAlignment, type Utterance } from "@/lib/model";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { createVendorHttp } from "@/lib/vendors/http";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";

/**
 * A vendor that gives a customer-only track next to the full recording (Tanyi's customerAudioUrl):
 * made from the committed stereo test recording — the full track is both channels mixed to mono, the
 * customer track is the customer's channel alone — and served over HTTP like a vendor's OSS.
 */

interface TruthLine {
  speaker: "robot" | "customer";
  text: string;
  startMs: number;
  endMs: number;
  interrupted?: boolean;
}
const truth = JSON.parse(fs.readFileSync(path.join(__dirname, "../audio/testdata/truth.json"), "utf8")) as {
  files: { file: string; lines: TruthLine[] }[];
};
const stereo = truth.files.find((f) => f.file === "stereo.wav")!;

function monoWav(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return Buffer.concat([
    writeWavHeader({ format: "pcm16", channels: 1, sampleRate, dataBytes: data.length }),
    data,
  ]);
}

const served = new Map<string, Buffer>();
const hits = new Map<string, number>();
let server: http.Server;
let base = "";

beforeAll(async () => {
  const bytes = fs.readFileSync(path.join(__dirname, "../audio/testdata/stereo.wav"));
  const info = parseWavHeader(bytes);
  const samples = decodeWavSamples(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
  const frames = samples.length / 2;
  const full = new Int16Array(frames);
  const customer = new Int16Array(frames);
  for (let f = 0; f < frames; f++) {
    // Channel 0 is the robot's (lib/audio/align.test.ts), channel 1 the customer's.
    full[f] = Math.max(-32768, Math.min(32767, samples[2 * f]! + samples[2 * f + 1]!));
    customer[f] = samples[2 * f + 1]!;
  }
  served.set("/full.wav", monoWav(full, info.sampleRate));
  served.set("/customer.wav", monoWav(customer, info.sampleRate));
  server = http.createServer((req, res) => {
    const body = served.get(req.url ?? "");
    hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "audio/wav", "content-length": String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function runtimeWith(customerUrl: string | null) {
  const transcript: Utterance[] = stereo.lines.map((line) => ({
    speaker: line.speaker,
    text: line.text,
    startMs: null,
    endMs: null,
    timing: "estimated",
    ...(line.interrupted ? { interrupted: true } : {}),
  }));
  const call: NormalizedCall = {
    key: "c1",
    locator: { callRecordId: "c1" },
    summary: {
      taskId: "50",
      vendorCallId: "c1",
      callee: "13800000000",
      caller: null,
      startedAt: null,
      answeredAt: null,
      endedAt: null,
      durationSec: 39,
      result: "answered",
      resultLabel: null,
      hangupBy: null,
      rounds: 4,
      intent: null,
      intentLabel: null,
      tags: [],
      hasRecording: true,
    },
    transcript,
    recordingUrl: `${base}/full.wav`,
    customerRecordingUrl: customerUrl,
    extra: {},
    raw: {},
    needsDetail: false,
  };
  const adapter: VendorAdapter = {
    vendor: "tanyi",
    listCalls: async () => ({ calls: [call], problems: [], nextCursor: null, total: 1 }),
    getCall: async () => call,
    reprocess: () => ({ ok: true, call }),
  };
  const source = {
    id: "t1",
    name: "t1",
    vendor: "tanyi",
    baseUrl: base,
    appKey: "k",
    appSecret: "s",
    tenantSign: "t",
    taskIds: ["50"],
  } as SourceConfig;
  const runtime = await createTestRuntime({
    sources: new Map([
      ["t1", { config: source, timezone: "Asia/Shanghai", adapter, http: createVendorHttp({ label: "t1" }) }],
    ]),
    config: { recordingHosts: ["127.0.0.1"] },
  });
  await runtime.store.calls.upsert([{ sourceId: "t1", vendor: "tanyi", call, from: "list" }]);
  const id = (await runtime.store.calls.list(parseCallQuery(new URLSearchParams()), "Asia/Shanghai"))
    .items[0]!.id;
  return { runtime, id };
}

describe("a customer-only track", () => {
  test("is read once next to the full recording and tells the parties apart (split-track layout)", async () => {
    const { runtime, id } = await runtimeWith(`${base}/customer.wav`);
    hits.clear();
    const response = await GET(await requestAs("operator", `/api/calls/${id}/alignment`), paramsOf({ id }));
    expect(response.status).toBe(200);
    const body = CallAlignment.parse(await response.json());
    expect(body.layout).toBe("split-track");
    expect(hits.get("/full.wav")).toBe(1);
    expect(hits.get("/customer.wav")).toBe(1);
    const errors = body.lines.map((line, i) =>
      line.timing === "aligned" ? Math.abs(line.startMs! - stereo.lines[i]!.startMs) : Infinity,
    );
    expect(errors.filter((e) => e <= 500).length).toBeGreaterThanOrEqual(errors.length - 1);
    // Aligned again for a changed transcript: from the kept features of both tracks, no download.
    const row = (await runtime.store.calls.get(id))!;
    const again = await runtime.alignments.align(id, row.transcript!.slice(0, -1), 39);
    expect(again.layout).toBe("split-track");
    expect(hits.get("/full.wav")).toBe(1);
    expect(hits.get("/customer.wav")).toBe(1);
    await runtime.close();
  });

  test("a call without one is aligned on the full track alone, and the missing track is remembered", async () => {
    const { runtime, id } = await runtimeWith(null);
    hits.clear();
    const body = CallAlignment.parse(
      await (await GET(await requestAs("operator", `/api/calls/${id}/alignment`), paramsOf({ id }))).json(),
    );
    expect(body.layout).toBe("mono");
    expect(hits.get("/customer.wav")).toBeUndefined();
    expect((await runtime.store.alignments.features(id, "customer"))?.length).toBe(0);
    await runtime.close();
  });
});
