import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store";
import { openTestStore } from "@/lib/testing/store";
import { seedCalls } from "@/lib/testing/seed-calls";
import { CallsService } from "./calls-service";
import { EMPTY_QUERY, parseCallQuery } from "./query";

let store: Store;
let calls: CallsService;

beforeEach(async () => {
  store = await openTestStore();
  await store.calls.upsert(seedCalls(23, 1_234).map((seed) => ({ ...seed, from: "list" as const })));
  calls = new CallsService(store, "Asia/Shanghai");
});
afterEach(async () => {
  await store.close();
});

async function allPages(query = EMPTY_QUERY): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await calls.list({ ...query, cursor, limit: 7 });
    ids.push(...page.items.map((call) => call.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("CallsService", () => {
  it("exports in batches the list's calls in the list's order, with their annotation counts", async () => {
    const query = parseCallQuery(new URLSearchParams("sort=durationSec:asc"));
    const expected = await allPages(query);
    expect(expected).toHaveLength(23);
    const first = expected[0]!;
    await store.annotations.add(first, { atMs: 100, utterance: null, label: "asr_error", note: null }, "lee");
    await store.annotations.add(first, { atMs: null, utterance: 0, label: "asr_error", note: null }, "lee");

    const sizes: number[] = [];
    const ids: string[] = [];
    // A cursor in the query is ignored: an export starts at the beginning.
    for await (const batch of calls.export({ ...query, cursor: "bogus" }, 10)) {
      sizes.push(batch.calls.length);
      ids.push(...batch.calls.map((call) => call.id));
      if (batch.calls.some((call) => call.id === first)) {
        expect(batch.annotations.get(first)).toMatchObject({ asr_error: 2, note: 0 });
      }
    }
    expect(sizes).toEqual([10, 10, 3]);
    expect(ids).toEqual(expected);
  });

  it("stops reading when the export is abandoned", async () => {
    const batches = calls.export(EMPTY_QUERY, 5);
    expect((await batches.next()).value?.calls).toHaveLength(5);
    await batches.return(undefined);
    expect(await batches.next()).toEqual({ done: true, value: undefined });
  });

  it("answers stats and neighbours over the list it pages", async () => {
    const all = await calls.list({ ...EMPTY_QUERY, limit: 100 });
    const stats = await calls.stats({ ...EMPTY_QUERY, cursor: "ignored", limit: 1 });
    expect(stats.total).toBe(all.total);
    const [, second, third] = all.items;
    expect(await calls.neighbors(second!.id, EMPTY_QUERY)).toEqual({
      prev: all.items[0]!.id,
      next: third!.id,
    });
    expect(await calls.neighbors("no-such-call", EMPTY_QUERY)).toBeNull();
  });

  it("names the export file by the time in its time zone, summer time included", () => {
    const at = new Date("2026-07-01T06:05:00Z");
    expect(calls.exportFileName(at)).toBe("callscope-calls-20260701-1405.csv");
    expect(new CallsService(store, "America/New_York").exportFileName(at)).toBe(
      "callscope-calls-20260701-0205.csv",
    );
    expect(new CallsService(store, "America/New_York").exportFileName(new Date("2026-12-01T06:05:00Z"))).toBe(
      "callscope-calls-20261201-0105.csv",
    );
  });
});
