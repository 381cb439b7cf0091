import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/store";
import { openTestStore } from "@/lib/testing/store";
import { seedCalls } from "@/lib/testing/seed-calls";
import { CallsService } from "./calls-service";
import { EMPTY_QUERY, parseCallQuery, serializeCallQuery } from "./query";

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

  it("dates analytics and review batches in its own time zone", async () => {
    const all = (await calls.list({ ...EMPTY_QUERY, limit: 100 })).items;
    const dayIn = (zone: string, iso: string) =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(new Date(iso));
    const dated = all.filter((call) => call.startedAt !== null);
    // The seeds start at midnight in Shanghai and run on through the day: some Shanghai days are
    // another date in New York, so a service that ignored its zone would count them on the wrong day.
    expect(
      dated.some(
        (call) => dayIn("Asia/Shanghai", call.startedAt!) !== dayIn("America/New_York", call.startedAt!),
      ),
    ).toBe(true);
    // Every call gets a reviewer's intent, so intent agreement counts each call of a day once.
    for (const call of all) await store.reviews.update(call.id, { intent: "A" }, "lee");
    for (const zone of ["Asia/Shanghai", "America/New_York"]) {
      const service = new CallsService(store, zone);
      const expected = new Map<string, number>();
      for (const call of dated) {
        const day = dayIn(zone, call.startedAt!);
        expected.set(day, (expected.get(day) ?? 0) + 1);
      }
      const days = await service.daily(EMPTY_QUERY);
      expect(new Map(days.map((row) => [row.date, row.calls]))).toEqual(expected);

      // One day of the zone: the list, drop-off, intent agreement and a batch of all its calls agree on which calls.
      const [day, count] = [...expected].sort((a, b) => b[1] - a[1])[0]!;
      const oneDay = { ...EMPTY_QUERY, from: day, to: day };
      const listed = (await service.list({ ...oneDay, limit: 100 })).items;
      expect(listed).toHaveLength(count);
      const answered = listed.filter((call) => call.result === "answered").length;
      expect((await service.dropoff(oneDay)).answered).toBe(answered);
      const agreement = await service.intentAgreement(oneDay);
      expect(agreement.cells.reduce((sum, cell) => sum + cell.calls, 0)).toBe(count);
      const batch = await service.drawBatch(
        {
          name: `${zone} ${day}`,
          queryString: serializeCallQuery(oneDay).toString(),
          query: oneDay,
          size: 1,
          share: 100,
          stratify: null,
          seed: 7,
        },
        "lee",
      );
      expect(batch.createdBy).toBe("lee");
      expect(batch.matched).toBe(count);
      expect([...batch.callIds].sort()).toEqual(listed.map((call) => call.id).sort());
    }
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
