import { splitStageDirections } from "@/lib/transcript/stage-directions";

/**
 * Where each utterance falls in the recording when the vendor does not say: spread across the
 * recording in proportion to how long each line takes to say. Mandarin TTS and callers speak about
 * 4–5 characters a second; each turn change costs a short gap; stage directions add their pause.
 */

export const CHARS_PER_SECOND = 4.5;
export const TURN_GAP_MS = 600;

export interface TimedSpan {
  startMs: number;
  endMs: number;
}

/** Natural speaking time of one line, in ms. */
export function speakingMs(text: string): number {
  let ms = 0;
  for (const part of splitStageDirections(text)) {
    if (part.kind === "direction") ms += part.pauseMs ?? 0;
    else ms += (countSpoken(part.text) / CHARS_PER_SECOND) * 1000;
  }
  return Math.max(400, Math.round(ms));
}

/** Letters, digits and CJK characters; an ASCII word counts about as one syllable per 3 letters. */
function countSpoken(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z0-9]/g)?.length ?? 0;
  return cjk + latin / 3;
}

/**
 * Spans for `texts`, in order, filling `durationMs` (the recording's length) when known:
 * natural lengths are scaled so the call's speech and gaps cover the recording.
 */
export function estimateSpans(texts: string[], durationMs: number | null): TimedSpan[] {
  if (texts.length === 0) return [];
  const natural = texts.map(speakingMs);
  const naturalTotal = natural.reduce((sum, ms) => sum + ms, 0) + TURN_GAP_MS * texts.length;
  const scale = durationMs && durationMs > 0 ? durationMs / naturalTotal : 1;
  const spans: TimedSpan[] = [];
  let cursor = (TURN_GAP_MS / 2) * scale;
  for (const ms of natural) {
    const start = cursor;
    const end = start + ms * scale;
    spans.push({ startMs: Math.round(start), endMs: Math.round(end) });
    cursor = end + TURN_GAP_MS * scale;
  }
  return spans;
}
