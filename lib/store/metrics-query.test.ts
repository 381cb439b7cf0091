import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { parseCallQuery, isQueryError } from "@/lib/calls/query";
import type { CallMetrics, CallSummary } from "@/lib/model";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openTestStore } from "@/lib/testing/store";
import type { Store } from "./index";

/** The list's conversation-metric filters and sorts over calls some of which were analysed. */

const TZ = "Asia/Shanghai";
let store: Store;
/** Metrics given per call id; calls not in here were never analysed. */
let given: Map<string, CallMetrics>;

beforeEach(async () => {
  store = await openTestStore();
  const seeded = seedCalls(120, 11);
  await store.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  given = new Map();
  const ids = (await all("")).map((call) => call.id);
  for (const [i, id] of ids.entries()) {
    if (i % 3 === 2) continue; // a third never analysed
    const metrics: CallMetrics = {
      robotLatencyMedianMs: (i * 137) % 2000,
      // Some calls have no customer → robot turn: no latency.
      robotLatencyMaxMs: i % 7 === 0 ? null : ((i * 389) % 6000) + 300,
      deadAirMaxMs: (i * 613) % 9000,
      customerTalkRatio: (i % 10) / 10,
      bargeIns: i % 3,
    };
    await store.alignments.put(id, `h${i}`, "{}", metrics);
    given.set(id, metrics);
  }
});
afterEach(async () => {
  await store.close();
});

async function all(search: string, limit = 13): Promise<CallSummary[]> {
  const items: CallSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.calls.list(
      { ...parseCallQuery(new URLSearchParams(search)), limit, cursor },
      TZ,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe("metric filters", () => {
  test("deadAirMin (seconds) keeps analysed calls with at least that much dead air", async () => {
    const items = await all("deadAirMin=5");
    const expected = [...given].filter(([, m]) => (m.deadAirMaxMs ?? -1) >= 5000).map(([id]) => id);
    expect(items.map((c) => c.id).sort()).toEqual(expected.sort());
    expect(items.length).toBeGreaterThan(0);
    for (const call of items) expect(call.metrics).toEqual(given.get(call.id));
    expect(await store.calls.count(parseCallQuery(new URLSearchParams("deadAirMin=5")), TZ)).toBe(
      expected.length,
    );
  });

  test("latencyMin (seconds, fractions too) reads the worst robot reply; calls without one never match", async () => {
    const items = await all("latencyMin=2.5");
    const expected = [...given].filter(([, m]) => (m.robotLatencyMaxMs ?? -1) >= 2500).map(([id]) => id);
    expect(items.map((c) => c.id).sort()).toEqual(expected.sort());
    expect((await all("latencyMin=0")).length).toBe(
      [...given.values()].filter((m) => m.robotLatencyMaxMs !== null).length,
    );
  });

  test("calls never analysed carry metrics: null", async () => {
    const unanalysed = (await all("")).filter((call) => !given.has(call.id));
    expect(unanalysed.length).toBe(40);
    for (const call of unanalysed) expect(call.metrics).toBeNull();
  });

  test.each(["deadAirMin=abc", "deadAirMin=-1", "latencyMin=1e3x", "latencyMin="])("%s", (search) => {
    const name = search.split("=")[0]!;
    if (search.endsWith("=")) {
      // An empty parameter is no filter, as for every list parameter.
      expect(parseCallQuery(new URLSearchParams(search)).latencyMin).toBeNull();
      return;
    }
    let caught: unknown = null;
    try {
      parseCallQuery(new URLSearchParams(search));
    } catch (err) {
      caught = err;
    }
    expect(isQueryError(caught)).toBe(true);
    expect((caught as Error).message.startsWith(`${name}: `)).toBe(true);
  });
});

describe("metric sorts: nulls last, both ways, paged by keyset", () => {
  test.each([
    ["deadAir", "desc"],
    ["deadAir", "asc"],
    ["latency", "desc"],
    ["latency", "asc"],
  ] as const)("sort=%s:%s", async (field, dir) => {
    const items = await all(`sort=${field}:${dir}`);
    expect(items).toHaveLength(120);
    expect(new Set(items.map((c) => c.id)).size).toBe(120);
    const value = (c: CallSummary) =>
      field === "deadAir" ? (c.metrics?.deadAirMaxMs ?? null) : (c.metrics?.robotLatencyMaxMs ?? null);
    const values = items.map(value);
    const firstNull = values.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
    const known = values.slice(0, firstNull) as number[];
    expect(known).toEqual([...known].sort((a, b) => (dir === "asc" ? a - b : b - a)));
  });

  test("a bare sort=latency means worst first; filters combine with it", async () => {
    const items = await all("deadAirMin=5&sort=latency");
    const latencies = items.map((c) => c.metrics!.robotLatencyMaxMs);
    const firstNull = latencies.indexOf(null);
    const known = (firstNull < 0 ? latencies : latencies.slice(0, firstNull)) as number[];
    expect(known).toEqual([...known].sort((a, b) => b - a));
    for (const call of items) expect(call.metrics!.deadAirMaxMs).toBeGreaterThanOrEqual(5000);
  });

  test("the neighbours of a call follow the metric order", async () => {
    const items = await all("sort=deadAir:desc");
    const query = parseCallQuery(new URLSearchParams("sort=deadAir:desc"));
    const around = (await store.calls.neighbors(items[5]!.id, query, TZ))!;
    expect(around).toEqual({ prev: items[4]!.id, next: items[6]!.id });
  });

  test("a cursor of another sort order is refused, naming cursor", async () => {
    const page = await store.calls.list(
      { ...parseCallQuery(new URLSearchParams("sort=deadAir:desc")), limit: 5 },
      TZ,
    );
    await expect(
      store.calls.list(
        { ...parseCallQuery(new URLSearchParams("sort=deadAir:asc")), cursor: page.nextCursor, limit: 5 },
        TZ,
      ),
    ).rejects.toThrow(/^cursor: /);
  });
});

describe("the analysis backlog", () => {
  test("an alignment stored for a call marks it analysed; failures are counted and given up after the limit", async () => {
    const pending = await store.alignments.unanalysed(1000, 3);
    for (const id of pending) expect(given.has(id)).toBe(false);
    expect(pending.length).toBeGreaterThan(1);
    const first = pending[0]!;
    for (let i = 0; i < 3; i++) await store.alignments.recordFailure(first, "vendor_unavailable: HTTP 503");
    expect(await store.alignments.unanalysed(1000, 3)).not.toContain(first);
    expect(await store.alignments.unanalysed(1000, 3, pending.slice(1, 2))).not.toContain(pending[1]);
  });
});
