import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { GET as detailRoute } from "@/app/api/calls/[id]/route";
import { GET as sourcesRoute } from "@/app/api/sources/route";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { SourceStatus } from "@/lib/model";
import { FaultInjector } from "@/lib/simulator/faults";
import { installRuntime } from "@/lib/server/runtime";
import { paramsOf, requestAs } from "@/lib/testing/runtime";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";

/**
 * Fault injection against the simulator: each vendor misbehaves the way vendors do, and the test
 * checks what a user would see (the API's answers, the source's error in words) and that every call
 * the vendor has still reaches the index once it behaves.
 */

const faults = new FaultInjector();
let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
const TOTAL = 40;

beforeAll(async () => {
  env = await startSimulatedRuntime({
    calls: TOTAL,
    simulator: { intercept: faults.intercept },
    source: { timeoutMs: 400 },
  });
});
afterAll(() => env.close());
afterEach(() => faults.clear());

async function indexed(sourceId?: string): Promise<number> {
  return await env.runtime.store.calls.count(
    { ...EMPTY_QUERY, source: sourceId ? [sourceId] : [] },
    "Asia/Shanghai",
  );
}

async function sources(): Promise<Map<string, SourceStatus>> {
  const response = await sourcesRoute(await requestAs("operator", "/api/sources"), paramsOf({}));
  return new Map(((await response.json()) as SourceStatus[]).map((source) => [source.id, source]));
}

