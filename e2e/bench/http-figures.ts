import http from "node:http";
import { PEAK_RESOLUTIONS } from "../../lib/peak-resolutions";
import { signedRecordingUrl } from "../../lib/simulator/server";
import type { SimCall } from "../../lib/simulator/types";
import type { BenchServer } from "./server";
import { median, percentile, round, since } from "./stats";

/** Figures measured over HTTP against the running server (and the simulator beside it). */

interface SourceStatus {
  id: string;
  sync: {
    state: string;
    calls: number;
    progress?: { calls: number; details: number; detailsPending: number };
  };
}

async function get(server: BenchServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { ...init, headers: { cookie: server.cookie, ...init.headers } });
}

/** Sync every source from empty; the list phase (what the index needs to filter) is timed on its own. */
export async function syncThroughput(server: BenchServer, expectedCalls: number) {
  const started = performance.now();
  const sources = (await (await get(server, "/api/sources")).json()) as SourceStatus[];
  for (const source of sources) await get(server, `/api/sources/${source.id}/sync`, { method: "POST" });
  let listedAt = 0;
  let doneAt = 0;
  for (;;) {
    const status = (await (await get(server, "/api/sources")).json()) as SourceStatus[];
    const listed = status.reduce((sum, source) => sum + (source.sync.progress?.calls ?? 0), 0);
    if (!listedAt && listed >= expectedCalls) listedAt = since(started);
    if (status.every((source) => source.sync.state !== "syncing")) {
      doneAt = since(started);
      const indexed = status.reduce((sum, source) => sum + source.sync.calls, 0);
      const errors = status.filter((source) => source.sync.state === "error").map((source) => source.id);
      if (errors.length) throw new Error(`sync failed for ${errors.join(", ")}`);
      if (!listedAt) listedAt = doneAt;
      return {
        calls: indexed,
        listSeconds: round(listedAt / 1000, 2),
        totalSeconds: round(doneAt / 1000, 2),
        callsPerSecond: Math.round(indexed / (listedAt / 1000)),
      };
    }
    // About as often as the UI polls while a sync runs (the poll costs the server little).
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function timed(server: BenchServer, path: string): Promise<number> {
  const start = performance.now();
  const response = await get(server, path);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return since(start);
}

/** Every request's time, and the path whose own p95 is highest (the figure's tail, named in the report). */
async function sample(
  server: BenchServer,
  paths: string[],
  rounds: number,
): Promise<{ times: number[]; slowest: { path: string; p95: number } }> {
  for (const path of paths) await timed(server, path); // warm caches and JIT
  const byPath = new Map<string, number[]>(paths.map((path) => [path, []]));
  const times: number[] = [];
  for (let round = 0; round < rounds; round++)
    for (const path of paths) {
      const time = await timed(server, path);
      times.push(time);
      byPath.get(path)!.push(time);
    }
  const [path, p95] = [...byPath]
    .map(([path, own]) => [path, percentile(own, 95)] as const)
    .reduce((a, b) => (b[1] > a[1] ? b : a));
  return { times, slowest: { path: decodeURIComponent(path), p95: round(p95, 1) } };
}

export const LIST_QUERIES = [
  "/api/calls",
  "/api/calls?intent=A,B",
  "/api/calls?intent=A,B&hangup=customer",
  "/api/calls?result=answered&roundsMin=3&roundsMax=10",
  "/api/calls?result=busy,no_answer,power_off",
  "/api/calls?sort=durationSec:desc",
  "/api/calls?sort=rounds:asc&result=answered",
  "/api/calls?durationMin=60&durationMax=300&review=unreviewed",
  "/api/calls?from=2026-11-01&to=2026-11-10&intent=none",
  "/api/calls?source=hz-robot,tanyi&sort=startedAt:asc",
  "/api/calls?intent=F&source=agent",
  "/api/calls?limit=200&result=answered",
];

export const SEARCH_QUERIES = [
  "/api/calls?q=%E5%88%A9%E6%81%AF", // 利息
  "/api/calls?q=%E4%BB%B7%E6%A0%BC", // 价格
  "/api/calls?q=%E6%89%8B%E7%BB%AD%E8%B4%B9", // 手续费
  "/api/calls?q=%E8%B4%B5", // 贵 (one character)
  "/api/calls?q=1375",
  "/api/calls?q=%E5%9C%B0%E9%93%81&result=answered&intent=A,B", // 地铁 + filters
  "/api/calls?q=%E4%B8%8D%E9%9C%80%E8%A6%81&sort=durationSec:desc", // 不需要
];

/** The summary bar's totals (its own request beside the list's page, which carries `total`). */
export const STATS_QUERIES = [
  "/api/calls/stats",
  "/api/calls/stats?intent=A,B",
  "/api/calls/stats?source=hz-robot,tanyi",
  "/api/calls/stats?from=2026-11-01&to=2026-11-10",
  "/api/calls/stats?result=answered&roundsMin=3",
  "/api/calls/stats?q=%E4%BB%B7%E6%A0%BC", // 价格
];

export async function apiLatency(server: BenchServer, rounds: number) {
  const floor = await sample(server, ["/api/health"], rounds * LIST_QUERIES.length);
  const list = await sample(server, LIST_QUERIES, rounds);
  const search = await sample(server, SEARCH_QUERIES, rounds);
  const stats = await sample(server, STATS_QUERIES, rounds);
  const summary = ({ times, slowest }: Awaited<ReturnType<typeof sample>>) => ({
    p50: round(median(times), 2),
    p95: round(percentile(times, 95), 2),
    n: times.length,
    slowest,
  });
  return { floor: summary(floor), list: summary(list), search: summary(search), stats: summary(stats) };
}

async function callIdOf(server: BenchServer, callee: string): Promise<string> {
  const page = (await (await get(server, `/api/calls?q=${callee}`)).json()) as {
    items: { id: string; callee: string }[];
  };
  const found = page.items.find((item) => item.callee === callee);
  if (!found) throw new Error(`no indexed call for ${callee}`);
  return found.id;
}

/** Time to first byte and throughput, through the proxy and straight from the simulator; RSS while streaming. */
export async function recordingProxy(server: BenchServer, call: SimCall, rounds: number, streams: number) {
  const id = await callIdOf(server, call.callee);
  const direct = () => signedRecordingUrl(server.simulatorUrl, call, Math.floor(Date.now() / 1000) + 3600);
  const proxied = `${server.url}/api/calls/${id}/recording`;

  const ttfb = async (url: string, headers: Record<string, string>) => {
    const start = performance.now();
    const response = await fetch(url, { headers: { ...headers, range: "bytes=0-65535" } });
    const reader = response.body!.getReader();
    await reader.read();
    const elapsed = since(start);
    await reader.cancel();
    return elapsed;
  };
  await ttfb(proxied, { cookie: server.cookie }); // first play also fetches the live detail: not what is measured
  const directTtfb: number[] = [];
  const proxyTtfb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    directTtfb.push(await ttfb(direct(), {}));
    proxyTtfb.push(await ttfb(proxied, { cookie: server.cookie }));
  }

  const download = async (url: string, headers: Record<string, string>, watchRss: boolean) => {
    const baseline = server.rssMb();
    let peak = baseline;
    const timer = watchRss ? setInterval(() => (peak = Math.max(peak, server.rssMb())), 25) : null;
    const start = performance.now();
    const bytes = await readWhole(url, headers);
    const seconds = since(start) / 1000;
    if (timer) clearInterval(timer);
    return { mbPerSecond: bytes / 1e6 / seconds, bytes, rssGrowthMb: peak - baseline };
  };
  // The first stream through a fresh server pays for JIT compilation and for growing V8's heap and
  // the allocator to their working size (about 0.5 s of CPU and 30 MB of RSS here, of which ~13 MB
  // is V8's young generation; the process keeps and reuses it): a cost paid once per process, not
  // per recording. It is measured and reported, not counted.
  await download(direct(), {}, false);
  const warmUp = await download(proxied, { cookie: server.cookie }, true);
  const directRuns = [];
  const proxyRuns = [];
  for (let i = 0; i < streams; i++) {
    directRuns.push(await download(direct(), {}, false));
    proxyRuns.push(await download(proxied, { cookie: server.cookie }, true));
  }
  const directMbps = median(directRuns.map((run) => run.mbPerSecond));
  const proxyMbps = median(proxyRuns.map((run) => run.mbPerSecond));
  return {
    fileMb: round(proxyRuns[0]!.bytes / 1e6, 1),
    streams,
    ttfbDirectMs: round(median(directTtfb), 2),
    ttfbProxyMs: round(median(proxyTtfb), 2),
    ttfbOverheadMs: round(median(proxyTtfb) - median(directTtfb), 2),
    directMBps: round(directMbps, 1),
    proxyMBps: round(proxyMbps, 1),
    proxyShareOfDirect: round(proxyMbps / directMbps, 3),
    // Each stream's peak over its own start; the worst of the measured streams.
    rssGrowthMb: round(Math.max(...proxyRuns.map((run) => run.rssGrowthMb)), 1),
    rssGrowthWarmUpMb: round(warmUp.rssGrowthMb, 1),
  };
}

/**
 * Downloads a whole answer with node:http and returns its size. node:http is the cheapest client
 * Node has: undici's fetch spends about 40 % more CPU per byte on a chunked body (and Next.js
 * sends the proxied answer chunked), and on two cores the client's CPU is taken from the two
 * processes being compared.
 */
function readWhole(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(new Error(`${url}: HTTP ${response.statusCode}`));
        }
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve(bytes));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/** Server time to compute peaks (uncached: a new resolution each run) and the JSON's size. */
export async function peaksFigures(server: BenchServer, call: SimCall, rounds: number) {
  const id = await callIdOf(server, call.callee);
  await get(server, `/api/calls/${id}`); // the live detail, as the call page loads it first
  const floor = median((await sample(server, ["/api/health"], 10)).times);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    // Uncached each round: the fixed resolutions from 3,200 up (the default's is measured below).
    const response = await get(server, `/api/calls/${id}/peaks?points=${PEAK_RESOLUTIONS[1 + (i % 6)]}`);
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`peaks: HTTP ${response.status}`);
    times.push(since(start) - floor);
    size = body.byteLength;
  }
  const defaultSize = (await (await get(server, `/api/calls/${id}/peaks`)).arrayBuffer()).byteLength;
  return {
    recordingMinutes: Math.round(call.recording!.durationMs / 60_000),
    serverMs: round(median(times), 1),
    jsonKb16000Points: round(size / 1024, 1),
    jsonKbDefault: round(defaultSize / 1024, 1),
  };
}

