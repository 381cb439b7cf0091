import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { filtersOf, parseCallQuery, type CallQuery } from "@/lib/calls/query";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { openTestStore, testBackend } from "@/lib/testing/store";
import type { Store } from "./index";
import { resizeSearchSample } from "./search-sample-postgres";
import { filterSql } from "./list-query";
import { collectsMatches, TEXT_SAMPLING, walkFrom } from "./text-sample";

/**
 * A text search matching many calls: its totals and analytics are counted over a sample of its
 * matches beyond TEXT_SAMPLING.exactUpTo, scaled up and flagged as estimates; any first page that
 * holds every match stays exact, and so does a rare word. The thresholds are lowered here so that
 * a few hundred seeded calls are "many".
 *
 * The backends differ in one thing: how many calls the text matches. SQLite counts them (FTS5);
 * PostgreSQL counts them in its sample index (a share of the calls) and divides by the share. With
 * the sample index holding every call (share 1) PostgreSQL's figures are SQLite's, to the call: the
 * first two groups run so. The last gives PostgreSQL's index a third of the calls.
 */

const TZ = "Asia/Shanghai";
const postgres = testBackend() === "postgres";
let store: Store;
let seeded: SeedCall[];
const saved = { ...TEXT_SAMPLING };

const text = (seed: SeedCall) => (seed.call.transcript ?? []).map((line) => line.text).join("\n");
const query = (search: string): CallQuery => ({
  ...parseCallQuery(new URLSearchParams(search)),
  numbers: "any",
});
const priced = () => seeded.filter((seed) => text(seed).includes("价格"));
/** PostgreSQL's sample index holds `share` of the calls (SQLite has none: its matches are counted). */
const sampleShare = (share: number) => (postgres ? resizeSearchSample(store.sql, share) : undefined);
const customerHungUp = (seed: SeedCall) => seed.call.summary.hangupBy === "customer";

beforeEach(async () => {
  store = await openTestStore();
  seeded = seedCalls(800, 21);
  // An alert every call with 价格 raises (the seed's line is 价格太贵了): the stats' alert counts.
  store.calls.configureAlerts([{ name: "太贵", phrases: ["太贵"] }]);
  await store.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  TEXT_SAMPLING.exactUpTo = 40;
  await sampleShare(1);
});
afterEach(async () => {
  Object.assign(TEXT_SAMPLING, saved);
  await store.close();
});

/** Within `share` of the true count: a sample's estimate, not the count itself. */
const near = (estimate: number, truth: number, share: number) =>
  expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(Math.ceil(truth * share));

describe("the sample holds every match (scale 1): an estimate by name, the exact figure by value", () => {
  beforeEach(() => {
    TEXT_SAMPLING.size = 1_000_000;
  });

  test("the list: the text alone is exact; with other filters the total is flagged", async () => {
    const all = priced().length;
    expect(all).toBeGreaterThan(TEXT_SAMPLING.exactUpTo);
    const alone = await store.calls.list({ ...query("q=价格"), limit: 10 }, TZ);
    expect(alone.total).toBe(all);
    expect(alone.totalIsEstimate).toBeUndefined();

    const want = priced().filter(customerHungUp).length;
    const combined = await store.calls.list({ ...query("q=价格&hangup=customer"), limit: 10 }, TZ);
    expect(combined.total).toBe(want);
    expect(combined.totalIsEstimate).toBe(true);
    expect(combined.items).toHaveLength(10);

    // A first page that holds every match is its own exact count.
    const whole = await store.calls.list({ ...query("q=价格&hangup=customer"), limit: 500 }, TZ);
    expect(whole.items).toHaveLength(want);
    expect(whole.total).toBe(want);
    expect(whole.totalIsEstimate).toBeUndefined();
  });

  test("stats, drop-off and trends are flagged, with the figures of an exact count", async () => {
    const filters = filtersOf(query("q=价格"));
    const calls = priced();
    const answered = calls.filter((seed) => seed.call.summary.result === "answered");
    const stats = await store.calls.stats(filters, TZ);
    expect(stats.total).toBe(calls.length);
    expect(stats.answered).toBe(answered.length);
    expect(stats.estimate).toEqual({ sampled: calls.length, matches: calls.length });
    expect(stats.alerting).toBe(calls.length);
    expect(stats.byAlert).toEqual({ 太贵: calls.length });

    const dropoff = await store.analytics.dropoff(filters, TZ);
    expect(dropoff.answered).toBe(answered.length);
    expect(dropoff.customerHangups).toBe(answered.filter(customerHungUp).length);
    expect(dropoff.estimate).toEqual({ sampled: calls.length, matches: calls.length });

    const days = await store.analytics.daily(filters, TZ);
    expect(days.reduce((sum, day) => sum + day.calls, 0)).toBe(
      calls.filter((seed) => seed.call.summary.startedAt).length,
    );
    for (const day of days) expect(day.estimate).toEqual({ sampled: calls.length, matches: calls.length });
  });
});

