import { afterEach, describe, expect, test } from "vitest";
import { openStore, type Store } from "@/lib/store";
import { seedCalls } from "@/lib/testing/seed-calls";
import { createVendorHttp, httpLevelError } from "@/lib/vendors/http";
import { VendorError } from "@/lib/vendors/errors";
import type { NormalizedCall, VendorAdapter } from "@/lib/vendors/types";
import { Deadline } from "@/lib/vendors/deadline";
import { DetailService } from "@/lib/calls/detail-service";

/**
 * A person opening a call gets an answer within the interactive deadline, whatever the vendor does:
 * the indexed copy marked stale, or a timeout (504) when the index has nothing to show.
 */

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

async function indexWith(calls: NormalizedCall[], from: "list" | "detail" = "detail"): Promise<Store> {
  store = await openStore(":memory:", "config");
  await store.calls.upsert(calls.map((call) => ({ sourceId: "tanyi", vendor: "tanyi", call, from })));
  return store;
}

function hangingAdapter(): VendorAdapter & { calls: number } {
  const adapter = {
    vendor: "tanyi" as const,
    calls: 0,
    listCalls: () => new Promise<never>(() => {}),
    // Ignores its signal on purpose: the deadline must hold even for an adapter that does not listen.
    getCall: () => {
      adapter.calls++;
      return new Promise<never>(() => {});
    },
    reprocess: () => ({
      ok: false as const,
      problem: { taskId: "", vendorCallId: null, reason: "", raw: "" },
    }),
  };
  return adapter;
}

describe("interactive deadline", () => {
  test("a hanging vendor: the indexed copy, marked stale, once the deadline passes", async () => {
    const [answered] = seedCalls(10).filter((seed) => seed.call.transcript?.length);
    const index = await indexWith([answered!.call]);
    const id = (await index.calls.list({ ...(await emptyQuery()), limit: 1 }, "Asia/Shanghai")).items[0]!.id;
    const adapter = hangingAdapter();
    const details = new DetailService(index, new Map([["tanyi", { adapter }]]), 30_000, 500, 300);
    const started = Date.now();
    const { detail } = await details.get(id);
    const waited = Date.now() - started;
    expect(detail.stale).toBe(true);
    expect(detail.transcript.length).toBeGreaterThan(0);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(3_000);
  });

  test("a hanging vendor and no transcript in the index: a vendor timeout (504) naming the source", async () => {
    const seed = seedCalls(10)[0]!;
    const index = await indexWith([{ ...seed.call, transcript: null, needsDetail: true }], "list");
    const id = (await index.calls.list({ ...(await emptyQuery()), limit: 1 }, "Asia/Shanghai")).items[0]!.id;
    const adapter = hangingAdapter();
    const details = new DetailService(
      index,
      new Map([["tanyi", { adapter, config: { id: "tanyi", name: "探意外呼" } }]]),
      30_000,
      500,
      300,
    );
    const error = await details.get(id).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).status).toBe(504);
    expect((error as VendorError).message).toBe("探意外呼 (tanyi): the vendor did not answer within 0.3 s");
  });

  test("retries stop at the deadline: no attempt starts after it", async () => {
    let attempts = 0;
    const http = createVendorHttp({
      label: "test",
      maxAttempts: 10,
      initialDelayMs: 100,
      maxDelayMs: 100,
      fetchImpl: async () => {
        attempts++;
        return new Response("busy", { status: 503 });
      },
    });
    const deadline = new Deadline(250);
    const started = Date.now();
    const error = await deadline
      .race(
        http.request(
          () => ({ method: "GET", url: "http://vendor.test/" }),
          (answer) => {
            throw httpLevelError(answer, "test") ?? new Error("expected a 503");
          },
          { idempotent: true, signal: deadline.signal },
        ),
        "test",
      )
      .catch((err: unknown) => err);
    expect((error as VendorError).code).toBe("vendor_timeout");
    expect(Date.now() - started).toBeLessThan(1_000);
    const atDeadline = attempts;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(attempts).toBe(atDeadline);
    expect(attempts).toBeLessThan(10);
  });
});

async function emptyQuery() {
  return (await import("@/lib/calls/query")).EMPTY_QUERY;
}
