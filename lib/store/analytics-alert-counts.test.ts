import { afterEach, beforeEach, expect, test } from "vitest";
import { matchAlerts, type AlertRule } from "@/lib/alerts/match";
import { filtersOf, parseCallQuery } from "@/lib/calls/query";
import { INTENTS, type Intent, type ReviewStatus } from "@/lib/model";
import { seedCalls, type SeedCall } from "@/lib/testing/seed-calls";
import { openTestStore } from "@/lib/testing/store";
import { countedAlerts } from "./analytics";
import type { Store } from "./index";

/**
 * The summary bar's alert counts read from call_alert_days (PostgreSQL's migration 5, SQLite's 10)
 * must be what counting the seeded calls here, in JS, gives — after new calls, re-syncs that move a
 * call to another intent, day or set of alerts, reviews, a re-index of the alerts under new rules,
 * deletions, and the counts dated at another zone's offset. Without the triggers the table would
 * hold only what the first dating counted.
 */

let store: Store;
const TZ = "Asia/Shanghai";
const FIRST_RULES: AlertRule[] = [
  { name: "太贵", phrases: ["太贵"] },
  { name: "VIP", phrases: ["VIP"] },
  { name: "开车", phrases: ["开车"] },
];
/** The config changed: one alert gone, one kept, two new (one raised by the same calls as before). */
const NEXT_RULES: AlertRule[] = [
  { name: "太贵", phrases: ["太贵"] },
  { name: "微信", phrases: ["微信"] },
  { name: "会员", phrases: ["vip会员"] },
];

/** What the index should know of a call, kept here as the test changes it. */
interface Model {
  seed: SeedCall;
  review: { status: ReviewStatus; intent: Intent } | null;
}
let calls: Map<string, Model>;
let rules: AlertRule[];

const upsert = (seeds: SeedCall[]) => {
  for (const seed of seeds) {
    const key = `${seed.sourceId}/${seed.call.key}`;
    calls.set(key, { seed, review: calls.get(key)?.review ?? null });
  }
  return store.calls.upsert(
    seeds.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
  );
};

beforeEach(async () => {
  store = await openTestStore();
  calls = new Map();
  rules = FIRST_RULES;
  store.calls.configureAlerts(rules);
  await upsert(seedCalls(300, 3));
  await store.analytics.daily(filtersOf(parseCallQuery(new URLSearchParams())), TZ); // dates the counts at +08:00
});
afterEach(async () => {
  await store.close();
});

/** Start of `date` in a fixed offset (ms). */
const midnight = (date: string, offset: number) => Date.parse(`${date}T00:00:00Z`) - offset;
const SEARCHES: [string, (call: Model, offset: number) => boolean][] = [
  ["", () => true],
  ["source=alpha", ({ seed }) => seed.sourceId === "alpha"],
  ["intent=A,B,C", (call) => ["A", "B", "C"].includes(intentOf(call) ?? "")],
  ["source=beta&intent=none", (call) => call.seed.sourceId === "beta" && intentOf(call) === null],
  ["review=reviewed", ({ review }) => review?.status === "reviewed"],
  [
    "result=answered&hangup=customer",
    ({ seed }) => seed.call.summary.result === "answered" && seed.call.summary.hangupBy === "customer",
  ],
  [
    "from=2026-11-05&to=2026-11-12",
    ({ seed }, offset) => {
      const t = seed.call.summary.startedAt ? Date.parse(seed.call.summary.startedAt) : 0;
      return t >= midnight("2026-11-05", offset) && t < midnight("2026-11-13", offset);
    },
  ],
];
const intentOf = ({ seed, review }: Model) => review?.intent ?? seed.call.summary.intent;

