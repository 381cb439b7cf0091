/**
 * `npm run bench` — Callscope's performance at 100,000 calls, measured in one run against a
 * production build in demo mode, beside its floors (GET /api/health; the simulator read directly).
 * Writes e2e/bench/results/latest.{md,json}. `npm run bench -- --smoke` runs everything small to check
 * that the benchmark works (CI), without judging the figures.
 */
import fs from "node:fs";
import path from "node:path";
import { longCalls } from "../../lib/simulator/demo-data";
import { alignmentFigures } from "./alignment-figures";
import { browserFigures } from "./browser-figures";
import { analyticsLatency, apiLatency, peaksFigures, recordingProxy, syncThroughput } from "./http-figures";
import { underLoad } from "./load-figures";
import { renderReport, type Figure } from "./report";
import { ensureBuild, startServer } from "./server";

const smoke = process.argv.includes("--smoke");
const calls = Number(process.env.BENCH_CALLS ?? (smoke ? 2_000 : 100_000));
// A 60-minute call for peaks; a 210-minute PCM16 call is ≈ 200 MB for streaming.
const LONG_CALLS = smoke ? "60,5" : "60,210";
const rounds = smoke ? 3 : 25;

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
  const server = await startServer({ calls, port, simPort: port + 1, longCalls: LONG_CALLS });
  try {
    const sync = await syncThroughput(server, calls + 2);
    figures.push({
      name: "Sync throughput (list phase, simulator → index)",
      value: sync.callsPerSecond,
      unit: "calls/s",
      target: "≥ 2,000 calls/s",
      ok: sync.callsPerSecond >= 2000,
      detail: `${sync.calls} calls listed in ${sync.listSeconds} s; with Dyvms details ${sync.totalSeconds} s`,
    });

    await part("API latency", async () => {
      const api = await apiLatency(server, rounds);
      figures.push({
        name: "GET /api/health (floor)",
        value: api.floor.p95,
        unit: "ms p95",
        target: "—",
        ok: true,
        detail: `p50 ${api.floor.p50} ms, n=${api.floor.n}`,
      });
      figures.push({
        name: "GET /api/calls, filters and sorts",
        value: api.list.p95,
        unit: "ms p95",
        target: `≤ floor + 20 ms (${(api.floor.p95 + 20).toFixed(1)})`,
        ok: api.list.p95 <= api.floor.p95 + 20,
        detail: `p50 ${api.list.p50} ms, n=${api.list.n}`,
      });
      figures.push({
        name: "GET /api/calls?q=…, text search",
        value: api.search.p95,
        unit: "ms p95",
        target: `≤ floor + 50 ms (${(api.floor.p95 + 50).toFixed(1)})`,
        ok: api.search.p95 <= api.floor.p95 + 50,
        detail: `p50 ${api.search.p50} ms, n=${api.search.n}`,
      });
    });

    await part("Under load", async () => {
      const connections = 20;
      const load = await underLoad(server, { connections, seconds: smoke ? 3 : 20 });
      figures.push({
        name: `GET /api/calls, ${connections} connections at once`,
        value: load.requestsPerSecond,
        unit: "requests/s",
        target: "≥ 300 requests/s, p99 ≤ 250 ms",
        ok: load.requestsPerSecond >= 300 && load.list.p99 <= 250,
        detail: `p50 ${load.list.p50} ms, p99 ${load.list.p99} ms, n=${load.list.n}`,
      });
      figures.push({
        name: "GET /api/health while that load runs",
        value: load.health.p99,
        unit: "ms p99",
        target: "≤ 50 ms",
        ok: load.health.p99 <= 50,
        detail: `p50 ${load.health.p50} ms, n=${load.health.n}`,
      });
    });

    await part("Analytics", async () => {
      const analytics = await analyticsLatency(server, rounds);
      for (const [name, figure] of Object.entries(analytics)) {
        figures.push({
          name: `GET /api/analytics/${name}`,
          value: figure.p95,
          unit: "ms p95",
          target: "≤ 300 ms",
          ok: figure.p95 <= 300,
          detail: `p50 ${figure.p50} ms, n=${figure.n}`,
        });
      }
    });

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
  finish(figures, started);
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
