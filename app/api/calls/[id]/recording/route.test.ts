import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as peaks } from "@/app/api/calls/[id]/peaks/route";
import { parseCallQuery } from "@/lib/calls/query";
import { createVendorHttp } from "@/lib/vendors/http";
import type { VendorAdapter } from "@/lib/vendors/types";
import { recordingFor } from "@/lib/simulator/recording";
import type { SimCall } from "@/lib/simulator/types";
import { createTestRuntime, paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";
import type { SourceConfig } from "@/lib/config";
import { GET } from "./route";

let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
let clock = Date.now();
let detailRequests = 0;

beforeAll(async () => {
  env = await startSimulatedRuntime({
    calls: 40,
    simulator: {
      now: () => clock,
      recordingUrlTtlSeconds: 60,
      intercept: (request) => {
        if (request.query.get("Action") === "QueryCallDetailByTaskId") detailRequests++;
        return false;
      },
    },
  });
  await env.runtime.sync.syncAll("test");
});
afterAll(() => env.close());

/** An answered call of a source, with its simulator truth and public id. */
async function answered(
  sourceId: string,
  simSource: SimCall["source"],
): Promise<{ id: string; truth: SimCall }> {
  const page = await env.runtime.store.calls.list(
    { ...parse(`source=${sourceId}&result=answered&roundsMin=1`), limit: 1 },
    "Asia/Shanghai",
  );
  const item = page.items[0]!;
  const truth = env.dataset.callByVendorId(simSource, item.vendorCallId!)!;
  return { id: item.id, truth };
}

function parse(search: string) {
  return parseCallQuery(new URLSearchParams(search));
}

async function fetchRange(id: string, range?: string) {
  const response = await GET(
    await requestAs("operator", `/api/calls/${id}/recording`, { headers: range ? { range } : {} }),
    paramsOf({ id }),
  );
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

describe("the recording proxy", () => {
  test("ranges come back byte-exact, with 206 and Content-Range", async () => {
    const { id, truth } = await answered("hz-robot", "dyvms");
    const file = recordingFor(truth);
    const first = await fetchRange(id, "bytes=0-99");
    expect(first.response.status).toBe(206);
    expect(first.response.headers.get("content-range")).toBe(`bytes 0-99/${file.size}`);
    expect(first.response.headers.get("cache-control")).toBe("private, no-store");
    expect(first.body.equals(file.read(0, 99))).toBe(true);

    const suffix = await fetchRange(id, "bytes=-500");
    expect(suffix.response.headers.get("content-range")).toBe(
      `bytes ${file.size - 500}-${file.size - 1}/${file.size}`,
    );
    expect(suffix.body.equals(file.read(file.size - 500, file.size - 1))).toBe(true);

    const open = await fetchRange(id, `bytes=${file.size - 1000}-`);
    expect(open.body.length).toBe(1000);
    expect(open.body.equals(file.read(file.size - 1000, file.size - 1))).toBe(true);

    const past = await fetchRange(id, `bytes=${file.size + 10}-`);
    expect(past.response.status).toBe(416);
    expect(past.response.headers.get("content-range")).toBe(`bytes */${file.size}`);
  });

  test("the whole file streams when no range is asked, and the vendor's signed URL never shows", async () => {
    const { id, truth } = await answered("tanyi", "tanyi");
    const { response, body } = await fetchRange(id);
    expect(response.status).toBe(200);
    expect(body.equals(recordingFor(truth).read(0, recordingFor(truth).size - 1))).toBe(true);
    const headers = JSON.stringify([...response.headers.entries()]);
    expect(headers).not.toMatch(/Signature|OSSAccessKeyId|Expires=/);
  });

  test("an expired signed URL (the vendor answers 403) is refreshed once through the detail", async () => {
    const { id } = await answered("hz-robot", "dyvms");
    env.runtime.details.forget(id);
    const before = detailRequests;
    expect((await fetchRange(id, "bytes=0-9")).response.status).toBe(206);
    expect(detailRequests).toBe(before + 1);
    clock += 10 * 60_000; // the 60-second URL the cached detail holds has expired
    const refreshed = await fetchRange(id, "bytes=0-9");
    expect(refreshed.response.status).toBe(206);
    expect(detailRequests).toBe(before + 2);
  });

  test("a call without a recording is a 404", async () => {
    const page = await env.runtime.store.calls.list(
      { ...parse("result=no_answer"), limit: 1 },
      "Asia/Shanghai",
    );
    const id = page.items[0]!.id;
    const { response, body } = await fetchRange(id);
    expect(response.status).toBe(404);
    expect(JSON.parse(body.toString()).error.code).toBe("not_found");
  });

  test("without a session it is a 401", async () => {
    const { id } = await answered("hz-robot", "dyvms");
    const response = await GET(await requestAs(null, `/api/calls/${id}/recording`), paramsOf({ id }));
    expect(response.status).toBe(401);
  });
});

describe("peaks", () => {
  test.each([
    ["hz-robot", "dyvms", "PCM16"],
    ["aicc", "aiccs", "A-law"],
  ] as const)(
    "%s (%s, %s): duration from the file, sound where the transcript says",
    async (sourceId, simSource, _encoding) => {
      const { id, truth } = await answered(sourceId, simSource);
      const response = await peaks(
        await requestAs("operator", `/api/calls/${id}/peaks?points=1600`),
        paramsOf({ id }),
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        durationMs: number;
        length: number;
        channels: number;
        peaks: number[][];
      };
      expect(Math.abs(body.durationMs - truth.recording!.durationMs)).toBeLessThanOrEqual(10);
      expect(body.length).toBe(1600);
      const point = (ms: number) => Math.floor((ms / body.durationMs) * body.length);
      const loudest = (from: number, to: number) =>
        Math.max(...body.peaks.flatMap((channel) => channel.slice(point(from), point(to) + 1)));
      for (const line of truth.lines) {
        expect(loudest(line.startMs, line.endMs), `speech at ${line.startMs}–${line.endMs}`).toBeGreaterThan(
          0.05,
        );
      }
      // And quiet where nobody speaks: before the first line.
      const first = Math.min(...truth.lines.map((line) => line.startMs));
      if (first > 300) expect(loudest(0, first - 100)).toBeLessThan(0.02);
    },
  );

  test("a bad points parameter is a 400 naming it", async () => {
    const { id } = await answered("hz-robot", "dyvms");
    const response = await peaks(
      await requestAs("operator", `/api/calls/${id}/peaks?points=abc`),
      paramsOf({ id }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^points:/);
  });
});

describe("hosts the proxy refuses", () => {
  let evil: http.Server;
  let evilHits = 0;
  let evilUrl = "";

  beforeAll(async () => {
    evil = http.createServer((_req, res) => {
      evilHits++;
      res.end("secret internal data");
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.2", resolve));
    evilUrl = `http://127.0.0.2:${(evil.address() as AddressInfo).port}/metadata`;
  });
  afterAll(() => new Promise<void>((resolve) => evil.close(() => resolve())));

  /** A runtime with one source whose vendor names `recordingUrl` as the recording. */
  async function runtimeWith(recordingUrl: string, recordingHosts: string[] = []) {
    const source: SourceConfig = {
      id: "s1",
      vendor: "agent-api",
      baseUrl: "https://vendor.example.com",
      userId: "u",
      token: "t-123456",
      taskIds: ["t"],
    };
    const call = {
      key: "k1",
      locator: { recordId: "k1" },
      summary: {
        taskId: "t",
        vendorCallId: "k1",
        callee: "13800000000",
        caller: null,
        startedAt: null,
        answeredAt: null,
        endedAt: null,
        durationSec: 10,
        result: "answered" as const,
        resultLabel: null,
        hangupBy: null,
        rounds: 1,
        intent: null,
        intentLabel: null,
        tags: [],
        hasRecording: true,
      },
      transcript: [],
      recordingUrl,
      extra: {},
      raw: {},
      needsDetail: false,
    };
    const adapter: VendorAdapter = {
      vendor: "agent-api",
      listCalls: async () => ({ calls: [call], problems: [], nextCursor: null, total: 1 }),
      getCall: async () => call,
      reprocess: () => ({ ok: true, call }),
    };
    const runtime = await createTestRuntime({
      sources: new Map([
        [
          "s1",
          { config: source, timezone: "Asia/Shanghai", adapter, http: createVendorHttp({ label: "s1" }) },
        ],
      ]),
      config: { recordingHosts },
    });
    await runtime.store.calls.upsert([{ sourceId: "s1", vendor: "agent-api", call, from: "list" }]);
    const id = (await runtime.store.calls.list({ ...parse(""), limit: 1 }, "Asia/Shanghai")).items[0]!.id;
    return { runtime, id };
  }

  test.each([
    ["another host", () => evilUrl, [] as string[]],
    ["a non-http scheme", () => "file:///etc/passwd", []],
    ["a wildcard entry whose name is an IP literal of a private address", () => evilUrl, ["*.example.com"]],
  ])("%s: refused, and the host is never contacted", async (_name, url, hosts) => {
    const before = evilHits;
    const { id } = await runtimeWith(url(), hosts);
    const response = await GET(await requestAs("operator", `/api/calls/${id}/recording`), paramsOf({ id }));
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("recording_refused");
    expect(evilHits).toBe(before);
  });

  test("a redirect from an allowed host to another host is refused", async () => {
    const before = evilHits;
    const redirector = http.createServer((_req, res) => {
      res.writeHead(302, { location: evilUrl });
      res.end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    const port = (redirector.address() as AddressInfo).port;
    const { id } = await runtimeWith(`http://127.0.0.1:${port}/a.wav`, ["127.0.0.1"]);
    const response = await GET(await requestAs("operator", `/api/calls/${id}/recording`), paramsOf({ id }));
    expect(response.status).toBe(502);
    expect(evilHits).toBe(before);
    await new Promise<void>((resolve) => redirector.close(() => resolve()));
  });

  test("when the browser goes away, the upstream read stops", async () => {
    let upstreamClosed = false;
    let sent = 0;
    const endless = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/wav" });
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
      };
      res.on("drain", pump);
      res.on("close", () => (upstreamClosed = true));
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const port = (endless.address() as AddressInfo).port;
    const { id } = await runtimeWith(`http://127.0.0.1:${port}/long.wav`, ["127.0.0.1"]);
    const controller = new AbortController();
    const request = await requestAs("operator", `/api/calls/${id}/recording`);
    const aborting = new Request(request, { signal: controller.signal });
    const response = await GET(
      Object.assign(aborting, { nextUrl: request.nextUrl, cookies: request.cookies }) as typeof request,
      paramsOf({ id }),
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => undefined);
    for (let i = 0; i < 50 && !upstreamClosed; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upstreamClosed).toBe(true);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
    await new Promise<void>((resolve) => endless.close(() => resolve()));
  });

  test("a host that ignores Range still gives the browser its range (206, exact bytes; 416 past the end)", async () => {
    const file = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const plain = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/wav", "content-length": String(file.length) });
      res.end(file);
    });
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    const { id } = await runtimeWith(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/a.wav`, [
      "127.0.0.1",
    ]);
    const ask = async (range: string) => {
      const response = await GET(
        await requestAs("operator", `/api/calls/${id}/recording`, { headers: { range } }),
        paramsOf({ id }),
      );
      return { response, body: Buffer.from(await response.arrayBuffer()) };
    };
    const middle = await ask("bytes=1000-1999");
    expect(middle.response.status).toBe(206);
    expect(middle.response.headers.get("content-range")).toBe("bytes 1000-1999/5000");
    expect(middle.body.equals(file.subarray(1000, 2000))).toBe(true);
    const tail = await ask("bytes=-10");
    expect(tail.body.equals(file.subarray(4990))).toBe(true);
    expect((await ask("bytes=6000-")).response.status).toBe(416);
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  });

  test("an exact recordingHosts entry is trusted as written, even a private address", async () => {
    const before = evilHits;
    const { id } = await runtimeWith(evilUrl, ["127.0.0.2"]);
    const response = await GET(await requestAs("operator", `/api/calls/${id}/recording`), paramsOf({ id }));
    expect(response.status).toBe(200);
    expect(evilHits).toBe(before + 1);
  });
});
