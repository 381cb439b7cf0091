import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET as recording } from "@/app/api/calls/[id]/recording/route";
import { GET as list } from "@/app/api/calls/route";
import { GET as scrape } from "@/app/api/metrics/route";
import { EMPTY_QUERY } from "@/lib/calls/query";
import { FaultInjector } from "@/lib/simulator/faults";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

const faults = new FaultInjector();
const TOKEN = "scrape-me-0123456789abcdef";
let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
let callId = "";

beforeAll(async () => {
  env = await startSimulatedRuntime({
    calls: 20,
    config: { metricsToken: TOKEN },
    simulator: { intercept: faults.intercept },
  });
  await env.runtime.sync.syncAll("test");
  callId = (
    await env.runtime.store.calls.list(
      { ...EMPTY_QUERY, source: ["hz-robot"], result: ["answered"], limit: 1 },
      "Asia/Shanghai",
    )
  ).items[0]!.id;
});
afterAll(() => env.close());

/** One sample's value from the exposition text, or null when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf("}"));
    const found = Object.fromEntries(
      [...inside.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value))
      return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

describe("GET /api/metrics", () => {
  test("counts what the app did: requests by route, vendor calls, syncs, index, quarantine, recordings", async () => {
    expect((await list(await requestAs("operator", "/api/calls?limit=3"), paramsOf({}))).status).toBe(200);
    expect((await list(await requestAs("operator", "/api/calls?limit=0"), paramsOf({}))).status).toBe(400);
    const audio = await recording(
      await requestAs("operator", `/api/calls/${callId}/recording`, { headers: { range: "bytes=0-99" } }),
      paramsOf({ id: callId }),
    );
    expect(audio.status).toBe(206);
    await audio.arrayBuffer();

    const response = await scrape(await requestAs("admin", "/api/metrics"), paramsOf({}));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    const requests = (route: string, status: string) =>
      sample(text, "callscope_http_request_duration_seconds_count", { route, method: "GET", status });
    expect(requests("/api/calls", "200")).toBeGreaterThanOrEqual(1);
    expect(requests("/api/calls", "400")).toBeGreaterThanOrEqual(1);
    // The call id never becomes a label: the route template does.
    expect(requests("/api/calls/{id}/recording", "206")).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(callId);

    for (const source of ["hz-robot", "aicc", "tanyi", "agent"]) {
      expect(
        sample(text, "callscope_vendor_requests_total", { source, code: "200" }),
        source,
      ).toBeGreaterThan(0);
      expect(
        sample(text, "callscope_vendor_request_duration_seconds_count", { source, code: "200" }),
      ).toBeGreaterThan(0);
      expect(sample(text, "callscope_sync_runs_total", { source, outcome: "done" })).toBe(1);
      expect(sample(text, "callscope_sync_duration_seconds_count", { source, outcome: "done" })).toBe(1);
      expect(sample(text, "callscope_calls_indexed", { source })).toBe(
        (await env.runtime.store.calls.countsBySource()).get(source) ?? 0,
      );
      expect(sample(text, "callscope_quarantine_records", { source })).toBe(
        (await env.runtime.store.quarantine.openCounts()).get(source) ?? 0,
      );
    }
    expect(sample(text, "callscope_recordings_streamed_total", { status: "206" })).toBeGreaterThanOrEqual(1);
  });

  test("vendor failures are counted by kind", async () => {
    faults.add({ mode: "unavailable", prefix: "/tanyi", times: 2 });
    await env.runtime.sync.sync("tanyi", "test");
    const text = await (await scrape(await requestAs("admin", "/api/metrics"), paramsOf({}))).text();
    expect(sample(text, "callscope_vendor_errors_total", { source: "tanyi", code: "unavailable" })).toBe(2);
  });

  test("an admin session or the bearer token; 401 or 403 for anyone else", async () => {
    const status = async (who: Parameters<typeof requestAs>[0], authorization?: string) =>
      (
        await scrape(
          await requestAs(who, "/api/metrics", authorization ? { headers: { authorization } } : {}),
          paramsOf({}),
        )
      ).status;
    expect(await status(null, `Bearer ${TOKEN}`)).toBe(200);
    expect(await status(null, `bearer ${TOKEN}`)).toBe(200);
    expect(await status(null)).toBe(401);
    expect(await status(null, `Bearer ${TOKEN}x`)).toBe(401);
    expect(await status(null, `Bearer ${TOKEN.slice(0, -1)}`)).toBe(401);
    expect(await status(null, "Basic YWRtaW46YWRtaW4=")).toBe(401);
    expect(await status("operator")).toBe(403);
    expect(await status("supervisor")).toBe(403);
    expect(await status("admin")).toBe(200);
    const denied = await scrape(
      await requestAs(null, "/api/metrics", { headers: { authorization: "Bearer nope" } }),
      paramsOf({}),
    );
    expect(await denied.json()).toEqual({
      error: { code: "unauthorized", message: "the metrics token is not valid" },
    });
  });

  test("without a configured token, no bearer token opens it", async () => {
    const config = env.runtime.config;
    Object.assign(env.runtime, { config: { ...config, metricsToken: undefined } });
    try {
      const response = await scrape(
        await requestAs(null, "/api/metrics", { headers: { authorization: "Bearer " } }),
        paramsOf({}),
      );
      expect(response.status).toBe(401);
      const empty = await scrape(
        await requestAs(null, "/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }),
        paramsOf({}),
      );
      expect(empty.status).toBe(401);
    } finally {
      Object.assign(env.runtime, { config });
    }
  });
});
