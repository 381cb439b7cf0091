/**
 * `npm run bench` — Callscope's performance at 100,000 calls, measured in one run against a
 * production build in demo mode, beside its floors (GET /api/health; the simulator read directly).
 * Writes e2e/bench/results/latest.{md,json}. `npm run bench -- --smoke` runs everything small to check
 * that the benchmark works (CI), without judging the figures.
 *
 * The sections that read the index (sync, list, search, totals, analytics, the server's memory) run
 * on SQLite and, when BENCH_PG_URL (or CALLSCOPE_TEST_PG_URL) names a PostgreSQL server, again on
 * PostgreSQL in a database the run creates and drops (callscope_bench_run_<calls>). BENCH_BACKEND=
 * sqlite|postgres|both chooses; BENCH_CALLS=1000000 the size.
 *
 * BENCH_INDEX=<SQLite file | postgres:// URL>: the index sections on an index filled beforehand (a
 * million calls are filled in minutes by `npm run bench:analytics`, synced in most of an hour), on
 * its backend only, without the sync figure. The bench opens it with the current code, which may
 * migrate it: give it a copy. BENCH_CALLS then only names the size in the report.
 */
import fs from "node:fs";
import path from "node:path";
import { longCalls } from "../../lib/simulator/demo-data";
import { BENCH_ALERTS } from "../../lib/testing/bench-calls";
import { alignmentFigures } from "./alignment-figures";
import { browserFigures } from "./browser-figures";
import {
  analyticsLatency,
  apiLatency,
  LIST_QUERIES,
  peaksFigures,
  recordingProxy,
  syncThroughput,
} from "./http-figures";
import { underLoad } from "./load";
import { benchPostgresUrl, createDatabase, dropDatabase } from "./postgres";
import { renderReport, type Figure } from "./report";
import { ensureBuild, startServer, type BenchServer } from "./server";

const smoke = process.argv.includes("--smoke");
const calls = Number(process.env.BENCH_CALLS ?? (smoke ? 2_000 : 100_000));
// A 60-minute call for peaks; a 210-minute PCM16 call is ≈ 200 MB for streaming.
const LONG_CALLS = smoke ? "60,5" : "60,210";
const rounds = smoke ? 3 : 25;
/** An index filled beforehand (see above), or null: each backend's index is synced from the simulator. */
const givenIndex = process.env.BENCH_INDEX || null;
const givenOn = givenIndex ? (/^postgres(ql)?:\/\//i.test(givenIndex) ? "postgres" : "sqlite") : null;
/** The simulator's calls: all of them, or a few beside a given index (only its recordings are read). */
const simulated = givenIndex ? 200 : calls;

async function main(): Promise<void> {
  const figures: Figure[] = [];
  const started = new Date();
  /** One part of the run; a part that fails is reported as such and the others still run. */
  // BENCH_ONLY="Recording proxy,Peaks" runs just those parts (after the sync), for quick iterations.
  const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim().toLowerCase());
  const part = async (name: string, measure: () => Promise<void>) => {
    if (only && !only.some((wanted) => name.toLowerCase().includes(wanted))) return;
    console.log(`bench: ${name} …`);
    try {
      await measure();
    } catch (err) {
      console.error(err);
      figures.push({
        name,
        value: NaN,
        unit: "",
        target: "—",
        ok: false,
        detail: `failed: ${(err as Error).message.split("\n")[0]}`,
      });
    }
  };
  // Alignment is CPU work in process (no server in between): measured first, on an idle machine.
  await part("Alignment", async () => {
    figures.push(...(await alignmentFigures(smoke)));
  });
  // BENCH_ONLY=alignment: no build, no server.
  if (only && only.every((wanted) => "alignment".includes(wanted))) return finish(figures, started);

  // The figures must be the current code's: build every time, unless told the build is current
  // (--reuse-build, for quick iterations). The smoke only checks the bench runs, so it reuses any build.
  ensureBuild(!smoke && !process.argv.includes("--reuse-build"));
  const [hour, stream] = longCalls(LONG_CALLS);
  // BENCH_PORT: another port when 3400/3401 are taken (CI runs beside other servers).
  const port = Number(process.env.BENCH_PORT ?? 3400);
  const backends = benchBackends();
  if (backends.includes("sqlite")) {
    const server = await startServer({
      calls: simulated,
      port,
      simPort: port + 1,
      longCalls: LONG_CALLS,
      ...(givenIndex ? { database: givenIndex, startSeconds: 1800, alerts: BENCH_ALERTS } : {}),
    });
    try {
      await indexSections(server, "sqlite", figures, part);
      await part("Recording proxy", async () => {
        const proxy = await recordingProxy(server, stream!, rounds, smoke ? 1 : 5);
        figures.push({
          name: `Recording proxy throughput (${proxy.fileMb} MB)`,
          value: Math.round(proxy.proxyShareOfDirect * 100),
          unit: "% of direct",
          target: "≥ 90 %",
          ok: proxy.proxyShareOfDirect >= 0.9,
          detail: `${proxy.proxyMBps} MB/s proxied, ${proxy.directMBps} MB/s direct (medians of ${proxy.streams} streams after one warm-up each)`,
        });
        figures.push({
          name: "Recording proxy time to first byte, overhead",
          value: proxy.ttfbOverheadMs,
          unit: "ms (median)",
          target: "≤ 10 ms",
          ok: proxy.ttfbOverheadMs <= 10,
          detail: `${proxy.ttfbProxyMs} ms proxied, ${proxy.ttfbDirectMs} ms direct`,
        });
        figures.push({
          name: `Server RSS growth while streaming ${proxy.fileMb} MB`,
          value: proxy.rssGrowthMb,
          unit: "MB",
          target: "≤ 30 MB",
          ok: proxy.rssGrowthMb <= 30,
          detail: `largest of ${proxy.streams} streams, sampled every 25 ms; the first stream after start grew it ${proxy.rssGrowthWarmUpMb} MB (kept and reused)`,
        });
      });

      await part("Peaks", async () => {
        const peaks = await peaksFigures(server, hour!, smoke ? 2 : 5);
        figures.push({
          name: `Peaks for a ${peaks.recordingMinutes}-minute 8 kHz recording (uncached)`,
          value: peaks.serverMs,
          unit: "ms (median)",
          target: "≤ 300 ms",
          ok: peaks.serverMs <= 300,
          detail: `JSON ${peaks.jsonKbDefault} KB at the default resolution, ${peaks.jsonKb16000Points} KB at 16,000 points`,
        });
      });

      await part("In Chromium", async () => {
        figures.push(...(await browserFigures(server, { rounds: smoke ? 3 : 20 })));
      });
    } finally {
      await server.stop();
    }
  }
  if (backends.includes("postgres")) {
    // The same index sections on PostgreSQL: a database of its own, made empty and dropped after.
    const pgServer = benchPostgresUrl();
    const name = `callscope_bench_run_${calls}`;
    const database = givenIndex ?? (await createDatabase(pgServer!, name));
    try {
      const server = await startServer({
        calls: simulated,
        port,
        simPort: port + 1,
        longCalls: LONG_CALLS,
        database,
        ...(givenIndex ? { startSeconds: 1800, alerts: BENCH_ALERTS } : {}),
      });
      try {
        await indexSections(server, "postgres", figures, part);
      } finally {
        await server.stop();
      }
    } finally {
      if (!givenIndex) await dropDatabase(pgServer!, name);
    }
  }
  finish(figures, started);
}

