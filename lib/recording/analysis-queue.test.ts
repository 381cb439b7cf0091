import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { parseCallQuery } from "@/lib/calls/query";
import { startSimulatedRuntime } from "@/lib/testing/simulated-runtime";
import { AnalysisQueue } from "./analysis-queue";

let env: Awaited<ReturnType<typeof startSimulatedRuntime>>;
const downloads = new Map<string, number>();
let recordingHost: "ok" | "down" = "ok";

beforeAll(async () => {
  env = await startSimulatedRuntime({
    calls: 24,
    simulator: {
      intercept: (request, _req, res) => {
        if (request.prefix !== "/oss") return false;
        downloads.set(request.path, (downloads.get(request.path) ?? 0) + 1);
        if (recordingHost === "down") {
          res.writeHead(503).end();
          return true;
        }
        return false;
      },
    },
  });
  await env.runtime.sync.syncAll("test");
});
afterAll(() => env.close());

const TZ = "Asia/Shanghai";
const analysable = async () => {
  const page = await env.runtime.store.calls.list(
    parseCallQuery(new URLSearchParams("result=answered&limit=500")),
    TZ,
  );
  const out = [];
  for (const call of page.items)
    if (call.hasRecording && ((await env.runtime.store.calls.get(call.id))!.transcript?.length ?? 0) > 0)
      out.push(call);
  return out;
};

/** The runtime's analysis, with each call it is asked for told to `seen` first. */
const watched = (seen: (id: string) => void) => {
  const alignments = env.runtime.alignments;
  return {
    analyse: (id: string) => {
      seen(id);
      return alignments.analyse(id);
    },
  } as unknown as typeof alignments;
};

describe("background analysis", () => {
  test("stop() ends the queue: a kick after it analyses nothing", async () => {
    const tried: string[] = [];
    const spy = {
      analyse: async (id: string) => void tried.push(id),
    } as unknown as typeof env.runtime.alignments;
    const queue = new AnalysisQueue(env.runtime.store, spy, { minPauseMs: 0 });
    await queue.stop();
    queue.kick();
    await queue.idle();
    expect((await env.runtime.store.alignments.backlog(3)).pending).toBeGreaterThan(0);
    expect(tried).toEqual([]);
  });

  test("a failing recording host: each call tried once per pass, the pass stops after a few failures in a row", async () => {
    recordingHost = "down";
    downloads.clear();
    const queue = new AnalysisQueue(env.runtime.store, env.runtime.alignments, { minPauseMs: 0 });
    queue.kick();
    await queue.idle();
    // Three failures in a row end the pass (the vendor is likely down), each counted on its call.
    const failed = await env.runtime.store.alignments.backlog(1);
    expect(failed.failed).toBe(3);
    expect([...downloads.values()].every((n) => n <= 2)).toBe(true); // the proxy's one refresh after a 403/401 at most
    expect(
      (await env.runtime.store.calls.list(parseCallQuery(new URLSearchParams("latencyMin=0")), TZ)).total,
    ).toBe(0);
    recordingHost = "ok";
  });

  test("waits while a sync runs here, and starts once it is over", async () => {
    let syncing = true;
    const tried: string[] = [];
    const queue = new AnalysisQueue(
      env.runtime.store,
      watched((id) => tried.push(id)),
      {
        minPauseMs: 0,
        busy: () => syncing,
      },
    );
    queue.kick();
    await sleep(1_200);
    expect(tried).toEqual([]);
    syncing = false;
    await vi.waitFor(() => expect(tried.length).toBeGreaterThan(0), { timeout: 5_000 });
    await queue.stop();
  });

  test("under syncs that never end, it still analyses a call every maxDeferMs", async () => {
    const at: number[] = [];
    const started = performance.now();
    const queue = new AnalysisQueue(
      env.runtime.store,
      watched(() => at.push(performance.now())),
      {
        minPauseMs: 0,
        busy: () => true,
        maxDeferMs: 300,
      },
    );
    queue.kick();
    await vi.waitFor(() => expect(at.length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    await queue.stop();
    const gaps = [at[0]! - started, ...at.slice(1).map((time, i) => time - at[i]!)];
    // The queue counts from before it asks for the next call, the spy from after: some slack.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
  });

  test("analyses every answered call with a recording, newest first, each recording read once; a later kick finds nothing to do", async () => {
    downloads.clear();
    const order: string[] = [];
    const queue = new AnalysisQueue(
      env.runtime.store,
      watched((id) => order.push(id)),
      { minPauseMs: 0 },
    );
    queue.kick();
    queue.kick(); // joins the pass under way
    await queue.idle();
    const calls = await analysable();
    expect(calls.length).toBeGreaterThan(3);
    for (const call of calls)
      expect((await env.runtime.store.calls.get(call.id))!.summary.metrics, call.id).not.toBeNull();
    expect(new Set(order).size).toBe(order.length);
    const started: number[] = [];
    for (const id of order)
      started.push(Date.parse((await env.runtime.store.calls.get(id))!.summary.startedAt ?? "0"));
    expect(started).toEqual([...started].sort((a, b) => b - a));
    expect([...downloads.values()].every((n) => n === 1)).toBe(true);
    expect((await env.runtime.store.alignments.backlog(3)).pending).toBe(0);
    // The details it read stay out of the interactive cache: a person opening one of these calls while
    // the vendor hangs must get the indexed copy marked stale, not a cached live answer.
    expect((env.runtime.details as unknown as { cache: Map<string, unknown> }).cache.size).toBe(0);

    order.length = 0;
    queue.kick();
    await queue.idle();
    expect(order).toEqual([]);
  });
});
