import { afterEach, describe, expect, test } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { Store } from "@/lib/store";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openSharedTestStores } from "@/lib/testing/store";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { DetailService } from "./detail-service";

/**
 * Issue #16: each instance caches call details for itself, but never answers with a review or a
 * call older than the index that every instance writes. Two "instances" here: two stores on one
 * database, each with its own DetailService (its own cache).
 */

let stores: Store[] = [];
afterEach(async () => {
  for (const store of stores) await store.close();
  stores = [];
});

/** A vendor that answers `live` for every call and counts how often it was asked. */
function vendor(live: (fetch: number) => NormalizedCall) {
  const counter = { calls: 0 };
  const adapter = {
    vendor: "tanyi",
    getCall: async () => live(++counter.calls),
  } as unknown as VendorAdapter;
  return { counter, sources: new Map([["alpha", { adapter }]]) };
}

async function setUp() {
  stores = await openSharedTestStores(2);
  const [a, b] = stores as [Store, Store];
  const seed = seedCalls(40, 3).find((s) => s.sourceId === "alpha" && s.call.summary.result === "answered")!;
  await a.calls.upsert([{ ...seed, from: "list" }]);
  const id = (await a.calls.list({ ...EMPTY_QUERY, limit: 1 }, "Asia/Shanghai")).items[0]!.id;
  // Each fetch says something new (extra.fetch), as a vendor whose call changed would.
  const fake = vendor((fetch) => ({ ...seed.call, extra: { from: "vendor", fetch } }));
  return {
    a,
    b,
    id,
    seed,
    fake,
    onA: new DetailService(a, fake.sources),
    onB: new DetailService(b, fake.sources),
  };
}

describe("detail cache across instances", () => {
  test("a review written on one instance is in the other's next detail, without asking the vendor again", async () => {
    const { a, id, fake, onA, onB } = await setUp();
    expect((await onB.get(id)).detail.review.status).toBe("unreviewed");
    expect(fake.counter.calls).toBe(1);
    expect((await onB.get(id)).detail.review.status).toBe("unreviewed"); // cached
    expect(fake.counter.calls).toBe(1);

    await a.reviews.update(id, { status: "flagged", intent: "B", note: "check" }, "lee");
    onA.forget(id); // what the review route does, on its own instance only
    const seen = (await onB.get(id)).detail.review;
    expect(seen).toMatchObject({ status: "flagged", intent: "B", note: "check", by: "lee" });
    expect(fake.counter.calls).toBe(1); // the vendor's fetch is still recent: the index answered
    // And a second review right after: never the first one again.
    await a.reviews.update(id, { status: "reviewed" }, "kim");
    expect((await onB.get(id)).detail.review).toMatchObject({ status: "reviewed", by: "kim" });
  });

  test("a re-sync and new metrics on one instance are in the other's next detail", async () => {
    const { a, id, seed, onB } = await setUp();
    const before = (await onB.get(id)).detail;
    expect(before.tags).toEqual([]);
    const resynced = {
      ...seed.call,
      summary: { ...seed.call.summary, tags: ["回访"], resultLabel: "已接听" },
      transcript: [
        { speaker: "robot" as const, text: "新的一句", startMs: 0, endMs: 900, timing: "vendor" as const },
      ],
      raw: { resynced: true },
    };
    await a.calls.upsert([{ sourceId: seed.sourceId, vendor: seed.vendor, call: resynced, from: "list" }]);
    const after = (await onB.get(id)).detail;
    expect(after.tags).toEqual(["回访"]);
    expect(after.transcript.map((line) => line.text)).toEqual(["新的一句"]);

    await a.alignments.put(id, "hash", "{}", {
      robotLatencyMedianMs: 400,
      robotLatencyMaxMs: 900,
      deadAirMaxMs: 1200,
      customerTalkRatio: 0.4,
      bargeIns: 1,
    });
    expect((await onB.get(id)).detail.metrics).toMatchObject({ robotLatencyMaxMs: 900, bargeIns: 1 });
  });

  test("alerts read again on one instance (a changed alert config) are in the other's next detail", async () => {
    const { a, id, seed, onB } = await setUp();
    expect((await onB.get(id)).detail.alerts).toEqual([]);
    const phrase = seed.call.transcript![0]!.text.slice(0, 2);
    await a.calls.reindexAlerts([{ name: "回访提醒", phrases: [phrase] }]);
    expect((await onB.get(id)).detail.alerts).toEqual(["回访提醒"]);
    // And again: each re-index, not only the first, makes the cached details old.
    await a.calls.reindexAlerts([{ name: "回访", phrases: [phrase] }]);
    expect((await onB.get(id)).detail.alerts).toEqual(["回访"]);
    await a.calls.reindexAlerts([]);
    expect((await onB.get(id)).detail.alerts).toEqual([]);
  });

  test("a detail fetched live on one instance is what the other's cache then answers", async () => {
    const { id, onA, onB } = await setUp();
    await onB.get(id);
    // Instance A fetches the call live (the vendor now says more) and writes it to the index.
    const live = await onA.get(id, { fresh: true });
    expect(live.detail.extra).toMatchObject({ from: "vendor", fetch: 2 });
    const fromB = await onB.get(id);
    expect(fromB.detail).toEqual(live.detail);
  });

  test("the cache still spares the vendor when nothing changed", async () => {
    const { id, fake, onA } = await setUp();
    for (let i = 0; i < 5; i++) await onA.get(id);
    expect(fake.counter.calls).toBe(1);
  });
});