describe("vendor faults never lose calls or take the dashboard down", () => {
  test("a burst of throttling (each vendor's own way) is waited out: every call indexed, no error", async () => {
    faults.add(
      { mode: "throttle", prefix: "/aliyun-dyvms", times: 2 },
      { mode: "throttle", prefix: "/aliyun-aiccs", times: 2 },
      { mode: "throttle", prefix: "/tanyi", times: 2, retryAfterSeconds: 0 },
      { mode: "throttle", prefix: "/agent", times: 2, retryAfterSeconds: 0 },
    );
    await env.runtime.sync.syncAll("test");
    expect(faults.hits).toBeGreaterThanOrEqual(8);
    expect(await indexed()).toBe(TOTAL);
    for (const source of (await sources()).values()) {
      expect(source.sync.state, source.id).toBe("idle");
      expect(source.sync.error).toBeNull();
    }
  });

  test("503 pages are retried and the sync completes", async () => {
    faults.add({ mode: "unavailable", prefix: "/tanyi", times: 2 });
    await env.runtime.sync.sync("tanyi", "test");
    expect((await sources()).get("tanyi")!.sync.state).toBe("idle");
    expect(await indexed("tanyi")).toBe(TOTAL / 4);
  });

  test("a reset connection is retried", async () => {
    faults.add({ mode: "reset", prefix: "/agent", times: 1 });
    await env.runtime.sync.sync("agent", "test");
    expect((await sources()).get("agent")!.sync.error).toBeNull();
    expect(await indexed("agent")).toBe(TOTAL / 4);
  });

  test("a vendor that hangs: its source shows a timeout in words, the others sync, nothing indexed is lost", async () => {
    const before = await indexed("aicc");
    expect(before).toBe(TOTAL / 4);
    faults.add({ mode: "hang", prefix: "/aliyun-aiccs" });
    await Promise.all([env.runtime.sync.sync("aicc", "test"), env.runtime.sync.sync("tanyi", "test")]);
    const status = await sources();
    expect(status.get("aicc")!.sync.state).toBe("error");
    expect(status.get("aicc")!.sync.error).toMatch(/did not answer within/);
    expect(status.get("tanyi")!.sync.state).toBe("idle");
    expect(await indexed("aicc")).toBe(before);
    faults.clear();
    await env.runtime.sync.sync("aicc", "test");
    expect((await sources()).get("aicc")!.sync.state).toBe("idle");
    expect(await indexed("aicc")).toBe(TOTAL / 4);
  });

  test.each([
    ["garbage (an HTML page)", "garbage" as const],
    ["truncated JSON", "truncated" as const],
    ["a hang", "hang" as const],
  ])("a call's detail when the vendor answers %s: the indexed copy, marked stale", async (_name, mode) => {
    const call = (
      await env.runtime.store.calls.list(
        { ...EMPTY_QUERY, source: ["tanyi"], result: ["answered"], limit: 1 },
        "Asia/Shanghai",
      )
    ).items[0]!;
    faults.add({ mode, prefix: "/tanyi" });
    env.runtime.details.forget(call.id);
    const response = await detailRoute(
      await requestAs("operator", `/api/calls/${call.id}`),
      paramsOf({ id: call.id }),
    );
    expect(response.status).toBe(200);
    const detail = (await response.json()) as { stale?: boolean; transcript: unknown[] };
    expect(detail.stale).toBe(true);
    expect(detail.transcript.length).toBeGreaterThan(0);
  });

  test.each([
    ["garbage (an HTML page)", "garbage" as const, 502, "vendor_bad_response"],
    ["truncated JSON", "truncated" as const, 502, "vendor_bad_response"],
    ["a hang", "hang" as const, 504, "vendor_timeout"],
  ])(
    "with no indexed transcript to fall back on, %s is an error naming the source; later the call heals",
    async (_name, mode, status, code) => {
      // The Dyvms detail endpoint fails during sync: answered calls stay pending, without a transcript.
      const second = await startSimulatedRuntime({
        calls: 8,
        simulator: { intercept: faults.intercept },
        source: { timeoutMs: 300 },
      });
      try {
        faults.add({ mode, prefix: "/aliyun-dyvms", match: "QueryCallDetailByTaskId" });
        await second.runtime.sync.sync("hz-robot", "test");
        const call = (
          await second.runtime.store.calls.list(
            { ...EMPTY_QUERY, source: ["hz-robot"], result: ["answered"], limit: 1 },
            "Asia/Shanghai",
          )
        ).items[0]!;
        expect((await second.runtime.store.calls.get(call.id))!.transcript).toBeNull();
        const response = await detailRoute(
          await requestAs("operator", `/api/calls/${call.id}`),
          paramsOf({ id: call.id }),
        );
        expect(response.status).toBe(status);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe(code);
        expect(body.error.message).toMatch(/杭州外呼/);
        expect(body.error.message).not.toMatch(/Secret|Signature=/);
        faults.clear();
        const healed = await detailRoute(
          await requestAs("operator", `/api/calls/${call.id}`),
          paramsOf({ id: call.id }),
        );
        expect(healed.status).toBe(200);
        expect(((await healed.json()) as { transcript: unknown[] }).transcript.length).toBeGreaterThan(0);
      } finally {
        await second.close();
        installRuntime(env.runtime);
      }
    },
  );

  test("identical concurrent detail requests share one upstream call", async () => {
    const call = (
      await env.runtime.store.calls.list({ ...EMPTY_QUERY, source: ["agent"], limit: 1 }, "Asia/Shanghai")
    ).items[0]!;
    env.runtime.details.forget(call.id);
    faults.add({ mode: "slow", prefix: "/agent", match: "/record/", delayMs: 100 });
    const responses = await Promise.all(
      Array.from({ length: 5 }, async () =>
        detailRoute(await requestAs("operator", `/api/calls/${call.id}`), paramsOf({ id: call.id })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(faults.hits).toBe(1);
  });

  test("after repeated outages the circuit opens: requests fail fast with a clear message, indexed calls stay", async () => {
    faults.add({ mode: "unavailable", prefix: "/tanyi" });
    for (let i = 0; i < 5; i++) await env.runtime.sync.sync("tanyi", "test");
    const hitsWhileOpen = faults.hits;
    await env.runtime.sync.sync("tanyi", "test");
    expect(faults.hits).toBe(hitsWhileOpen); // not even asked
    expect((await sources()).get("tanyi")!.sync.error).toMatch(/paused/);
    expect(await indexed("tanyi")).toBe(TOTAL / 4);
  }, 30_000);
});
