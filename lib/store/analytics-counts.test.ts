import { afterEach, beforeEach, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { INTENTS } from "@/lib/model";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { openTestStore } from "@/lib/testing/store";
import { countedRows, recountedRows } from "@/lib/testing/count-tables";
import type { Store } from "./index";

/**
 * call_days and call_rounds (SQLite's migration 7, PostgreSQL's 5) are kept by triggers: after any
 * mix of new calls, changed calls, reviews and deletions they must hold exactly what counting the
 * calls again gives. Concurrent writers: analytics-counts-race.test.ts.
 */

let store: Store;
let seeded: SeedCall[];
const TZ = "Asia/Shanghai";
/** Alerts some seeded calls raise, some of them two at once (counted in call_alert_days). */
const ALERTS = [
  { name: "太贵", phrases: ["太贵"] },
  { name: "VIP", phrases: ["VIP"] },
  { name: "开车", phrases: ["开车"] },
];
const upsert = (calls: SeedCall[]) =>
  store.calls.upsert(calls.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })));

beforeEach(async () => {
  store = await openTestStore();
  store.calls.configureAlerts(ALERTS);
  seeded = seedCalls(400, 5);
  await upsert(seeded);
  await store.analytics.daily(filtersOf(parseCallQuery(new URLSearchParams())), TZ); // dates call_days at +08:00
});
afterEach(async () => {
  await store.close();
});

