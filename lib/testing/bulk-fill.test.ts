import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { openDatabase, type Db } from "@/lib/store/database";
import { storeOn, type Store } from "@/lib/store";
import { SqliteSql } from "@/lib/store/sql/sqlite";
import { spokenText } from "@/lib/transcript/stage-directions";
import { BENCH_ALERTS, benchCalls, type BenchCall } from "./bench-calls";
import { BENCH_REVIEWER, bulkFill } from "./bulk-fill";

/**
 * The bench's bulk fill must leave exactly the rows a sync of the same calls leaves (upsert of list
 * pages, then the reviews through the review repository), or the bench measures another index.
 * Both ways are run over the same calls and every table compared; then a few figures are counted
 * here, independently, over the generated calls. SQLite only: the bulk fill writes SQLite's file
 * directly (a PostgreSQL bench index is filled through the store).
 */

const NOW = "2026-12-01T02:00:00.000Z";
const TZ = "Asia/Shanghai";
let calls: BenchCall[];
let synced: { db: Db; store: Store };
let filled: { db: Db; store: Store };

beforeAll(async () => {
  calls = [...benchCalls(3000, 7)];
  const a = openDatabase(":memory:");
  const store = await storeOn(new SqliteSql(a));
  datedAtShanghai(a);
  store.calls.configureAlerts(BENCH_ALERTS);
  for (let i = 0; i < calls.length; i += 250) {
    await store.calls.upsert(
      calls
        .slice(i, i + 250)
        .map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" as const })),
      NOW,
    );
  }
  const ids = a.prepare("SELECT id FROM calls ORDER BY seq").pluck().all() as string[];
  for (const [i, call] of calls.entries())
    if (call.review) await store.reviews.update(ids[i]!, call.review, BENCH_REVIEWER, NOW);
  synced = { db: a, store };

  const b = openDatabase(":memory:");
  // The same call-id key, so both indexes give the calls the same public ids.
  b.prepare("INSERT INTO settings (key, value) VALUES ('call_id_key', ?)").run(
    await store.settings.get("call_id_key"),
  );
  datedAtShanghai(b);
  expect(bulkFill(b, calls, BENCH_ALERTS, { now: NOW, batch: 700 })).toBe(calls.length);
  filled = { db: b, store: await storeOn(new SqliteSql(b)) };
});
afterAll(async () => {
  await synced.store.close();
  await filled.store.close();
});

/**
 * The count tables dated before any call is written (as PostgreSQL's migration dates them), so that
 * their triggers keep call_days and call_alert_days through the fill, and both ways are compared.
 */
function datedAtShanghai(db: Db): void {
  db.exec("UPDATE rollup_state SET day_offset = 28800000");
}

/**
 * Every column but calls.revision: a counter for the detail cache, raised by each write (a sync writes
 * a call's list entry, then its detail), not what the call holds.
 */
const rows = (db: Db, sql: string) =>
  (db.prepare(sql).all() as Record<string, unknown>[]).map(({ revision: _, ...row }) => Object.values(row));

describe("bulk fill against sync over the same 3,000 calls", () => {
  test.each([
    ["calls", "SELECT * FROM calls ORDER BY seq"],
    ["utterances", "SELECT * FROM utterances ORDER BY call_seq, position"],
    ["robot_lines", "SELECT * FROM robot_lines ORDER BY id"],
    ["call_alerts", "SELECT * FROM call_alerts ORDER BY call_seq, name"],
    ["reviews", "SELECT * FROM reviews ORDER BY call_id"],
    ["review_events", "SELECT * FROM review_events ORDER BY id"],
    ["settings", "SELECT * FROM settings ORDER BY key"],
    ["call_rounds", "SELECT * FROM call_rounds WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"],
    ["call_days", "SELECT * FROM call_days WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"],
    ["call_alert_days", "SELECT * FROM call_alert_days WHERE n > 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"],
    ["indexes", "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"],
  ])("%s: identical rows", (_, sql) => {
    const want = rows(synced.db, sql);
    expect(want.length).toBeGreaterThan(0);
    expect(rows(filled.db, sql)).toEqual(want);
  });

  test("the generated calls exercise what analytics reads", () => {
    const count = (sql: string) => synced.db.prepare(sql).pluck().get() as number;
    expect(count("SELECT COUNT(*) FROM calls WHERE review_intent IS NOT NULL")).toBeGreaterThan(20);
    expect(count("SELECT COUNT(*) FROM calls WHERE real_intent IS NOT NULL")).toBeGreaterThan(5);
    expect(count("SELECT COUNT(*) FROM call_alerts")).toBeGreaterThan(20);
    expect(count("SELECT COUNT(*) FROM robot_lines")).toBeGreaterThan(100);
    expect(count("SELECT COUNT(*) FROM calls WHERE started_key = 0")).toBeGreaterThan(0);
  });

  test.each([
    "",
    "source=tanyi-loans",
    "from=2026-11-20&to=2026-11-26",
    "intent=A,B,C",
    "q=%E4%BB%B7%E6%A0%BC",
  ])("%j: the same search hits and analytics", async (search) => {
    const query = parseCallQuery(new URLSearchParams(search));
    const filters = filtersOf(query);
    for (const store of [synced.store, filled.store])
      expect(await store.calls.count(filters, TZ)).toBeGreaterThan(0);
    expect(await filled.store.calls.list(query, TZ)).toEqual(await synced.store.calls.list(query, TZ));
    expect(await filled.store.analytics.dropoff(filters, TZ)).toEqual(
      await synced.store.analytics.dropoff(filters, TZ),
    );
    expect(await filled.store.analytics.intentAgreement(filters, TZ)).toEqual(
      await synced.store.analytics.intentAgreement(filters, TZ),
    );
    expect(await filled.store.analytics.daily(filters, TZ)).toEqual(
      await synced.store.analytics.daily(filters, TZ),
    );
    expect(await filled.store.calls.stats(filters, TZ)).toEqual(await synced.store.calls.stats(filters, TZ));
  });

  test("figures counted independently over the generated calls", async () => {
    const answered = calls.filter((c) => c.call.summary.result === "answered");
    const hungUp = answered.filter((c) => c.call.summary.hangupBy === "customer");
    const dropoff = await filled.store.analytics.dropoff(
      filtersOf(parseCallQuery(new URLSearchParams())),
      TZ,
    );
    expect(dropoff.answered).toBe(answered.length);
    expect(dropoff.customerHangups).toBe(hungUp.length);
    const lines = new Map<string, number>();
    for (const c of hungUp) {
      const robot = (c.call.transcript ?? []).filter((line) => line.speaker === "robot").at(-1)!;
      const text = spokenText(robot.text).trim();
      lines.set(text, (lines.get(text) ?? 0) + 1);
    }
    expect(Object.fromEntries(dropoff.byLastRobotLine.map((l) => [l.text, l.customerHangups]))).toEqual(
      Object.fromEntries(lines),
    );
    const agreement = await filled.store.analytics.intentAgreement(
      filtersOf(parseCallQuery(new URLSearchParams())),
      TZ,
    );
    const reviewer = (c: BenchCall) =>
      c.review?.intent ?? ((c.call.extra.realIntentLevel as string | undefined) || null);
    const compared = calls.filter((c) => reviewer(c) !== null);
    expect(agreement.compared).toBe(compared.length);
    expect(agreement.agreed).toBe(compared.filter((c) => reviewer(c) === c.call.summary.intent).length);
  });
});
