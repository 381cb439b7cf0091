import { estimateSpans } from "@/lib/audio/timing";
import type { SimDataset } from "@/lib/simulator/http-types";
import type { SimCall } from "@/lib/simulator/types";

/**
 * How far the text-length estimate (lib/audio/timing.ts, what every untimed transcript gets) puts
 * each line's start from where its speech really starts. On real calls this is large (issue #15
 * quotes 1.2 s at the median); a simulator that placed speech where the estimate expects it would
 * hide that, so this is measured on the demo to keep the simulator honest.
 */

export interface StartErrorSummary {
  calls: number;
  lines: number;
  medianMs: number;
  p90Ms: number;
  worstMs: number;
  /** Share of lines whose estimated start is within 500 ms of the truth (0–1). */
  within500: number;
}

/** Calls up to this long are the usual ones (real calls are mostly 20 s – 3 min). */
export const USUAL_CALL_MS = 5 * 60_000;

/** |estimated start − true start| of each line of `call`, estimated as the app does from its text and duration. */
export function estimateStartErrors(call: SimCall): number[] {
  if (call.lines.length === 0 || !call.recording) return [];
  // Vendors report the duration in whole seconds; the estimate spreads the lines over that.
  const durationMs = Math.round(call.recording.durationMs / 1000) * 1000;
  const spans = estimateSpans(
    call.lines.map((line) => line.text),
    durationMs,
  );
  return call.lines.map((line, i) => Math.abs(spans[i]!.startMs - line.startMs));
}

export function summarize(calls: number, errors: number[]): StartErrorSummary {
  const sorted = [...errors].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    calls,
    lines: sorted.length,
    medianMs: at(0.5),
    p90Ms: at(0.9),
    worstMs: sorted.at(-1) ?? 0,
    within500: sorted.length === 0 ? 0 : sorted.filter((e) => e <= 500).length / sorted.length,
  };
}

/** Every call of every task of `dataset` that has a transcript and a recording. */
export function* transcribedCalls(dataset: SimDataset): Generator<SimCall> {
  for (const task of dataset.tasks) {
    const count = dataset.taskCallCount(task.taskId);
    for (let offset = 0; offset < count; offset += 500)
      for (const call of dataset.taskCalls(task.taskId, offset, 500))
        if (call.lines.length > 0 && call.recording) yield call;
  }
}

/** The estimate's start error over all transcribed calls, and over the usual (≤ 5 min) ones. */
export function estimateErrorOf(dataset: SimDataset): { all: StartErrorSummary; usual: StartErrorSummary } {
  const all: number[] = [];
  const usual: number[] = [];
  let calls = 0;
  let usualCalls = 0;
  for (const call of transcribedCalls(dataset)) {
    const errors = estimateStartErrors(call);
    calls++;
    all.push(...errors);
    if (call.recording!.durationMs <= USUAL_CALL_MS) {
      usualCalls++;
      usual.push(...errors);
    }
  }
  return { all: summarize(calls, all), usual: summarize(usualCalls, usual) };
}