/**
 * Which backends the index sections run on: BENCH_BACKEND=sqlite|postgres|both; by default SQLite,
 * and PostgreSQL too when BENCH_PG_URL (or CALLSCOPE_TEST_PG_URL) names a server. The sections that
 * do not read the index (recording proxy, peaks, Chromium) run on SQLite's server only.
 */
function benchBackends(): ("sqlite" | "postgres")[] {
  if (givenOn) return [givenOn];
  const wanted = process.env.BENCH_BACKEND ?? (benchPostgresUrl() ? "both" : "sqlite");
  const backends: ("sqlite" | "postgres")[] =
    wanted === "both" ? ["sqlite", "postgres"] : wanted === "sqlite" || wanted === "postgres" ? [wanted] : [];
  if (!backends.length) throw new Error("BENCH_BACKEND: sqlite, postgres or both");
  if (backends.includes("postgres") && !benchPostgresUrl())
    throw new Error("BENCH_BACKEND=postgres needs BENCH_PG_URL (or CALLSCOPE_TEST_PG_URL)");
  return backends;
}

type Part = (name: string, measure: () => Promise<void>) => Promise<void>;

/** Sync, list, search, totals, analytics, the list under load and memory: what depends on the index, on one backend. */
async function indexSections(
  server: BenchServer,
  backend: "sqlite" | "postgres",
  figures: Figure[],
  part: Part,
): Promise<void> {
  // SQLite's figures keep the names earlier reports gave them.
  const on = backend === "postgres" ? " · PostgreSQL" : "";
  // Resident memory sampled all through the index sections: the instance's peak.
  let rssPeak = server.rssMb();
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssMb())), 250);
  try {
    // A given index is not synced: its calls came from a fill, not the simulator.
    const sync = givenIndex ? null : await syncThroughput(server, calls + 2);
    const syncTarget = backend === "postgres" ? 5000 : 2000;
    if (sync)
      figures.push({
        name: `Sync throughput (list phase, simulator → index)${on}`,
        value: sync.callsPerSecond,
        unit: "calls/s",
        target: `≥ ${syncTarget.toLocaleString("en")} calls/s`,
        ok: sync.callsPerSecond >= syncTarget,
        detail: `${sync.calls} calls listed in ${sync.listSeconds} s; with Dyvms details ${sync.totalSeconds} s`,
      });

    await part(`API latency${on}`, async () => {
      const api = await apiLatency(server, rounds);
      figures.push({
        name: `GET /api/health (floor)${on}`,
        value: api.floor.p95,
        unit: "ms p95",
        target: "—",
        ok: true,
        detail: `p50 ${api.floor.p50} ms, n=${api.floor.n}`,
      });
      figures.push({
        name: `GET /api/calls, filters and sorts${on}`,
        value: api.list.p95,
        unit: "ms p95",
        target: `≤ floor + 20 ms (${(api.floor.p95 + 20).toFixed(1)})`,
        ok: api.list.p95 <= api.floor.p95 + 20,
        detail: `p50 ${api.list.p50} ms, n=${api.list.n}; slowest ${api.list.slowest.path} (p95 ${api.list.slowest.p95})`,
      });
      figures.push({
        name: `GET /api/calls?q=…, text search${on}`,
        value: api.search.p95,
        unit: "ms p95",
        target: `≤ floor + 50 ms (${(api.floor.p95 + 50).toFixed(1)})`,
        ok: api.search.p95 <= api.floor.p95 + 50,
        detail: `p50 ${api.search.p50} ms, n=${api.search.n}; slowest ${api.search.slowest.path} (p95 ${api.search.slowest.p95})`,
      });
      figures.push({
        name: `GET /api/calls/stats, totals${on}`,
        value: api.stats.p95,
        unit: "ms p95",
        target: `≤ floor + 50 ms (${(api.floor.p95 + 50).toFixed(1)})`,
        ok: api.stats.p95 <= api.floor.p95 + 50,
        detail: `p50 ${api.stats.p50} ms, n=${api.stats.n}; slowest ${api.stats.slowest.path} (p95 ${api.stats.slowest.p95})`,
      });
    });

    await part(`Analytics${on}`, async () => {
      const analytics = await analyticsLatency(server, rounds);
      for (const [name, figure] of Object.entries(analytics)) {
        figures.push({
          name: `GET /api/analytics/${name}${on}`,
          value: figure.p95,
          unit: "ms p95",
          target: "≤ 300 ms",
          ok: figure.p95 <= 300,
          detail: `p50 ${figure.p50} ms, n=${figure.n}`,
        });
      }
    });

    await part(`Under load${on}`, async () => {
      const connections = smoke ? 4 : 20;
      const load = await underLoad(server, LIST_QUERIES, { connections, seconds: smoke ? 2 : 20 });
      const detail = `${connections} connections for ${load.seconds} s, ${load.requests} list requests, ${load.probes} health probes`;
      figures.push({
        name: `GET /api/calls under load, throughput${on}`,
        value: load.requestsPerSecond,
        unit: "req/s",
        target: "≥ 300 req/s",
        ok: load.requestsPerSecond >= 300,
        detail,
      });
      figures.push({
        name: `GET /api/calls under load, latency${on}`,
        value: load.listP99,
        unit: "ms p99",
        target: "≤ 250 ms",
        ok: load.listP99 <= 250,
        detail: `p50 ${load.listP50} ms`,
      });
      figures.push({
        name: `GET /api/health while the list is under load${on}`,
        value: load.healthP99,
        unit: "ms p99",
        target: "≤ 50 ms",
        ok: load.healthP99 <= 50,
        detail: `p50 ${load.healthP50} ms, one request every 20 ms beside the load`,
      });
    });
  } finally {
    clearInterval(sampler);
  }
  figures.push({
    name: `Server RSS, peak through ${givenIndex ? "" : "sync, "}list, search, analytics and load${on}`,
    value: Math.round(rssPeak),
    unit: "MB",
    target: "≤ 400 MB",
    ok: rssPeak <= 400,
    detail: "the Next.js server process (VmRSS, sampled every 250 ms)",
  });
}

function finish(figures: Figure[], started: Date): void {
  const report = renderReport({ figures, calls, smoke, started, finished: new Date() });
  const dir = path.resolve("e2e/bench/results");
  fs.mkdirSync(dir, { recursive: true });
  // A BENCH_ONLY run is partial: it must not replace the full run's report.
  const name = smoke ? "smoke" : process.env.BENCH_ONLY ? "partial" : "latest";
  fs.writeFileSync(path.join(dir, `${name}.md`), report.markdown);
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(report.json, null, 2) + "\n");
  console.log(report.markdown);
  // The smoke run only checks that every part runs; the full run also judges the figures.
  if (
    figures.some((figure) => Number.isNaN(figure.value)) ||
    (!smoke && figures.some((figure) => !figure.ok))
  )
    process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
