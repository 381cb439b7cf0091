import type { Speaker, Timing, Utterance } from "@/lib/model";

/**
 * Where each utterance sits in the recording, resolved once per transcript: an unknown end becomes
 * the next line's start (or the recording's end), so the play head and the waveform shading agree.
 */

export interface Span {
  index: number;
  speaker: Speaker;
  startMs: number;
  endMs: number;
  /** The vendor gave an end; false when it was filled in from the next line. */
  endKnown: boolean;
  timing: Timing;
}

/** Grace after an utterance's end before the highlight lets go (speech trails, timings are rough). */
export const END_TOLERANCE_MS = 600;
/** A seek to startMs may land a hair before it; count that as inside. */
const START_SLACK_MS = 40;

export function spansOf(transcript: readonly Utterance[], durationMs: number | null): (Span | null)[] {
  return transcript.map((utterance, index) => {
    if (utterance.startMs === null) return null;
    const endKnown = utterance.endMs !== null && utterance.endMs >= utterance.startMs;
    let endMs = endKnown ? utterance.endMs! : null;
    if (endMs === null) {
      const next = transcript
        .slice(index + 1)
        .find((later) => later.startMs !== null && later.startMs > utterance.startMs!);
      endMs =
        next?.startMs ??
        (durationMs !== null && durationMs > utterance.startMs ? durationMs : utterance.startMs + 3000);
    }
    return {
      index,
      speaker: utterance.speaker,
      startMs: utterance.startMs,
      endMs,
      endKnown,
      timing: utterance.timing,
    };
  });
}

/**
 * The utterance under the play head: the last (in spoken order) whose start has passed and which has
 * not yet ended (with a little tolerance when the vendor gave the end). -1 when the head is in silence.
 */
export function activeIndexAt(spans: readonly (Span | null)[], ms: number): number {
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if (!span || span.startMs > ms + START_SLACK_MS) continue;
    const until = span.endKnown ? span.endMs + END_TOLERANCE_MS : span.endMs;
    if (ms < until) return i;
  }
  return -1;
}
