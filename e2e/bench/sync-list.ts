/**
 * `npm run bench:sync-list` — the sync's list phase alone: the demo simulator's calls
 * (BENCH_SYNC_CALLS, default 20,000) listed by the four sources into an empty index, SQLite (a file,
 * with its readers) or PostgreSQL (BENCH_BACKEND=postgres: a schema the run creates and drops on
 * BENCH_PG_URL or CALLSCOPE_TEST_PG_URL). As in `npm run bench`, the simulated vendors run in their
 * own process and the sources are not rate limited; unlike it, no build and no server: the sync runs
 * in this process, for iterating on the write path (`node --cpu-prof` profiles it). Details are not
 * fetched (maxDetailAttempts 0): what the bench's "Sync throughput (list phase)" counts. The simulator
 * takes a free port unless BENCH_SIM_PORT names one: a run killed mid-way leaves its simulator behind,
 * and on a fixed port the next run failed with EADDRINUSE.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { SourceConfig } from "../../lib/config";
import { sourceRuntimes } from "../../lib/server/runtime";
import { openStore } from "../../lib/store";
import { SyncManager } from "../../lib/sync/sync-manager";
import { testConfig } from "../../lib/testing/runtime";
import { benchPostgresUrl } from "./postgres";
import { firstLine } from "./server";

const calls = Number(process.env.BENCH_SYNC_CALLS ?? 20_000);
const backend = process.env.BENCH_BACKEND === "postgres" ? "postgres" : "sqlite";

async function main(): Promise<void> {
  const simulator = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "lib/simulator/cli.ts"],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        CALLSCOPE_SIM_PORT: process.env.BENCH_SIM_PORT ?? "0",
        CALLSCOPE_DEMO_CALLS: String(calls),
      },
    },
  );
  const announced = JSON.parse(await firstLine(simulator)) as { sources: SourceConfig[] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-sync-list-"));
  const schema = `sync_list_${randomBytes(4).toString("hex")}`;
  const url = backend === "postgres" ? benchPostgresUrl() : null;
  if (backend === "postgres" && !url) throw new Error("BENCH_BACKEND=postgres needs BENCH_PG_URL");
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  if (url) await admin(`CREATE SCHEMA ${schema}`);
  const store = url
    ? await openStore(url, `demo:${calls}`, { schema })
    : await openStore(path.join(dir, "index.db"), `demo:${calls}`);
  try {
    const config = testConfig({
      sources: announced.sources.map((source) => ({ ...source, rateLimitPerSecond: 10_000 })),
    });
    const manager = new SyncManager(store, sourceRuntimes(config), { intervalMs: 0, maxDetailAttempts: 0 });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const simulatorBefore = processCpuMs(simulator.pid!);
    const machineBefore = machineBusyMs();
    const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      for (const key of Object.keys(peak) as (keyof typeof peak)[])
        peak[key] = Math.max(peak[key], Math.round(usage[key] / 1048576));
    }, 100);
    await manager.syncAll("bench");
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    // This process's CPU (event loop, SQLite's readers, zlib), not the PostgreSQL server's: on a shared
    // machine the wall time follows the load, the CPU a call costs much less.
    const cpu = process.cpuUsage(cpuBefore);
    const simulatorCpu = processCpuMs(simulator.pid!) - simulatorBefore;
    const machineCpu = machineBusyMs() - machineBefore;
    const statuses = await manager.statuses();
    const indexed = [...statuses.values()].reduce((sum, status) => sum + status.calls, 0);
    const errors = [...statuses.entries()].filter(([, status]) => status.error).map(([id]) => id);
    if (errors.length) throw new Error(`sync failed for ${errors.join(", ")}`);
    console.log(
      JSON.stringify({
        backend,
        calls: indexed,
        seconds: Math.round(seconds * 100) / 100,
        callsPerSecond: Math.round(indexed / seconds),
        cpuMsPerCall: Math.round(((cpu.user + cpu.system) / 1000 / indexed) * 1000) / 1000,
        // The simulated vendors' share, and every process's (PostgreSQL's server included): with two
        // cores, the machine cannot list faster than 2,000 / machineCpuMsPerCall calls a second.
        simulatorCpuMsPerCall: Math.round((simulatorCpu / indexed) * 1000) / 1000,
        machineCpuMsPerCall: Math.round((machineCpu / indexed) * 1000) / 1000,
        peakMb: peak,
        load: fs.readFileSync("/proc/loadavg", "utf8").trim(),
      }),
    );
  } finally {
    await store.close();
    simulator.kill("SIGTERM");
    if (url) await admin(`DROP SCHEMA ${schema} CASCADE`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A process's user + system CPU so far with its children's (tsx runs the simulator in one), in ms. */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of stat; after the command's ")" they are 12th and 13th.
  let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) ms += processCpuMs(Number(child));
  }
  return ms;
}

/** The whole machine's busy CPU so far (every core; idle and iowait excluded), in ms. */
function machineBusyMs(): number {
  const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const values = ticks.map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return ((total - values[3]! - values[4]!) * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux Node runs on here (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
