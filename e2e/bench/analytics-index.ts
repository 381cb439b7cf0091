/**
 * `npm run bench:analytics` — the analytics routes' queries (and the list's first page with its
 * total, which every analytics link opens) at 1,000,000 calls, in one warm process.
 *
 * The index is filled directly (lib/testing/bulk-fill.ts: the rows a sync writes, checked against
 * sync by bulk-fill.test.ts) with calls shaped like a production index (lib/testing/bench-calls.ts),
 * and cached under the OS temp dir, so a rerun skips the fill; an index cached by older code is
 * brought up to date by the store's own migrations when it is opened.
 *
 * Backends plug in through BACKENDS: a factory that returns a filled store. Store methods may be
 * synchronous (SQLite) or return promises (PostgreSQL); each call is awaited either way.
 *
 *   BENCH_ANALYTICS_CALLS=N   another size (default 1,000,000)
 *   BENCH_BACKEND=sqlite      which backend: sqlite (default) or postgres
 *   BENCH_PG_URL=postgres://… the PostgreSQL server (else CALLSCOPE_TEST_PG_URL): the bench keeps its
 *                             filled index there as database callscope_bench_<calls>_v<FILL_VERSION>
 *                             (reused by the next run; BENCH_PG_DROP=1 drops it at the end)
 *   BENCH_PG_DATABASE=name    use this existing database on that server instead (e.g. a copy of the
 *                             filled one made with CREATE DATABASE … TEMPLATE): never filled, never dropped
 *   BENCH_ROUNDS=N            timed rounds per (route, filter) after one warm-up round (default 20)
 *   BENCH_FILTERS='a|b'       only these filters, by the name the table shows (e.g. 'q=价格|q=机器人')
 *   BENCH_CACHE_DIR=dir       where filled indexes are kept (default $TMPDIR/callscope-bench)
 *
 * Run with `tsx --conditions=react-server` (the store is server-only).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { filtersOf, parseCallQuery, type CallFilters, type CallQuery } from "../../lib/calls/query";
import { openStore } from "../../lib/store";
import { openDatabase } from "../../lib/store/database";
import { BENCH_ALERTS, benchCalls } from "../../lib/testing/bench-calls";
import { bulkFill } from "../../lib/testing/bulk-fill";
import { bulkFillPostgres } from "../../lib/testing/bulk-fill-postgres";
import {
  benchPostgresUrl,
  createDatabase,
  databaseExists,
  databaseMb,
  databaseUrl,
  dropDatabase,
  renameDatabase,
} from "./postgres";
import { median, percentile, round } from "./stats";

type Awaitable<T> = T | Promise<T>;

/** What the bench times: the store calls behind the analytics routes and the list route. */
export interface BenchStore {
  dropoff(filters: CallFilters, timeZone: string): Awaitable<unknown>;
  intentAgreement(filters: CallFilters, timeZone: string): Awaitable<unknown>;
  daily(filters: CallFilters, timeZone: string): Awaitable<unknown>;
  list(query: CallQuery, timeZone: string): Awaitable<{ total: number }>;
  stats(filters: CallFilters, timeZone: string): Awaitable<unknown>;
  close(): Awaitable<void>;
}

export interface BenchBackend {
  /** A store holding `calls` bench calls (seed 1), filled first when no cached one exists. */
  open(calls: number): Promise<BenchStore>;
}

/** Bumped when bench-calls.ts or bulk-fill.ts change what they write: older cached indexes are not reused. */
const FILL_VERSION = 1;
const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), "callscope-bench");

const sqlite: BenchBackend = {
  async open(calls) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const file = path.join(CACHE_DIR, `analytics-sqlite-${calls}-v${FILL_VERSION}.db`);
    if (!fs.existsSync(file)) fillSqlite(file, calls);
    else console.log(`bench:analytics: reusing ${file}`);
    return benchStore(file);
  },
};

/**
 * The store at `location`, opened (which applies any migration newer than the index, timed) and
 * set up as the bench times it; `closed` runs after the store is closed.
 */