describe("a sample of about a third of the matches", () => {
  beforeEach(() => {
    TEXT_SAMPLING.size = Math.round(priced().length / 3);
  });

  test("figures are scaled up to near the exact counts", async () => {
    const calls = priced();
    const want = calls.filter(customerHungUp).length;
    const page = await store.calls.list({ ...query("q=价格&hangup=customer"), limit: 10 }, TZ);
    const stats = await store.calls.stats(filtersOf(query("q=价格&hangup=customer")), TZ);
    const dropoff = await store.analytics.dropoff(filtersOf(query("q=价格")), TZ);
    expect(page.totalIsEstimate).toBe(true);
    expect(stats.estimate!.matches).toBe(calls.length);
    expect(stats.estimate!.sampled).toBeLessThan(calls.length * 0.6);
    expect(stats.estimate!.sampled).toBeGreaterThan(calls.length * 0.15);
    // The sample's share passing the filter, scaled by matches ÷ sampled: near, not equal.
    near(page.total, want, 0.35);
    near(stats.total, want, 0.35);
    near(dropoff.answered, calls.filter((seed) => seed.call.summary.result === "answered").length, 0.35);
    expect(dropoff.estimate).toEqual(stats.estimate);
  });

  test("the text alone: the summary's total is the matches, and no facet is above it", async () => {
    const calls = priced();
    const sum = (counts: Record<string, number | undefined>) =>
      Object.values(counts).reduce<number>((a, n) => a + (n ?? 0), 0);
    // Several sample sizes: scaling each group and adding them up drifts by the rounding at some.
    for (const share of [2, 3, 4, 5, 7]) {
      TEXT_SAMPLING.size = Math.round(calls.length / share);
      const stats = await store.calls.stats(filtersOf(query("q=价格")), TZ);
      // Scaled once from the whole sample (matches ÷ sampled × sampled), not group by group.
      expect(stats.total).toBe(calls.length);
      for (const counts of [stats.byResult, stats.byIntent])
        expect(Math.abs(sum(counts) - stats.total)).toBeLessThanOrEqual(Object.keys(counts).length);
      expect(stats.answered).toBeLessThanOrEqual(stats.total);
    }
  });
});

describe("the matches and the sample are read once per state of the index", () => {
  beforeEach(() => {
    TEXT_SAMPLING.size = 1_000_000;
  });

  test("a new matching call, and a changed transcript, are counted at once", async () => {
    const all = priced().length;
    const stats = () => store.calls.stats(filtersOf(query("q=价格")), TZ);
    const total = async () => (await store.calls.list({ ...query("q=价格"), limit: 10 }, TZ)).total;
    expect(await total()).toBe(all);
    expect((await stats()).total).toBe(all);
    // Asked again with nothing written in between: the same figures.
    expect(await total()).toBe(all);
    expect((await stats()).total).toBe(all);

    const again = structuredClone(priced()[0]!);
    again.call.key = `${again.call.key}-again`;
    await store.calls.upsert([
      { sourceId: again.sourceId, vendor: again.vendor, call: again.call, from: "list" },
    ]);
    expect(await total()).toBe(all + 1);
    const after = await stats();
    expect(after.total).toBe(all + 1);
    expect(after.estimate).toEqual({ sampled: all + 1, matches: all + 1 });

    // The call's transcript no longer says it: one match fewer.
    again.call.transcript = (again.call.transcript ?? []).map((line) => ({
      ...line,
      text: line.text.replaceAll("价格", "费用"),
    }));
    await store.calls.upsert([
      { sourceId: again.sourceId, vendor: again.vendor, call: again.call, from: "list" },
    ]);
    expect(await total()).toBe(all);
    expect((await stats()).total).toBe(all);
  });
});

