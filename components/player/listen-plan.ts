import type { Span as SpeechSpan } from "@/lib/model";
import type { Span } from "./timeline";

/**
 * Planning for the two ways a reviewer moves through a call faster than it was spoken: skipping the
 * silences (nobody speaking for longer than SKIP_SILENCE_MIN_MS) and jumping from customer turn to
 * customer turn. Pure: the player asks "where now?" on each tick or key.
 */

/** Gaps at least this long are played over; shorter ones are the rhythm of talk. */
export const SKIP_SILENCE_MIN_MS = 1500;
/** Silence kept on each side of a skipped gap, so speech is never clipped and the jump is audible as one. */
export const SKIP_KEEP_MS = 300;
/** A "previous turn" pressed this soon after a turn began goes to the one before (like a previous-track button). */
export const PREVIOUS_TURN_GRACE_MS = 1500;

export type Gap = [startMs: number, endMs: number];

/**
 * Stretches where no party speaks, at least `minMs` long: before the first words, between words and
 * after the last ones (to `durationMs`). Lanes may overlap (a barge-in) and need not be sorted.
 */
export function silentGaps(
  lanes: { robot: readonly SpeechSpan[]; customer: readonly SpeechSpan[] },
  durationMs: number,
  minMs = SKIP_SILENCE_MIN_MS,
): Gap[] {
  const speech = [...lanes.robot, ...lanes.customer]
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  if (speech.length === 0) return [];
  const gaps: Gap[] = [];
  let reach = 0;
  for (const [start, end] of speech) {
    if (start - reach >= minMs) gaps.push([reach, start]);
    reach = Math.max(reach, end);
  }
  if (durationMs - reach >= minMs) gaps.push([reach, durationMs]);
  return gaps;
}

/**
 * Where to jump to when playing at `ms` with silence skipped, or null to keep playing: inside a gap,
 * past its first SKIP_KEEP_MS, to SKIP_KEEP_MS before it ends (a gap up to the end of the recording: to its end).
 */
export function skipSilenceTarget(gaps: readonly Gap[], ms: number, durationMs: number): number | null {
  for (const [start, end] of gaps) {
    if (ms < start + SKIP_KEEP_MS) return null;
    const target = end >= durationMs ? durationMs : end - SKIP_KEEP_MS;
    if (ms < target) return target;
  }
  return null;
}

/**
 * The start of the next (+1) or previous (-1) turn of `speaker` from `ms`, or null when there is none.
 * A turn is a run of that speaker's consecutive lines; its start is the run's first line's.
 */
export function turnTarget(
  spans: readonly (Span | null)[],
  ms: number,
  direction: 1 | -1,
  speaker: Span["speaker"] = "customer",
): number | null {
  const starts: number[] = [];
  let previous: Span["speaker"] | null = null;
  for (const span of spans) {
    if (!span) continue;
    if (span.speaker === speaker && previous !== speaker) starts.push(span.startMs);
    previous = span.speaker;
  }
  starts.sort((a, b) => a - b);
  if (direction === 1) return starts.find((start) => start > ms + 50) ?? null;
  for (let i = starts.length - 1; i >= 0; i--) {
    if (starts[i]! < ms - PREVIOUS_TURN_GRACE_MS) return starts[i]!;
  }
  return null;
}
