import { afterEach, beforeEach, expect, test } from "vitest";
import { filtersOf, parseCallQuery, type CallQuery } from "@/lib/calls/query";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { openTestStore, testBackend } from "@/lib/testing/store";
import { readAgain } from "@/lib/testing/watch-reads";
import type { Store } from "./index";
import { SQLITE_SAMPLE_INDEX, SQLITE_SAMPLE_PREDICATE } from "./filter-sample";
import { BUCKETS, DEFAULT_SAMPLE_BELOW, resizeSearchSample } from "./search-sample-postgres";
import { TEXT_SAMPLING } from "./text-sample";

/**
 * Filters the count tables do not hold (rounds, duration), matching many calls: the list's total
 * and the summary bar are counted in the fixed 1/64 sample of the calls, scaled up and flagged.
 * Each figure is checked against an independent count: the seeded calls, tested in JS, those whose
 * seq hashes into the sample (Knuth's hash, computed here), times 64. exactUpTo is lowered so that
 * 3,000 seeded calls are "many".
 */

const TZ = "Asia/Shanghai";
let store: Store;
let seeded: SeedCall[];
/** seq of each seeded call, by source and key. */
let seqOf: Map<string, number>;
const saved = { ...TEXT_SAMPLING };

const query = (search: string): CallQuery => parseCallQuery(new URLSearchParams(search));
const inSample = (seq: number) => (seq * 2654435761) % 4294967296 < DEFAULT_SAMPLE_BELOW;
const sampled = (seeds: SeedCall[]) =>
  seeds.filter((s) => inSample(seqOf.get(`${s.sourceId}/${s.call.key}`)!));
const scale = (n: number) => Math.round((n * BUCKETS) / DEFAULT_SAMPLE_BELOW);

const long = (s: SeedCall) => s.call.summary.result === "answered" && (s.call.summary.rounds ?? -1) >= 3;
const midLength = (s: SeedCall) =>
  (s.call.summary.durationSec ?? -1) >= 60 && (s.call.summary.durationSec ?? -1) <= 300;

beforeEach(async () => {
  store = await openTestStore();
  // 1/64 on both backends (PostgreSQL's migration 6 share, which another test may have changed).
  if (testBackend() === "postgres") await resizeSearchSample(store.sql, DEFAULT_SAMPLE_BELOW / BUCKETS);
  seeded = seedCalls(3000, 5);
  store.calls.configureAlerts([{ name: "太贵", phrases: ["太贵"] }]);
  await store.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  const rows = await store.sql.all<{ source_id: string; call_key: string; seq: number | string }>(
    "SELECT source_id, call_key, seq FROM calls",
  );
  seqOf = new Map(rows.map((row) => [`${row.source_id}/${row.call_key}`, Number(row.seq)]));
  TEXT_SAMPLING.exactUpTo = 200;
});
afterEach(async () => {
  Object.assign(TEXT_SAMPLING, saved);
  await store.close();
});

test("a total over rounds is the sample's count × 64, flagged; the summary bar gives the same figures", async () => {
  const matching = seeded.filter(long);
  const want = scale(sampled(matching).length);
  expect(want).toBeGreaterThan(TEXT_SAMPLING.exactUpTo);

  const page = await store.calls.list({ ...query("result=answered&roundsMin=3"), limit: 20 }, TZ);
  expect(page.total).toBe(want);
  expect(page.totalIsEstimate).toBe(true);
  // The rows themselves are never sampled: the newest matching calls, in order.
  const newest = [...matching]
    .filter((s) => s.call.summary.startedAt)
    .sort((a, b) => Date.parse(b.call.summary.startedAt!) - Date.parse(a.call.summary.startedAt!))
    .slice(0, 20)
    .map((s) => s.call.summary.vendorCallId);
  expect(page.items.map((item) => item.vendorCallId)).toEqual(newest);
  // An estimate from ~50 calls, but of the right size: within half of the true count.
  expect(Math.abs(page.total - matching.length)).toBeLessThan(matching.length / 2);

  const stats = await store.calls.stats(filtersOf(query("result=answered&roundsMin=3")), TZ);
  expect(stats.total).toBe(want);
  expect(stats.estimate).toEqual({ sampled: sampled(matching).length, matches: want, basis: "calls" });
  expect(stats.answered).toBe(want);
  const intents = new Map<string, number>();
  for (const s of sampled(matching)) {
    const intent = s.call.summary.intent ?? "none";
    intents.set(intent, (intents.get(intent) ?? 0) + 1);
  }
  expect(stats.byIntent).toEqual(Object.fromEntries([...intents].map(([intent, n]) => [intent, scale(n)])));
  const alerting = sampled(matching).filter((s) =>
    (s.call.transcript ?? []).some((line) => line.text.includes("太贵")),
  );
  expect(stats.alerting).toBe(scale(alerting.length));
  expect(stats.byAlert).toEqual(alerting.length ? { 太贵: scale(alerting.length) } : {});
});

