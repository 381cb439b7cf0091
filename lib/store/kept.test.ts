import { afterEach, beforeEach, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openTestStore } from "@/lib/testing/store";
import type { Store } from "./index";

/**
 * Totals and facets read from the count tables are kept while the index is unchanged (kept.ts, on
 * SQLite): every write must show in the very next read, whoever reads it.
 */

const TZ = "Asia/Shanghai";
let store: Store;
const seeds = seedCalls(120, 9);
const query = (search: string) => ({ ...parseCallQuery(new URLSearchParams(search)), limit: 5 });

beforeEach(async () => {
  store = await openTestStore();
  await store.calls.upsert(
    seeds.slice(0, 100).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
});
afterEach(() => store.close());

test("a kept total follows new calls, reviews and deletions at once", async () => {
  const total = async (search: string) => (await store.calls.list(query(search), TZ)).total;
  const stats = (search: string) => store.calls.stats(filtersOf(query(search)), TZ);
  const before = { all: await total(""), reviewed: await total("review=reviewed"), stats: await stats("") };
  expect(before.all).toBe(100);
  // Read twice: the second answer comes from what was kept, and is the same.
  expect(await total("")).toBe(100);

  await store.calls.upsert(
    seeds.slice(100).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  expect(await total("")).toBe(120);
  expect((await stats("")).total).toBe(120);

  const [first] = (await store.calls.list(query(""), TZ)).items;
  await store.reviews.update(first!.id, { status: "reviewed" }, "sup");
  expect(await total("review=reviewed")).toBe(before.reviewed + 1);

  await store.sql.run("DELETE FROM calls WHERE seq % 10 = 0");
  const left = Number((await store.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM calls"))!.n);
  expect(left).toBeLessThan(120);
  expect(await total("")).toBe(left);
  expect((await stats("")).total).toBe(left);
});