/** Each analytics route over the filters a campaign owner uses (CONTRACT.md §3). */
export const ANALYTICS_QUERIES: Record<string, string[]> = {
  dropoff: [
    "/api/analytics/dropoff",
    "/api/analytics/dropoff?source=hz-robot,aicc",
    "/api/analytics/dropoff?from=2026-11-01&to=2026-11-10",
    "/api/analytics/dropoff?intent=A,B,C",
    "/api/analytics/dropoff?q=%E4%BB%B7%E6%A0%BC", // 价格
  ],
  "intent-agreement": [
    "/api/analytics/intent-agreement",
    "/api/analytics/intent-agreement?source=tanyi",
    "/api/analytics/intent-agreement?from=2026-11-01&to=2026-11-10",
  ],
  daily: [
    "/api/analytics/daily",
    "/api/analytics/daily?source=agent",
    "/api/analytics/daily?result=answered&hangup=customer",
    "/api/analytics/daily?intent=A,B",
  ],
};

export async function analyticsLatency(server: BenchServer, rounds: number) {
  const out: Record<string, { p50: number; p95: number; n: number }> = {};
  for (const [name, paths] of Object.entries(ANALYTICS_QUERIES)) {
    const { times } = await sample(server, paths, rounds);
    out[name] = { p50: round(median(times), 2), p95: round(percentile(times, 95), 2), n: times.length };
  }
  return out;
}
