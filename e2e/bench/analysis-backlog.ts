/**
 * `npx tsx --conditions=react-server e2e/bench/analysis-backlog.ts` — how long the demo's background
 * analysis backlog takes, and the CPU it uses. Starts the demo runtime (simulator included, in this
 * process: its audio rendering is part of the CPU figure, as it is in `npm run demo`) on a fresh index,
 * syncs every source, then lets the AnalysisQueue work through every answered call with a recording,
 * at its normal pace (it rests as long as each call took). Also times the alignment of one ordinary
 * call and of the 30-minute call, first (download + features + alignment) and again (cache), and a
 * re-alignment of a changed transcript from the kept features. `CALLSCOPE_DEMO_CALLS=N` for another size.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRuntime } from "../../lib/server/runtime";
import { parseCallQuery } from "../../lib/calls/query";
import { AnalysisQueue } from "../../lib/recording/analysis-queue";

const TZ = "Asia/Shanghai";

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "callscope-analysis-"));
  const env = {
    ...process.env,
    CALLSCOPE_DEMO: "1",
    // The runtime's own queue would start after the sync, under the single-call timings below: this
    // script runs one itself, afterwards.
    CALLSCOPE_BACKGROUND_ANALYSIS: "0",
    CALLSCOPE_DATABASE: path.join(dir, "index.db"),
    CALLSCOPE_LOG_LEVEL: process.env.CALLSCOPE_LOG_LEVEL ?? "warn",
  };
  const runtime = await createRuntime({ env, autoSync: false });
  try {
    let t = performance.now();
    await runtime.sync.syncAll("bench");
    const list = (search: string) =>
      runtime.store.calls.list({ ...parseCallQuery(new URLSearchParams(search)), limit: 500 }, TZ);
    console.log(`synced ${(await list("")).total} calls in ${Math.round(performance.now() - t)} ms`);

    // One ordinary call and the 30-minute one, before the queue touches them.
    const ordinary = (await list("result=answered&roundsMin=4&durationMax=200")).items.find(
      (c) => c.hasRecording,
    )!;
    const long = (await list("durationMin=1700")).items.find((c) => c.hasRecording);
    for (const [name, call] of [
      ["ordinary call", ordinary],
      ["30-minute call", long],
    ] as const) {
      if (!call) continue;
      t = performance.now();
      const first = await runtime.alignments.forCall(call.id);
      const cold = performance.now() - t;
      t = performance.now();
      await runtime.alignments.forCall(call.id);
      const warm = performance.now() - t;
      const row = (await runtime.store.calls.get(call.id))!;
      const edited = row.transcript!.map((line, i) => (i === 0 ? { ...line, text: `${line.text}。` } : line));
      t = performance.now();
      await runtime.alignments.align(call.id, edited, call.durationSec);
      const realign = performance.now() - t;
      const aligned = first.lines.filter((line) => line.timing === "aligned").length;
      console.log(
        `${name} (${call.durationSec} s, ${first.lines.length} lines, ${aligned} aligned): first ${Math.round(cold)} ms, ` +
          `again ${warm.toFixed(1)} ms, changed transcript ${Math.round(realign)} ms`,
      );
    }

    const queue = new AnalysisQueue(runtime.store, runtime.alignments);
    const before = await runtime.store.alignments.backlog(3);
    const cpu = process.cpuUsage();
    t = performance.now();
    queue.kick();
    await queue.idle();
    const wall = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const after = await runtime.store.alignments.backlog(3);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `backlog: ${before.pending} calls → analysed ${after.analysed - before.analysed}, failed ${after.failed}, ` +
        `in ${(wall / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s CPU ` +
        `(${Math.round((cpuMs / wall) * 100)} % of one core; ${(cpuMs / Math.max(1, after.analysed - before.analysed)).toFixed(0)} ms CPU a call)`,
    );
    await queue.stop();
  } finally {
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
