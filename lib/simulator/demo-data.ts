import type { Env } from "@/lib/config";
import { createDataset, longRecording } from "./dataset";
import { withExtraCalls } from "./extra-calls";
import type { SimDataset } from "./http-types";
import type { SimCall } from "./types";

/**
 * What the demo dataset is made of (no server-only code here, so the benchmark can rebuild the same
 * calls and read the simulator directly).
 */

/** Fixed, so the demo data (and the tests that read it) are the same on every machine. */
export const DEMO_ANCHOR = Date.parse("2026-11-20T12:00:00+08:00");
export const DEMO_SEED = 20261120;

export const DEFAULT_DEMO_CALLS = 400;
export const MAX_DEMO_CALLS = 1_000_000;

export function demoCallCount(env: Env): number {
  const raw = env.CALLSCOPE_DEMO_CALLS;
  if (!raw) return DEFAULT_DEMO_CALLS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 4 || n > MAX_DEMO_CALLS) {
    throw new Error(`CALLSCOPE_DEMO_CALLS must be a whole number from 4 to ${MAX_DEMO_CALLS}, not "${raw}"`);
  }
  return n;
}

/**
 * The demo's dataset as demo mode serves it, sized by CALLSCOPE_DEMO_CALLS, with the
 * CALLSCOPE_DEMO_LONG_CALLS extras: rebuilt the same anywhere (the server, a test reading the truth).
 */
export function demoDataset(env: Env): SimDataset {
  return withExtraCalls(
    createDataset({ calls: demoCallCount(env), seed: DEMO_SEED, anchor: DEMO_ANCHOR }),
    longCalls(env.CALLSCOPE_DEMO_LONG_CALLS),
  );
}

/**
 * CALLSCOPE_DEMO_LONG_CALLS="60,210": extra Dyvms calls of these many minutes (PCM16: 210 minutes is
 * ≈ 200 MB), for the benchmark's peaks and streaming figures.
 */
export function longCalls(spec: string | undefined): SimCall[] {
  const minutes = (spec ?? "")
    .split(",")
    .map(Number)
    .filter((m) => Number.isFinite(m) && m > 0 && m <= 600);
  return minutes.map((m, i) => {
    const call = longRecording(m * 60_000, "pcm16");
    const shift = i * 60 * 60_000;
    return {
      ...call,
      callee: `1380000${String(1000 + i).slice(-4)}`,
      dialAt: call.dialAt + shift,
      answerAt: call.answerAt === null ? null : call.answerAt + shift,
      endAt: call.endAt + shift,
    };
  });
}