test("a duration range with a review status: estimated the same way", async () => {
  const matching = seeded.filter(midLength);
  const want = scale(sampled(matching).length);
  expect(want).toBeGreaterThan(TEXT_SAMPLING.exactUpTo);
  const page = await store.calls.list(
    { ...query("durationMin=60&durationMax=300&review=unreviewed"), limit: 20 },
    TZ,
  );
  expect(page).toMatchObject({ total: want, totalIsEstimate: true });
});

test("few matches are counted exactly, and filters the count tables hold are never estimated", async () => {
  // Rounds 11 and up: a few dozen calls, under the threshold by the sample's count too.
  const rare = seeded.filter((s) => (s.call.summary.rounds ?? -1) >= 11);
  expect(scale(sampled(rare).length)).toBeLessThanOrEqual(TEXT_SAMPLING.exactUpTo);
  const few = await store.calls.list({ ...query("roundsMin=11"), limit: 5 }, TZ);
  expect(few.total).toBe(rare.length);
  expect(few.totalIsEstimate).toBeUndefined();
  const fewStats = await store.calls.stats(filtersOf(query("roundsMin=11")), TZ);
  expect(fewStats.total).toBe(rare.length);
  expect(fewStats.estimate).toBeUndefined();

  const answered = seeded.filter((s) => s.call.summary.result === "answered").length;
  const counted = await store.calls.list({ ...query("result=answered"), limit: 5 }, TZ);
  expect(counted.total).toBe(answered);
  expect(counted.totalIsEstimate).toBeUndefined();

  // A first page that holds every match is its own exact count, however many the sample says.
  const matching = seeded.filter(long);
  const whole = await store.calls.list({ ...query("result=answered&roundsMin=3"), limit: 2000 }, TZ);
  expect(whole.items).toHaveLength(matching.length);
  expect(whole.total).toBe(matching.length);
  expect(whole.totalIsEstimate).toBeUndefined();
});

test.runIf(testBackend() === "sqlite")(
  "SQLite's migration writes the predicate the queries name",
  async () => {
    const row = await store.sql.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = ?", [
      SQLITE_SAMPLE_INDEX,
    ]);
    expect(row!.sql).toContain(`WHERE ${SQLITE_SAMPLE_PREDICATE}`);
  },
);

test("the analytics page's exact figures, and a zone the count tables cannot be dated in", async () => {
  const matching = seeded.filter(long);
  const exact = await store.calls.stats(filtersOf(query("result=answered&roundsMin=3")), TZ, {
    exactFilters: true,
  });
  expect(exact.total).toBe(matching.length);
  expect(exact.estimate).toBeUndefined();

  // New York's offset changes on 2026-11-01, inside the seeded span: the count tables stay undated
  // there, and what they would hold is counted exactly, never estimated.
  const answered = seeded.filter((s) => s.call.summary.result === "answered").length;
  const page = await store.calls.list({ ...query("result=answered"), limit: 5 }, "America/New_York");
  expect(page.total).toBe(answered);
  expect(page.totalIsEstimate).toBeUndefined();
  const stats = await store.calls.stats(filtersOf(query("")), "America/New_York");
  expect(stats.total).toBe(seeded.length);
  expect(stats.estimate).toBeUndefined();
});

test("the sample is read once while the index is unchanged, and again after a write", async () => {
  const total = async () =>
    (await store.calls.list({ ...query("result=answered&roundsMin=3"), limit: 20 }, TZ)).total;
  const first = await total();
  // The sample's read names its calls by seq alone.
  const sampleRead = "SELECT c.seq AS seq FROM calls c";
  const again = await readAgain(store, async () => expect(await total()).toBe(first), sampleRead);
  expect(again.of(sampleRead), "the sample read again").toEqual([]);

  // Answered calls of 3+ rounds added: read again, and the estimate grows (each sampled one × 64).
  const more = seedCalls(3000, 6).filter(long).slice(0, 400);
  await store.calls.upsert(
    more.map(({ sourceId, vendor, call }) => ({
      sourceId: `${sourceId}-more`,
      vendor,
      call,
      from: "list" as const,
    })),
  );
  expect(await total()).toBeGreaterThan(first);
});
