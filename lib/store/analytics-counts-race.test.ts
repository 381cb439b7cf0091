import { afterEach, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { INTENTS } from "@/lib/model";
import { countedRows, recountedRows } from "@/lib/testing/count-tables";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { openSharedTestStores, testBackend } from "@/lib/testing/store";
import type { Store } from "./index";

/**
 * The count tables under several instances writing one index at once (issue #18): two stores (two
 * pools on one schema, as two instances) write overlapping pages of the same calls — new calls,
 * changed results, hang-ups, rounds, start times — and review them, all in flight together. The
 * triggers add deltas to shared count rows from both transactions; whatever the interleaving (a
 * deadlock between them is retried by PostgresSql.tx), the counts end what counting the calls
 * again gives. SQLite has one writer: there the same writes run one after another.
 */

let stores: Store[] = [];
afterEach(async () => {
  for (const store of stores) await store.close();
  stores = [];
});

const OFFSET = 8 * 3_600_000; // the dating both migrations start with (Asia/Shanghai)

test("concurrent writers and reviewers leave the counts exact", async () => {
  const racing = testBackend() === "postgres";
  stores = await openSharedTestStores(racing ? 2 : 1);
  const [a, b] = [stores[0]!, stores[stores.length - 1]!];
  for (const store of stores)
    store.calls.configureAlerts([
      { name: "太贵", phrases: ["太贵"] },
      { name: "VIP", phrases: ["VIP"] },
    ]);
  const seeded = seedCalls(240, 11);
  const upsert = (store: Store, calls: SeedCall[]) =>
    store.calls.upsert(calls.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })));
  const changed = (calls: SeedCall[], round: number) =>
    calls.map((seed, i) => {
      const call = structuredClone(seed.call);
      const summary = call.summary;
      if ((i + round) % 3 === 0) summary.result = summary.result === "answered" ? "no_answer" : "answered";
      if ((i + round) % 4 === 1) summary.hangupBy = summary.hangupBy === "customer" ? "robot" : "customer";
      if ((i + round) % 5 === 2) summary.rounds = (summary.rounds ?? 0) + round;
      if ((i + round) % 7 === 3) summary.startedAt = `2026-11-${10 + (round % 9)}T23:30:00+08:00`;
      // A new transcript raises another set of alerts (call_alerts rewritten, alert_names follows).
      if ((i + round) % 6 === 4)
        call.transcript = [
          {
            speaker: "customer",
            text: ["VIP太贵", "太贵", "不用了"][(i + round) % 3]!,
            startMs: 0,
            endMs: 1,
            timing: "vendor",
          },
        ];
      summary.tags = [`round-${round}`]; // a real write every time, counted columns moved or not
      return { ...seed, call };
    });
  const all = async (writes: (() => Promise<unknown>)[]) => {
    if (racing) await Promise.all(writes.map((write) => write()));
    else for (const write of writes) await write();
  };

  await upsert(a, seeded.slice(0, 100));
  // Dated at +08:00 (PostgreSQL's migration dates it so; SQLite's the first trends query).
  await a.analytics.daily(filtersOf(parseCallQuery(new URLSearchParams())), "Asia/Shanghai");
  for (let round = 1; round <= 6; round++) {
    // Overlapping pages, in opposite orders, so that the two transactions meet on the same count rows.
    const first = seeded.slice(0, 160 + round * 10);
    const second = seeded.slice(60).reverse();
    await all([
      () => upsert(a, changed(first, round)),
      () => upsert(b, changed(second, round + 1)),
      async () => {
        const ids = (await a.sql.all<{ id: string }>("SELECT id FROM calls ORDER BY seq LIMIT 40")).map(
          (row) => row.id,
        );
        for (const [i, id] of ids.entries())
          await b.reviews.update(id, { status: "reviewed", intent: INTENTS[(i + round) % 6]! }, "lee");
      },
    ]);
  }
  expect(Number((await a.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM calls"))!.n)).toBe(240);
  const kept = await countedRows(a);
  expect(kept).toEqual(await recountedRows(a, OFFSET));
  expect(kept.rounds.length).toBeGreaterThan(20);
}, 60_000);
