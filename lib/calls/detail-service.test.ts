import { afterEach, expect, test } from "vitest";
import { EMPTY_QUERY } from "@/lib/calls/query";
import type { Store } from "@/lib/store";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openTestStore } from "@/lib/testing/store";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { DetailService } from "./detail-service";

/**
 * The call detail is cached per instance; several instances share one index. A review saved through
 * one instance must show at once on another that remembers the call from before.
 */

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

function vendorWith(call: NormalizedCall): VendorAdapter & { calls: number } {
  const adapter = {
    vendor: "tanyi" as const,
    calls: 0,
    listCalls: () => Promise.reject(new Error("not listed here")),
    getCall: async () => {
      adapter.calls++;
      return call;
    },
    reprocess: () => ({
      ok: false as const,
      problem: { taskId: "", vendorCallId: null, reason: "", raw: "" },
    }),
  };
  return adapter;
}

test("a review saved on another instance shows in this instance's cached detail", async () => {
  const [seed] = seedCalls(10).filter((candidate) => candidate.call.transcript?.length);
  store = await openTestStore("config");
  await store.calls.upsert([{ sourceId: "tanyi", vendor: "tanyi", call: seed!.call, from: "detail" }]);
  const id = (await store.calls.list({ ...EMPTY_QUERY, limit: 1 }, "Asia/Shanghai")).items[0]!.id;
  const adapter = vendorWith(seed!.call);
  // Two instances: each its own detail cache over the one index.
  const here = new DetailService(store, new Map([["tanyi", { adapter }]]));
  const there = new DetailService(store, new Map([["tanyi", { adapter }]]));

  expect((await here.get(id)).detail.review.status).toBe("unreviewed");
  // The other instance saves a review (and empties its own cache, as the review route does).
  const saved = await store.reviews.update(id, { status: "flagged", intent: "B", note: "回访" }, "lee");
  there.forget(id);

  const { detail } = await here.get(id);
  expect(detail.review).toEqual(saved);
  expect(detail.review).toMatchObject({ status: "flagged", intent: "B", note: "回访", by: "lee" });
  // Still from the cache: the vendor was asked once, not again for the review.
  expect(adapter.calls).toBe(1);
  // The rest of the cached detail is unchanged.
  expect(detail.transcript.length).toBe(seed!.call.transcript!.length);
});