async function benchStore(
  location: string,
  closed: () => Promise<void> = async () => {},
): Promise<BenchStore> {
  const started = performance.now();
  const store = await openStore(location);
  const opened = performance.now() - started;
  if (opened > 1000) console.log(`bench:analytics: opened (migrated) in ${round(opened / 1000, 1)} s`);
  store.calls.configureAlerts(BENCH_ALERTS);
  return {
    dropoff: (f, tz) => store.analytics.dropoff(f, tz),
    intentAgreement: (f, tz) => store.analytics.intentAgreement(f, tz),
    daily: (f, tz) => store.analytics.daily(f, tz),
    list: (q, tz) => store.calls.list(q, tz),
    stats: (f, tz) => store.calls.stats(f, tz),
    close: async () => {
      await store.close();
      await closed();
    },
  };
}

/** PostgreSQL: a database of its own on BENCH_PG_URL's server, filled once and kept for reruns. */
const postgres: BenchBackend = {
  async open(calls) {
    const server = benchPostgresUrl();
    if (!server) throw new Error("BENCH_BACKEND=postgres needs BENCH_PG_URL (or CALLSCOPE_TEST_PG_URL)");
    const given = process.env.BENCH_PG_DATABASE;
    const name = given || `callscope_bench_${calls}_v${FILL_VERSION}`;
    if (given && !(await databaseExists(server, given)))
      throw new Error(`BENCH_PG_DATABASE: no database ${given}`);
    if (!(await databaseExists(server, name))) await fillPostgres(server, name, calls);
    else console.log(`bench:analytics: reusing database ${name}`);
    return benchStore(databaseUrl(server, name), async () => {
      if (process.env.BENCH_PG_DROP === "1" && !given) await dropDatabase(server, name);
    });
  },
};

/** Fills database `<name>_partial`, then renames it: an interrupted fill is never reused. */
async function fillPostgres(server: string, name: string, calls: number): Promise<void> {
  const partial = `${name}_partial`;
  const store = await openStore(await createDatabase(server, partial));
  const started = performance.now();
  let reported = 0;
  try {
    await bulkFillPostgres(store.sql, benchCalls(calls, 1), BENCH_ALERTS, {
      onProgress: (n) => {
        if (n - reported >= 100_000 || n === calls) {
          reported = n;
          const s = (performance.now() - started) / 1000;
          console.log(`bench:analytics: ${n.toLocaleString("en")} calls in ${round(s, 1)} s`);
        }
      },
    });
  } finally {
    await store.close();
  }
  const filled = performance.now() - started;
  await renameDatabase(server, partial, name);
  console.log(
    `bench:analytics: filled ${calls.toLocaleString("en")} calls in ${round(filled / 1000, 1)} s ` +
      `(${Math.round(calls / (filled / 1000)).toLocaleString("en")} calls/s, indexes and VACUUM ANALYZE included), ` +
      `${Math.round(await databaseMb(server, name))} MB`,
  );
}

/** Fills a fresh index next to `file`, then moves it into place: an interrupted fill is never reused. */
function fillSqlite(file: string, calls: number): void {
  const partial = `${file}.partial`;
  for (const part of ["", "-wal", "-shm"]) fs.rmSync(`${partial}${part}`, { force: true });
  const db = openDatabase(partial);
  db.pragma("synchronous = OFF"); // a lost fill is simply redone
  db.pragma("cache_size = -1048576");
  const started = performance.now();
  let reported = 0;
  bulkFill(db, benchCalls(calls, 1), BENCH_ALERTS, {
    batch: 50_000,
    onProgress: (n) => {
      if (n - reported >= 100_000 || n === calls) {
        reported = n;
        const s = (performance.now() - started) / 1000;
        console.log(`bench:analytics: ${n.toLocaleString("en")} calls in ${round(s, 1)} s`);
      }
    },
  });
  const filled = performance.now() - started;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  fs.renameSync(partial, file);
  for (const part of ["-wal", "-shm"]) fs.rmSync(`${partial}${part}`, { force: true });
  const mb = fs.statSync(file).size / 1e6;
  console.log(
    `bench:analytics: filled ${calls.toLocaleString("en")} calls in ${round(filled / 1000, 1)} s ` +
      `(${Math.round(calls / (filled / 1000)).toLocaleString("en")} calls/s, indexes included), ${Math.round(mb)} MB`,
  );
}

const BACKENDS: Record<string, BenchBackend> = { sqlite, postgres };

