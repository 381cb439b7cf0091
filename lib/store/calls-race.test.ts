import { afterEach, describe, expect, test } from "vitest";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openSharedTestStores, testBackend } from "@/lib/testing/store";
import type { NormalizedCall } from "@/lib/vendors/types";
import type { Store } from "./index";

/**
 * Issue #16: concurrent writes to one call never lose an update. A sync page (list entries) on one
 * instance and a live detail on another merge into the same calls at once; each reads the row,
 * merges (planUpsert) and writes it back, so without a lock the second write would carry the row it
 * read before the first one's — and drop what the first wrote. On PostgreSQL two stores (two pools,
 * as two instances) race for real; SQLite's single writer serializes one store's writes.
 */

let stores: Store[] = [];
afterEach(async () => {
  for (const store of stores) await store.close();
  stores = [];
});

describe("a sync page and a live detail racing on the same calls", () => {
  test("both writers' fields end present, every time", async () => {
    stores = await openSharedTestStores(testBackend() === "postgres" ? 2 : 1);
    const sync = stores[0]!;
    const live = stores[stores.length - 1]!;
    const page = seedCalls(8, 7).map((seed) => ({ ...seed, sourceId: "alpha" }));
    await sync.calls.upsert(page.map((seed) => ({ ...seed, from: "list" as const })));

    const ROUNDS = 40;
    for (let round = 1; round <= ROUNDS; round++) {
      const target = page[round % page.length]!;
      // The list says something new about every call of the page (a changed hash: a real write) …
      const listed = page.map((seed) => ({
        sourceId: seed.sourceId,
        vendor: seed.vendor,
        from: "list" as const,
        call: {
          ...seed.call,
          summary: { ...seed.call.summary, tags: [`list-${round}`] },
          transcript: null, // as Dyvms' list: the transcript is the detail's
          extra: { listRound: round },
          raw: { round },
        } satisfies NormalizedCall,
      }));
      // … while the detail of one of them brings what only a detail has.
      const detail: NormalizedCall = {
        ...target.call,
        summary: { ...target.call.summary, tags: [], intentLabel: `detail-${round}` },
        transcript: [{ speaker: "robot", text: `第${round}轮`, startMs: 0, endMs: 800, timing: "vendor" }],
        extra: { detailRound: round },
        raw: { detail: round },
      };
      // Either may start first; both are in flight together.
      const writes = [
        () => sync.calls.upsert(listed),
        () =>
          live.calls.upsert([
            { sourceId: target.sourceId, vendor: target.vendor, from: "detail", call: detail },
          ]),
      ];
      if (round % 2) writes.reverse();
      await Promise.all(writes.map((write) => write()));

      const key = target.call.key;
      const row = await sync.sql.get<{ id: string }>(
        "SELECT id FROM calls WHERE source_id = ? AND call_key = ?",
        ["alpha", key],
      );
      const stored = (await live.calls.get(row!.id))!;
      expect(stored.extra, `round ${round}`).toMatchObject({ listRound: round, detailRound: round });
      expect(stored.summary.tags, `round ${round}`).toEqual([`list-${round}`]);
      expect(stored.summary.intentLabel, `round ${round}`).toBe(`detail-${round}`);
      expect(
        stored.transcript?.map((line) => line.text),
        `round ${round}`,
      ).toEqual([`第${round}轮`]);
    }
  }, 120_000);
});