/** Every search's alert counts from the count table, against the same counted over the model. */
async function expectCounts(timeZone: string, offset: number): Promise<void> {
  let alerting = 0;
  for (const [search, matches] of SEARCHES) {
    const want: Record<string, number> = {};
    let wantAlerting = 0;
    for (const call of calls.values()) {
      if (!matches(call, offset)) continue;
      const names = matchAlerts(rules, call.seed.call.transcript ?? []);
      if (names.length) wantAlerting++;
      for (const name of names) want[name] = (want[name] ?? 0) + 1;
    }
    const filters = filtersOf(parseCallQuery(new URLSearchParams(search)));
    const counted = await countedAlerts(store.sql, filters, timeZone);
    expect(counted, search).toEqual({ alerting: wantAlerting, byAlert: want });
    // The summary bar reads them (and the calls agree with them: the same figures undated).
    const stats = await store.calls.stats(filters, timeZone);
    expect({ alerting: stats.alerting, byAlert: stats.byAlert }, search).toEqual(counted);
    if (search === "") alerting = wantAlerting;
  }
  expect(alerting).toBeGreaterThan(30);
}

test("the alert counts follow new calls, re-syncs, reviews, a re-index, deletions and another zone", async () => {
  const shanghai = 8 * 3_600_000;
  await expectCounts(TZ, shanghai);

  // New calls, some raising alerts.
  await upsert(
    seedCalls(60, 41).map((seed) => ({ ...seed, call: { ...seed.call, key: `new-${seed.call.key}` } })),
  );
  await expectCounts(TZ, shanghai);

  // A later sync moves calls: another intent, another day (or none), another transcript and so
  // other alerts (or none), another result.
  const changed = [...calls.values()].slice(0, 150).map(({ seed }, i) => {
    const call = structuredClone(seed.call);
    const summary = call.summary;
    if (i % 3 === 0) summary.intent = INTENTS[i % 6]!;
    if (i % 4 === 1)
      summary.startedAt =
        i % 8 === 1 ? null : `2026-11-${String(1 + (i % 20)).padStart(2, "0")}T23:30:00+08:00`;
    if (i % 5 === 2)
      call.transcript = [
        {
          speaker: "customer",
          text: ["VIP会员太贵", "我在开车", "好的", "加个微信"][i % 4]!,
          startMs: 0,
          endMs: 1,
          timing: "estimated",
        },
      ];
    if (i % 7 === 3) summary.result = summary.result === "answered" ? "no_answer" : "answered";
    return { ...seed, call };
  });
  await upsert(changed);
  await expectCounts(TZ, shanghai);

  // Reviews: a reviewer's intent moves a call between intents, and to "reviewed".
  const rows = await store.sql.all<{ id: string; source_id: string; call_key: string }>(
    "SELECT id, source_id, call_key FROM calls ORDER BY seq LIMIT 80",
  );
  for (const [i, row] of rows.entries()) {
    const review = {
      status: i % 2 ? ("reviewed" as const) : ("flagged" as const),
      intent: INTENTS[(i + 2) % 6]!,
    };
    await store.reviews.update(row.id, review, "lee");
    calls.get(`${row.source_id}/${row.call_key}`)!.review = review;
  }
  await expectCounts(TZ, shanghai);

  // The config's alerts change: every call alerted again from its transcript.
  rules = NEXT_RULES;
  await store.calls.reindexAlerts(rules);
  store.calls.configureAlerts(rules);
  await expectCounts(TZ, shanghai);

  // Deleted calls take their alerts with them.
  const deleted = await store.sql.all<{ source_id: string; call_key: string }>(
    "SELECT source_id, call_key FROM calls WHERE seq % 7 = 0",
  );
  await store.sql.run("DELETE FROM calls WHERE seq % 7 = 0");
  for (const row of deleted) calls.delete(`${row.source_id}/${row.call_key}`);
  expect(deleted.length).toBeGreaterThan(20);
  await expectCounts(TZ, shanghai);

  // Another zone: the counts are dated again (countDaysAt), then kept from there.
  await store.analytics.daily(filtersOf(parseCallQuery(new URLSearchParams())), "UTC");
  await expectCounts("UTC", 0);
  await upsert(
    changed.slice(0, 40).map((seed) => ({ ...seed, call: { ...seed.call, key: `utc-${seed.call.key}` } })),
  );
  await expectCounts("UTC", 0);
});