describe("PostgreSQL's sample index holds a third of the calls (SQLite counts its matches)", () => {
  beforeEach(async () => {
    await sampleShare(1 / 3);
    TEXT_SAMPLING.size = Math.round(priced().length / 3);
  });

  test("a common word: the matches estimated near their count, every figure flagged and scaled alike", async () => {
    const calls = priced();
    const alone = await store.calls.list({ ...query("q=价格"), limit: 10 }, TZ);
    // PostgreSQL cannot count the matches from its index: the text alone is an estimate there.
    expect(alone.totalIsEstimate).toBe(postgres ? true : undefined);
    near(alone.total, calls.length, 0.35);
    expect(alone.items.map((item) => item.id)).toEqual(
      (await store.calls.list({ ...query("q=价格"), limit: 10 }, TZ)).items.map((item) => item.id),
    );

    const filters = filtersOf(query("q=价格&hangup=customer"));
    const stats = await store.calls.stats(filters, TZ);
    const page = await store.calls.list({ ...query("q=价格&hangup=customer"), limit: 10 }, TZ);
    const days = await store.analytics.daily(filters, TZ);
    expect(stats.estimate!.matches).toBe(alone.total);
    near(stats.estimate!.matches, calls.length, 0.35);
    expect(stats.estimate!.sampled).toBeLessThan(calls.length);
    // Figures sampled together agree: the list's total is the stats' total, the days add up to it.
    expect(page.totalIsEstimate).toBe(true);
    expect(page.total).toBe(stats.total);
    near(stats.total, calls.filter(customerHungUp).length, 0.35);
    const dated = days.reduce((sum, day) => sum + day.calls, 0);
    expect(Math.abs(dated - stats.total)).toBeLessThanOrEqual(days.length); // each day rounded
    for (const day of days) expect(day.estimate).toEqual(stats.estimate);
  });

  test("a rare word is counted exactly, on every backend", async () => {
    const number = seeded[7]!.call.summary.callee;
    const want = seeded.filter((seed) => seed.call.summary.callee === number).length;
    const page = await store.calls.list({ ...query(`q=${number}`), limit: 1 }, TZ);
    expect(want).toBeGreaterThan(0);
    expect(page.total).toBe(want);
    expect(page.totalIsEstimate).toBeUndefined();
    const stats = await store.calls.stats(filtersOf(query(`q=${number}`)), TZ);
    expect(stats.total).toBe(want);
    expect(stats.estimate).toBeUndefined();
    const dropoff = await store.analytics.dropoff(filtersOf(query(`q=${number}`)), TZ);
    expect(dropoff.estimate).toBeUndefined();
  });

  test("a word in no call: nothing, exactly", async () => {
    const page = await store.calls.list({ ...query("q=火星人"), limit: 10 }, TZ);
    expect(page).toMatchObject({ total: 0, items: [] });
    expect(page.totalIsEstimate).toBeUndefined();
    const stats = await store.calls.stats(filtersOf(query("q=火星人")), TZ);
    expect(stats).toMatchObject({ total: 0 });
    expect(stats.estimate).toBeUndefined();
  });
});

describe("a page of a common word walks the sort's index and tests each call (PostgreSQL)", () => {
  test("the test of each call finds the very calls the search finds", async () => {
    const page = async (search: string, probe: boolean) => {
      const filters = filterSql(query(search), TZ, store.sql.dialect, { probe });
      const rows = await store.sql.all<{ seq: number }>(
        `SELECT c.seq AS seq FROM calls c WHERE ${filters.where} ORDER BY c.started_key DESC, c.seq DESC LIMIT 30`,
        filters.params,
      );
      return rows.map((row) => Number(row.seq));
    };
    for (const search of ["q=价格", "q=价格&hangup=customer", "q=价 格", "q=火星人"]) {
      const matched = await page(search, false);
      expect(await page(search, true)).toEqual(matched);
    }
    expect((await page("q=价格", true)).length).toBe(Math.min(30, priced().length));
  });

  test("it walks from about √(64 × calls) matches: 8,000 at a million", () => {
    expect(walkFrom(1_000_000)).toBe(8_000);
    expect(walkFrom(null)).toBe(8_000);
    expect(walkFrom(10_000_000)).toBe(25_298);
  });
});