const TZ = "Asia/Shanghai";
/** What a campaign owner filters by: nothing, one source, the last week, some intents, a word. */
const FILTERS = [
  "",
  "source=tanyi-loans",
  "from=2026-11-24&to=2026-11-30",
  "intent=A,B,C",
  "q=%E4%BB%B7%E6%A0%BC", // 价格, a common word
  "q=%E6%9C%BA%E5%99%A8%E4%BA%BA", // 机器人, a rarer one
  "q=%E7%81%AB%E6%98%9F%E4%BA%BA", // 火星人, in no call: must be as fast as a rare word
];
const FILTER_NAMES: Record<string, string> = {
  "q=%E4%BB%B7%E6%A0%BC": "q=价格",
  "q=%E6%9C%BA%E5%99%A8%E4%BA%BA": "q=机器人",
  "q=%E7%81%AB%E6%98%9F%E4%BA%BA": "q=火星人",
};
const filterName = (search: string) => FILTER_NAMES[search] ?? (search || "(none)");

const ROUTES: Record<string, (store: BenchStore, query: CallQuery) => Awaitable<unknown>> = {
  dropoff: (store, query) => store.dropoff(filtersOf(query), TZ),
  "intent-agreement": (store, query) => store.intentAgreement(filtersOf(query), TZ),
  daily: (store, query) => store.daily(filtersOf(query), TZ),
  "calls (page + total)": (store, query) => store.list(query, TZ),
  "calls/stats": (store, query) => store.stats(filtersOf(query), TZ),
};

async function main(): Promise<void> {
  const calls = Number(process.env.BENCH_ANALYTICS_CALLS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const backendName = process.env.BENCH_BACKEND ?? "sqlite";
  const backend = BACKENDS[backendName];
  if (!backend) throw new Error(`BENCH_BACKEND: one of ${Object.keys(BACKENDS).join(", ")}`);
  const only = process.env.BENCH_FILTERS?.split("|");
  const filters = only ? FILTERS.filter((search) => only.includes(filterName(search))) : FILTERS;
  if (!filters.length) throw new Error(`BENCH_FILTERS: none of ${FILTERS.map(filterName).join(" | ")}`);
  const store = await backend.open(calls);

  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ");
  const loadBefore = load();
  const times = new Map<string, number[]>(); // `${route}\t${filter}` → ms
  const started = performance.now();
  for (let r = -1; r < rounds; r++) {
    for (const search of filters) {
      const query = parseCallQuery(new URLSearchParams(search));
      for (const [route, run] of Object.entries(ROUTES)) {
        const start = performance.now();
        await run(store, query);
        const ms = performance.now() - start;
        if (r < 0) continue; // the first round warms the page cache and the statement cache
        const key = `${route}\t${search}`;
        times.set(key, [...(times.get(key) ?? []), ms]);
      }
    }
  }
  await store.close();

  const lines = [
    `Analytics at ${calls.toLocaleString("en")} calls · ${backendName} · in-process, warm · ${rounds} rounds per cell ` +
      `after one warm-up · ${new Date().toISOString()} · ${round((performance.now() - started) / 1000, 1)} s`,
    `Load average (1/5/15 min) before: ${loadBefore}; after: ${load()} · ${os.cpus().length} cores · Node ${process.version}`,
    "",
    "| route | filter | p50 ms | p95 ms | max ms |",
    "| --- | --- | --- | --- | --- |",
  ];
  const all = new Map<string, number[]>();
  for (const [key, ms] of times) {
    const [route, search] = key.split("\t") as [string, string];
    all.set(route, [...(all.get(route) ?? []), ...ms]);
    const name = filterName(search);
    lines.push(
      `| ${route} | ${name} | ${round(median(ms), 1)} | ${round(percentile(ms, 95), 1)} | ${round(Math.max(...ms), 1)} |`,
    );
  }
  for (const [route, ms] of all)
    lines.push(
      `| **${route}** | all | ${round(median(ms), 1)} | **${round(percentile(ms, 95), 1)}** | ${round(Math.max(...ms), 1)} |`,
    );
  lines.push(
    "",
    "Targets at 1,000,000 calls: each analytics route ≤ 300 ms p95 (#18); the list ≤ floor + 20 ms, a search " +
      "≤ floor + 50 ms, totals and stats ≤ floor + 50 ms p95 over HTTP (#16; here in process, without the floor).",
  );
  console.log(`\n${lines.join("\n")}`);
  const out = path.resolve(`e2e/bench/results/analytics-${backendName}-${calls}.md`);
  fs.writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(`\nbench:analytics: wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
