/**
 * `npm run bench:analytics` — the analytics queries at 1,000,000 calls on SQLite, in-process.
 * Syncing a million calls from the simulator over HTTP takes longer than a bench run should, so
 * this seeds the index directly through the same CallRepository.upsert that sync uses (transcripts,
 * last robot lines, alerts and the search index included), then times each analytics query with
 * the list's filters. `BENCH_ANALYTICS_CALLS=N` for another size; the index is kept under
 * data/bench-analytics/ and reused when it already holds N calls.
 * Run with `tsx --conditions=react-server` (the store is server-only).
 */
import fs from "node:fs";
import path from "node:path";
import { parseCallQuery, filtersOf } from "../../lib/calls/query";
import { openStore, storeOn } from "../../lib/store";
import { openDatabase } from "../../lib/store/database";
import { seedCalls } from "../../lib/testing/seed-calls";
import { median, percentile, round } from "./stats";

const calls = Number(process.env.BENCH_ANALYTICS_CALLS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const TZ = "Asia/Shanghai";
const dir = path.resolve("data/bench-analytics");
const file = path.join(dir, `index-${calls}.db`);

const FILTERS = [
  "",
  "source=alpha,beta",
  "from=2026-11-01&to=2026-11-10",
  "intent=A,B,C",
  "result=answered&hangup=customer",
  "q=%E4%BB%B7%E6%A0%BC", // 价格
];

function seed(): void {
  fs.mkdirSync(dir, { recursive: true });
  const store = openStore(file);
  store.calls.configureAlerts([{ name: "投诉风险", phrases: ["太贵", "不需要"] }]);
  const have = store.calls.count(filtersOf(parseCallQuery(new URLSearchParams())), TZ);
  if (have >= calls) {
    console.log(`bench:analytics: reusing ${file} (${have} calls)`);
    store.close();
    return;
  }
  const started = performance.now();
  const BATCH = 5_000;
  for (let batch = Math.floor(have / BATCH); batch * BATCH < calls; batch++) {
    const seeded = seedCalls(Math.min(BATCH, calls - batch * BATCH), batch + 1).map((entry) => ({
      ...entry,
      call: { ...entry.call, key: `b${batch}-${entry.call.key}` },
    }));
    store.calls.upsert(
      seeded.map(({ sourceId, vendor, call }) => ({ sourceId, vendor, call, from: "list" })),
    );
    if (batch % 20 === 0) console.log(`bench:analytics: ${(batch + 1) * BATCH} calls indexed`);
  }
  store.close();
  console.log(
    `bench:analytics: seeded ${calls} calls in ${round((performance.now() - started) / 1000, 1)} s`,
  );
}

function time<T>(work: () => T): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function main(): void {
  seed();
  const db = openDatabase(file);
  const store = storeOn(db);
  // One review in twenty answered calls, with an intent: what intent agreement reads.
  db.exec(`UPDATE calls SET review_intent = CASE seq % 6 WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C'
             WHEN 3 THEN 'D' WHEN 4 THEN 'E' ELSE 'F' END
           WHERE result = 'answered' AND seq % 20 = 0 AND review_intent IS NULL`);
  const figures: Record<string, number[]> = { dropoff: [], "intent-agreement": [], daily: [] };
  const work = {
    dropoff: (f: ReturnType<typeof filtersOf>) => store.analytics.dropoff(f, TZ),
    "intent-agreement": (f: ReturnType<typeof filtersOf>) => store.analytics.intentAgreement(f, TZ),
    daily: (f: ReturnType<typeof filtersOf>) => store.analytics.daily(f, TZ),
  };
  for (let r = -1; r < rounds; r++) {
    for (const search of FILTERS) {
      const filters = filtersOf(parseCallQuery(new URLSearchParams(search)));
      for (const [name, run] of Object.entries(work)) {
        const ms = time(() => run(filters));
        if (r >= 0) figures[name]!.push(ms); // the first round warms the page cache
      }
    }
  }
  console.log(
    `\nAnalytics at ${calls.toLocaleString("en")} calls (SQLite, in-process, ${rounds} rounds × ${FILTERS.length} filters)\n`,
  );
  console.log("| query | p50 ms | p95 ms | max ms | target |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const [name, times] of Object.entries(figures)) {
    console.log(
      `| ${name} | ${round(median(times), 1)} | ${round(percentile(times, 95), 1)} | ${round(Math.max(...times), 1)} | ≤ 300 ms p95 |`,
    );
  }
  store.close();
}

main();