describe("a page of a rare word collects its matches and sorts them (SQLite)", () => {
  /** Every page of `search`, by cursor, in order. */
  const pages = async (search: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.calls.list({ ...query(search), limit: 7, cursor }, TZ);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  test("the pages of a rare word are those of the sort's index walk, in the same order", async () => {
    // A word in 12 of the 800 calls: collected below √(3 × 800) ≈ 49 matches; 价格 (117) is walked.
    const hotpot = seeded.filter((seed) => (seed.call.transcript ?? []).length > 0).slice(0, 12);
    await store.calls.upsert(
      hotpot.map(({ sourceId, vendor, call }) => {
        const changed = structuredClone(call);
        changed.transcript!.push({ ...changed.transcript!.at(-1)!, text: "晚上想吃火锅" });
        return { sourceId, vendor, call: changed, from: "list" as const };
      }),
    );
    expect(await collectsMatches(store.sql, filtersOf(query("q=火锅")))).toBe(!postgres);
    expect(await collectsMatches(store.sql, filtersOf(query("q=火星人")))).toBe(!postgres);
    expect(await collectsMatches(store.sql, filtersOf(query("q=价格")))).toBe(false);
    for (const [search, order] of [
      ["q=火锅&sort=durationSec:asc", "c.duration_key ASC, c.seq ASC"],
      ["q=火锅", "c.started_key DESC, c.seq DESC"],
      ["q=火星人", "c.started_key DESC, c.seq DESC"],
      ["q=价格&sort=startedAt:asc", "c.started_key ASC, c.seq ASC"],
    ]) {
      const filters = filterSql(query(search!), TZ, store.sql.dialect);
      const want = await store.sql.all<{ id: string }>(
        `SELECT c.id FROM calls c WHERE ${filters.where} ORDER BY ${order}`,
        filters.params,
      );
      expect(want.length).toBe(
        search!.includes("火锅") ? 12 : search!.includes("价格") ? priced().length : 0,
      );
      expect(await pages(search!)).toEqual(want.map((row) => row.id));
    }
  });

  test("the pages of a common word, walked, are those of the search, in the same order", async () => {
    // A word in 300 of the 800 calls: walked on both backends (PostgreSQL from √(64 × 800) ≈ 226,
    // its planner told to keep to the sort's index).
    const hikers = seeded.filter((seed) => (seed.call.transcript ?? []).length > 0).slice(0, 300);
    await store.calls.upsert(
      hikers.map(({ sourceId, vendor, call }) => {
        const changed = structuredClone(call);
        changed.transcript!.push({ ...changed.transcript!.at(-1)!, text: "周末去爬山" });
        return { sourceId, vendor, call: changed, from: "list" as const };
      }),
    );
    if (postgres) await store.sql.run("ANALYZE calls_search");
    expect(await collectsMatches(store.sql, filtersOf(query("q=爬山")))).toBe(false);
    for (const [search, order] of [
      ["q=爬山", "c.started_key DESC, c.seq DESC"],
      ["q=爬山&sort=durationSec:asc", "c.duration_key ASC, c.seq ASC"],
      ["q=爬山&result=answered&sort=startedAt:asc", "c.started_key ASC, c.seq ASC"],
    ]) {
      const filters = filterSql(query(search!), TZ, store.sql.dialect);
      const want = await store.sql.all<{ id: string }>(
        `SELECT c.id FROM calls c WHERE ${filters.where} ORDER BY ${order}`,
        filters.params,
      );
      expect(want.length).toBeGreaterThan(search === "q=爬山" ? 299 : 50);
      expect(await pages(search!)).toEqual(want.map((row) => row.id));
    }
  });
});
