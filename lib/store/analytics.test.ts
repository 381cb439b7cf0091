import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openTestStore } from "@/lib/testing/store";
import { callId } from "@/lib/calls/id";
import { EMPTY_QUERY, filtersOf, parseCallQuery } from "@/lib/calls/query";
import { INTENTS, type Intent } from "@/lib/model";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { openDatabase } from "./database";
import { storeOn, type Store } from "./index";
import { backfillLastRobotLines } from "./robot-lines-sqlite";
import { SqliteSql } from "./sql/sqlite";

/**
 * Every analytics figure against a count made here, independently, over the seeded calls with the
 * same filters as the list; and every figure's drill-down link lists exactly the calls it counts.
 */

const TZ = "Asia/Shanghai";
const COMPLAINT = { name: "投诉风险", phrases: ["太贵", "VIP"] };

let store: Store;
let seeded: SeedCall[];
const reviewerIntent = new Map<string, Intent>();

function prepare(seed: SeedCall, i: number): SeedCall {
  const lines = seed.call.transcript ?? [];
  const robot = lines.findLast((line) => line.speaker === "robot");
  // Stage directions around the words: drop-off must group these with the plain line.
  if (robot && i % 4 === 0) robot.text = `（停顿2s）${robot.text} `;
  // Tanyi's console correction stands for a reviewer's intent (when Callscope has none).
  if (i % 9 === 0) seed.call.extra = { realIntentLevel: INTENTS[i % 6] };
  return seed;
}

beforeEach(async () => {
  store = await openTestStore();
  await store.calls.configureAlerts([COMPLAINT]);
  seeded = seedCalls(600, 11).map(prepare);
  await store.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  reviewerIntent.clear();
  for (const [i, seed] of seeded.entries()) {
    const real = seed.call.extra.realIntentLevel as Intent | undefined;
    if (real) reviewerIntent.set(seed.call.key, real);
    if (i % 5 === 0 && seed.call.summary.result === "answered") {
      const intent = INTENTS[(i * 7) % 6]!;
      await store.reviews.update(await idOf(seed), { status: "reviewed", intent }, "lee");
      reviewerIntent.set(seed.call.key, intent);
    }
  }
});
afterEach(() => store.close());

/** The public id the index gave a seeded call (keyed by the index's own call-id key). */
const idOf = async (seed: SeedCall) =>
  callId(Buffer.from((await store.settings.get("call_id_key"))!, "hex"), seed.sourceId, seed.call.key);

const started = (seed: SeedCall) =>
  seed.call.summary.startedAt ? Date.parse(seed.call.summary.startedAt) : null;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
const effective = (seed: SeedCall) => (seed.call.key && reviewedIntent(seed)) || seed.call.summary.intent;
function reviewedIntent(seed: SeedCall): Intent | null {
  const i = Number(seed.call.key.slice(1));
  return i % 5 === 0 && seed.call.summary.result === "answered" ? INTENTS[(i * 7) % 6]! : null;
}
const text = (seed: SeedCall) => (seed.call.transcript ?? []).map((line) => line.text).join("\n");

/** The list filters a campaign owner would use, each with its meaning written out independently. */
const FILTERS: [string, (seed: SeedCall) => boolean][] = [
  ["", () => true],
  ["source=alpha,gamma", (seed) => seed.sourceId !== "beta"],
  ["intent=A,B", (seed) => ["A", "B"].includes(effective(seed) ?? "")],
  [
    "from=2026-11-05&to=2026-11-12",
    (seed) => {
      const t = started(seed);
      return t !== null && t >= dayStart("2026-11-05") && t < dayStart("2026-11-13");
    },
  ],
  ["q=%E5%88%A9%E6%81%AF", (seed) => text(seed).includes("利息")], // 利息
  ["review=reviewed", (seed) => reviewedIntent(seed) !== null],
  ["alert=%E6%8A%95%E8%AF%89%E9%A3%8E%E9%99%A9", (seed) => /太贵|vip/i.test(text(seed))],
];

function filters(search: string) {
  return filtersOf(parseCallQuery(new URLSearchParams(search)));
}

