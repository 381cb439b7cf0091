import { afterEach, beforeEach, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { seedCalls } from "@/lib/testing/seed-calls";
import { openSharedTestStores, openTestStore } from "@/lib/testing/store";
import type { Store } from "./index";

/**
 * Totals, facets and text matches are kept while the index is unchanged (kept.ts): every write must
 * show in the very next read, whoever wrote it and whoever reads it.
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

test("another instance's writes show in this one's next read: calls, reviews, a word's matches", async () => {
  const [one, two] = await openSharedTestStores(2);
  try {
    const list = (store: Store, search: string) => store.calls.list(query(search), TZ);
    await one!.calls.upsert(
      seeds.slice(0, 60).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    const word = seeds[0]!.call.transcript!.find((line) => line.text.length >= 4)!.text.slice(0, 4);
    const before = {
      all: (await list(one!, "")).total,
      answered: (await list(one!, "result=answered")).total,
      word: (await list(one!, `q=${word}`)).total,
      reviewed: (await list(one!, "review=reviewed")).total,
    };
    expect(before.all).toBe(60);
    // Kept by the first instance: asked again, the count tables are not read.
    const reads: string[] = [];
    const sql = one!.sql;
    const { all, get } = { all: sql.all.bind(sql), get: sql.get.bind(sql) };
    sql.all = ((text: string, params?: unknown[]) => (reads.push(text), all(text, params))) as typeof all;
    sql.get = ((text: string, params?: unknown[]) => (reads.push(text), get(text, params))) as typeof get;
    expect((await list(one!, "result=answered")).total).toBe(before.answered);
    expect(reads.some((text) => text.includes("FROM calls c"))).toBe(true);
    expect(reads.filter((text) => text.includes("call_days"))).toEqual([]);
    Object.assign(sql, { all, get });

    await two!.calls.upsert(
      seeds.slice(60).map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    const answered = seeds.filter((seed) => seed.call.summary.result === "answered").length;
    const withWord = seeds.filter((seed) => seed.call.transcript?.some((line) => line.text.includes(word)));
    expect((await list(one!, "")).total).toBe(120);
    expect((await list(one!, "result=answered")).total).toBe(answered);
    expect((await list(one!, `q=${word}`)).total).toBe(withWord.length);
    expect((await one!.calls.stats(filtersOf(query("")), TZ)).total).toBe(120);

    const [first] = (await list(two!, "")).items;
    await two!.reviews.update(first!.id, { status: "reviewed" }, "sup");
    expect((await list(one!, "review=reviewed")).total).toBe(before.reviewed + 1);
  } finally {
    await one!.close();
  }
});