test("the counts follow new calls, changed calls, reviews and deletions", async () => {
  expect(await countedRows(store)).toEqual(await recountedRows(store, 8 * 3_600_000));
  expect((await countedRows(store)).days.length).toBeGreaterThan(20);
  expect((await countedRows(store)).alertDays.length).toBeGreaterThan(10);

  // A later sync changes calls: result, hang-up, rounds, intent, start time, the transcript (last line).
  const changed = seeded.slice(0, 120).map((seed, i) => {
    const call = structuredClone(seed.call);
    const summary = call.summary;
    if (i % 4 === 0) summary.result = summary.result === "answered" ? "no_answer" : "answered";
    if (i % 4 === 1) summary.hangupBy = summary.hangupBy === "customer" ? "robot" : "customer";
    if (i % 4 === 2) summary.rounds = (summary.rounds ?? 0) + 3;
    if (i % 4 === 3) summary.intent = INTENTS[i % 6]!;
    if (i % 5 === 0) summary.startedAt = i % 10 === 0 ? null : "2026-11-30T23:30:00+08:00";
    if (i % 3 === 0)
      call.transcript = [
        { speaker: "robot", text: `新的一句${i % 7}`, startMs: 0, endMs: 1, timing: "estimated" },
      ];
    return { ...seed, call };
  });
  await upsert(changed);
  await upsert(
    seedCalls(50, 99).map((seed) => ({ ...seed, call: { ...seed.call, key: `new-${seed.call.key}` } })),
  );
  const ids = (await store.sql.all<{ id: string }>("SELECT id FROM calls ORDER BY seq")).map((row) => row.id);
  for (const [i, id] of ids.slice(0, 60).entries())
    await store.reviews.update(id, { status: "reviewed", intent: INTENTS[i % 6]! }, "lee");
  for (const id of ids.slice(0, 20)) await store.reviews.update(id, { intent: null }, "lee");
  // Re-labelled: the reviewer changes their mind, and a review moves a call between intents.
  for (const [i, id] of ids.slice(20, 40).entries())
    await store.reviews.update(id, { status: "reviewed", intent: INTENTS[(i + 3) % 6]! }, "kim");
  expect(await countedRows(store)).toEqual(await recountedRows(store, 8 * 3_600_000));
  await store.sql.run("DELETE FROM calls WHERE seq % 17 = 0");
  expect(await countedRows(store)).toEqual(await recountedRows(store, 8 * 3_600_000));

  // Another zone (another fixed offset): call_days is dated again, and trends read it.
  const utc = await store.analytics.daily(filtersOf(parseCallQuery(new URLSearchParams())), "UTC");
  expect(await countedRows(store)).toEqual(await recountedRows(store, 0));
  const perDay = new Map<string, number>();
  for (const { started_key: t } of await store.sql.all<{ started_key: number }>(
    "SELECT started_key FROM calls WHERE started_key > 0",
  )) {
    const day = new Date(t).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  expect(Object.fromEntries(utc.map((row) => [row.date, row.calls]))).toEqual(Object.fromEntries(perDay));
});

test("a bound inside a day, or a filter the counts have no column for, reads the calls: the same figures", async () => {
  const q = (search: string) => filtersOf(parseCallQuery(new URLSearchParams(search)));
  // A bound one millisecond before midnight is not a whole day: read from the calls, not call_days.
  // (No seeded call starts in that very millisecond, so the figures are the same.)
  const whole = await store.analytics.daily(q("from=2026-11-05&to=2026-11-12"), TZ);
  const timed = await store.analytics.daily(q("from=2026-11-04T23:59:59.999&to=2026-11-12"), TZ);
  expect(whole.length).toBeGreaterThan(3);
  expect(timed).toEqual(whole);
  // durationMin=0 keeps every answered call here, yet call_rounds has no duration: drop-off reads the calls.
  const rounds = (search: string) => store.analytics.dropoff(q(search), TZ);
  expect((await rounds("source=alpha")).answered).toBeGreaterThan(20);
  expect(await rounds("source=alpha&durationMin=0")).toEqual(await rounds("source=alpha"));
});

test("the list's total, read from call_days once it is dated, is the count of the calls", async () => {
  const started = (seed: SeedCall) =>
    seed.call.summary.startedAt ? Date.parse(seed.call.summary.startedAt) : null;
  const day = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
  const cases: [string, (seed: SeedCall) => boolean][] = [
    ["", () => true],
    ["source=alpha", (seed) => seed.sourceId === "alpha"],
    ["intent=A,none", (seed) => seed.call.summary.intent === "A" || seed.call.summary.intent === null],
    [
      "result=answered&hangup=customer",
      (seed) => seed.call.summary.result === "answered" && seed.call.summary.hangupBy === "customer",
    ],
    [
      "from=2026-11-05&to=2026-11-12",
      (seed) => (started(seed) ?? 0) >= day("2026-11-05") && (started(seed) ?? 0) < day("2026-11-13"),
    ],
    // Calls without a start time sort lowest: "before the 12th" includes them, as in the list.
    ["to=2026-11-12", (seed) => (started(seed) ?? 0) < day("2026-11-13")],
    ["task=t1&review=unreviewed", (seed) => seed.call.summary.taskId === "t1"],
  ];
  expect(seeded.some((seed) => started(seed) === null)).toBe(true);
  for (const [search, predicate] of cases) {
    const filters = filtersOf(parseCallQuery(new URLSearchParams(search)));
    expect(await store.calls.count(filters, TZ), search).toBe(seeded.filter(predicate).length);
  }
});

test("the summary bar's figures from the counts are those counted from the calls", async () => {
  const ids = (await store.sql.all<{ id: string }>("SELECT id FROM calls ORDER BY seq LIMIT 30")).map(
    (r) => r.id,
  );
  for (const [i, id] of ids.entries())
    await store.reviews.update(id, { status: "reviewed", intent: INTENTS[i % 6]! }, "lee");
  const searches = [
    "",
    "source=alpha",
    "intent=A,none",
    "from=2026-11-05&to=2026-11-12",
    "result=answered&hangup=customer",
  ];
  const stats = async () =>
    Promise.all(
      searches.map((search) => store.calls.stats(filtersOf(parseCallQuery(new URLSearchParams(search))), TZ)),
    );
  const counted = await stats();
  expect(counted[0]!.alerting).toBeGreaterThan(20);
  expect(Object.keys(counted[0]!.byAlert).sort()).toEqual(ALERTS.map((alert) => alert.name).sort());
  // Undated, the counts cannot answer: every figure is counted from the calls.
  await store.sql.run("UPDATE rollup_state SET day_offset = NULL");
  expect(await stats()).toEqual(counted);
});