/** How many calls the list shows for a query string (what a drill-down link opens). */
async function listed(search: string): Promise<number> {
  return (await store.calls.list(parseCallQuery(new URLSearchParams(search)), TZ)).total;
}

/** The list query a drill-down link opens: the page's filters plus the bar's, cell's or line's own. */
function withFilter(search: string, extra: Record<string, string>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The spoken words of a robot line: directions in full-width brackets removed, trimmed (written here again). */
const spoken = (line: string) => line.replace(/（停顿\d+s）/g, "").trim();

describe.each(FILTERS)("filter %j", (search, predicate) => {
  test("drop-off: answered, customer hang-ups, the funnel and the lines", async () => {
    const calls = seeded.filter(predicate);
    const answered = calls.filter((seed) => seed.call.summary.result === "answered");
    const hungUp = answered.filter((seed) => seed.call.summary.hangupBy === "customer");
    const got = await store.analytics.dropoff(filters(search), TZ);
    expect(answered.length).toBeGreaterThan(0);
    expect(got.answered).toBe(answered.length);
    expect(got.customerHangups).toBe(hungUp.length);

    for (const { round, reached, customerHangups } of got.byRound) {
      expect(reached, `reached ${round}`).toBe(
        answered.filter((s) => (s.call.summary.rounds ?? -1) >= round).length,
      );
      expect(customerHangups, `hang-ups at ${round}`).toBe(
        hungUp.filter((s) => s.call.summary.rounds === round).length,
      );
    }
    const maxRound = Math.max(...answered.map((s) => s.call.summary.rounds ?? 0));
    expect(got.byRound.at(-1)?.round).toBe(maxRound);

    const lines = new Map<string, number>();
    for (const seed of hungUp) {
      const robot = (seed.call.transcript ?? []).filter((line) => line.speaker === "robot").at(-1);
      if (robot) lines.set(spoken(robot.text), (lines.get(spoken(robot.text)) ?? 0) + 1);
    }
    expect(Object.fromEntries(got.byLastRobotLine.map((line) => [line.text, line.customerHangups]))).toEqual(
      Object.fromEntries(lines),
    );
    const counts = got.byLastRobotLine.map((line) => line.customerHangups);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const line of got.byLastRobotLine)
      expect(line.share).toBeCloseTo(line.customerHangups / hungUp.length, 10);
    expect(got.byLastRobotLine.some((line) => line.text.includes("停顿"))).toBe(false);
  });

  test("drop-off: each bar and line opens a list of exactly the calls it counts", async () => {
    const got = await store.analytics.dropoff(filters(search), TZ);
    for (const { round, reached, customerHangups } of got.byRound) {
      expect(await listed(withFilter(search, { result: "answered", roundsMin: String(round) }))).toBe(
        reached,
      );
      expect(
        await listed(
          withFilter(search, {
            result: "answered",
            hangup: "customer",
            roundsMin: String(round),
            roundsMax: String(round),
          }),
        ),
      ).toBe(customerHangups);
    }
    for (const line of got.byLastRobotLine.slice(0, 5)) {
      expect(
        await listed(
          withFilter(search, { result: "answered", hangup: "customer", lastRobotLine: line.text }),
        ),
      ).toBe(line.customerHangups);
    }
  });

  test("intent agreement: the confusion matrix and its cells' lists", async () => {
    const compared = seeded.filter((seed) => predicate(seed) && reviewerIntent.has(seed.call.key));
    const got = await store.analytics.intentAgreement(filters(search), TZ);
    expect(got.compared).toBe(compared.length);
    expect(got.agreed).toBe(
      compared.filter((seed) => seed.call.summary.intent === reviewerIntent.get(seed.call.key)).length,
    );
    const cells = new Map<string, number>();
    for (const seed of compared) {
      const key = `${seed.call.summary.intent ?? "none"}→${reviewerIntent.get(seed.call.key)}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    expect(
      Object.fromEntries(got.cells.map((cell) => [`${cell.vendor ?? "none"}→${cell.reviewer}`, cell.calls])),
    ).toEqual(Object.fromEntries(cells));
    for (const cell of got.cells.slice(0, 6)) {
      expect(
        await listed(
          withFilter(search, { vendorIntent: cell.vendor ?? "none", reviewIntent: cell.reviewer }),
        ),
      ).toBe(cell.calls);
    }
  });

  test("daily: calls, answered, customer hang-ups and intent mix per day in the zone", async () => {
    const byDay = new Map<string, SeedCall[]>();
    for (const seed of seeded.filter(predicate)) {
      const t = started(seed);
      if (t === null) continue;
      const date = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
      byDay.set(date, [...(byDay.get(date) ?? []), seed]);
    }
    const got = await store.analytics.daily(filters(search), TZ);
    expect(got.map((row) => row.date)).toEqual([...byDay.keys()].sort());
    for (const row of got) {
      const calls = byDay.get(row.date)!;
      expect(row.calls).toBe(calls.length);
      expect(row.answered).toBe(calls.filter((s) => s.call.summary.result === "answered").length);
      expect(row.customerHangups).toBe(
        calls.filter((s) => s.call.summary.result === "answered" && s.call.summary.hangupBy === "customer")
          .length,
      );
      const mix: Record<string, number> = {};
      for (const seed of calls) mix[effective(seed) ?? "none"] = (mix[effective(seed) ?? "none"] ?? 0) + 1;
      expect(row.byIntent).toEqual(mix);
      expect(await listed(withFilter(search, { from: row.date, to: row.date }))).toBe(row.calls);
    }
  });
});

test("intent agreement under a text search follows reviewers' intents as they come and go", async () => {
  const q = "q=%E5%88%A9%E6%81%AF"; // 利息
  const matches = (seed: SeedCall) => text(seed).includes("利息");
  const compared = async () => (await store.analytics.intentAgreement(filters(q), TZ)).compared;
  const expected = () => seeded.filter((seed) => matches(seed) && reviewerIntent.has(seed.call.key)).length;
  const unreviewed = seeded.filter((seed) => matches(seed) && !reviewerIntent.has(seed.call.key));
  const reviewed = seeded.filter(
    (seed) => matches(seed) && reviewedIntent(seed) && !seed.call.extra.realIntentLevel,
  );
  expect(unreviewed.length).toBeGreaterThan(3);
  expect(reviewed.length).toBeGreaterThan(1);
  expect(await compared()).toBe(expected());

  // A reviewer's intent given, and one taken back.
  await store.reviews.update(await idOf(unreviewed[0]!), { intent: "C" }, "lee");
  reviewerIntent.set(unreviewed[0]!.call.key, "C");
  await store.reviews.update(await idOf(reviewed[0]!), { intent: null }, "lee");
  reviewerIntent.delete(reviewed[0]!.call.key);
  expect(await compared()).toBe(expected());

  // A console correction arriving at a later sync, with a new transcript that still says the word.
  const corrected = structuredClone(unreviewed[1]!.call);
  corrected.extra = { ...corrected.extra, realIntentLevel: "B" };
  corrected.transcript![0]!.text = "利息怎么算";
  await store.calls.upsert([
    { sourceId: unreviewed[1]!.sourceId, vendor: unreviewed[1]!.vendor, call: corrected, from: "list" },
  ]);
  reviewerIntent.set(corrected.key, "B");
  // A reviewed call re-synced with a new transcript keeps its place.
  const resynced = structuredClone(reviewed[1]!.call);
  resynced.transcript![0]!.text = "利息是多少";
  await store.calls.upsert([
    { sourceId: reviewed[1]!.sourceId, vendor: reviewed[1]!.vendor, call: resynced, from: "list" },
  ]);
  expect(await compared()).toBe(expected());
  // PostgreSQL's copy of the reviewed calls' documents (migration 7) holds those calls and no others:
  // a stale row would not change a figure (the calls are checked again), but the copy would grow.
  if (store.sql.dialect.name === "postgres") {
    const copied = await store.sql.all<{ seq: number }>(
      "SELECT call_seq AS seq FROM reviewed_search ORDER BY 1",
    );
    const reviewedSeqs = await store.sql.all<{ seq: number }>(
      `SELECT seq FROM calls c WHERE COALESCE(c.review_intent, c.real_intent) IS NOT NULL
          AND seq IN (SELECT call_seq FROM calls_search) ORDER BY 1`,
    );
    expect(copied.map((row) => Number(row.seq))).toEqual(reviewedSeqs.map((row) => Number(row.seq)));
  }
});

describe("alerts", () => {
  const raises = (seed: SeedCall) => /太贵|vip/i.test(text(seed));

  test("applied at sync: CallSummary.alerts, the list filter and the summary's count agree with the transcripts", async () => {
    const want = (await Promise.all(seeded.filter(raises).map(idOf))).sort();
    expect(want.length).toBeGreaterThan(10);
    const page = await store.calls.list({ ...EMPTY_QUERY, alert: [COMPLAINT.name], limit: 500 }, TZ);
    expect(page.items.map((item) => item.id).sort()).toEqual(want);
    expect(page.items.every((item) => item.alerts.includes(COMPLAINT.name))).toBe(true);
    const other = (await store.calls.list({ ...EMPTY_QUERY, limit: 500 }, TZ)).items.filter(
      (item) => !want.includes(item.id),
    );
    expect(other.every((item) => item.alerts.length === 0)).toBe(true);
    const stats = await store.calls.stats(filtersOf(EMPTY_QUERY), TZ);
    expect(stats.alerting).toBe(want.length);
    expect(stats.byAlert).toEqual({ [COMPLAINT.name]: want.length });
  });

  test("a transcript that changes at a later sync gains or loses the alert", async () => {
    const seed = seeded.find((s) => !raises(s) && (s.call.transcript ?? []).length > 0)!;
    const id = await idOf(seed);
    const changed = structuredClone(seed.call);
    changed.transcript![0]!.text = "你们这个太贵了";
    await store.calls.upsert([{ sourceId: seed.sourceId, vendor: seed.vendor, call: changed, from: "list" }]);
    expect((await store.calls.get(id))!.summary.alerts).toEqual([COMPLAINT.name]);
    changed.transcript![0]!.text = "好的";
    await store.calls.upsert([{ sourceId: seed.sourceId, vendor: seed.vendor, call: changed, from: "list" }]);
    expect((await store.calls.get(id))!.summary.alerts).toEqual([]);
  });

  test("re-index: new phrases apply to calls already indexed, matching as sync does", async () => {
    const rules = [{ name: "手续费", phrases: ["手续费", "vip"] }];
    await store.calls.reindexAlerts(rules);
    const want = (
      await Promise.all(seeded.filter((seed) => /手续费|vip/i.test(text(seed))).map(idOf))
    ).sort();
    const got = (await store.calls.list({ ...EMPTY_QUERY, alert: ["手续费"], limit: 500 }, TZ)).items;
    expect(got.map((item) => item.id).sort()).toEqual(want);
    // The old alert is gone: the index holds what the config says now.
    expect((await store.calls.list({ ...EMPTY_QUERY, alert: [COMPLAINT.name] }, TZ)).total).toBe(0);
  });
});

test("migration backfill: every indexed call's last robot line, read from its stored transcript", async () => {
  const db = openDatabase(":memory:");
  const own = await storeOn(new SqliteSql(db));
  await own.calls.upsert(
    seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  const before = await own.analytics.dropoff(filters(""), TZ);
  db.prepare("UPDATE calls SET last_line = NULL").run();
  db.prepare("DELETE FROM robot_lines").run();
  expect((await own.analytics.dropoff(filters(""), TZ)).byLastRobotLine).toEqual([]);
  backfillLastRobotLines(db);
  expect(await own.analytics.dropoff(filters(""), TZ)).toEqual(before);
  await own.close();
});

test("daily in a zone whose offset changes within the calls' span (Europe/Berlin, 25 October 2026)", async () => {
  const own = await openTestStore();
  const calls = seedCalls(500, 4, Date.parse("2026-10-15T00:00:00Z"));
  await own.calls.upsert(
    calls.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
  const dayIn = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" });
  const want = new Map<string, number>();
  for (const seed of calls) {
    const t = started(seed);
    if (t !== null) want.set(dayIn.format(t), (want.get(dayIn.format(t)) ?? 0) + 1);
  }
  const got = await own.analytics.daily(filters(""), "Europe/Berlin");
  expect(Object.fromEntries(got.map((row) => [row.date, row.calls]))).toEqual(Object.fromEntries(want));
  await own.close();
});
