import type { Span as SpeechSpan } from "@/lib/model";

/**
 * When each character of a line is spoken. Mandarin is close to syllable-timed — one character, one
 * syllable, roughly equal length — so a line's characters are spread evenly over its detected speech,
 * skipping the pauses inside it. Punctuation, spaces and symbols take no time; a Latin letter takes
 * half a syllable (an acronym is spelled, a word is a few letters per syllable).
 */

export interface SpokenChar {
  /** UTF-16 offset and length in the spoken text (the line with its stage directions removed). */
  offset: number;
  length: number;
  startMs: number;
  endMs: number;
}

const SILENT = /[\p{P}\p{S}\p{Z}\s]/u;
const LATIN = /[A-Za-z]/;

function weightOf(char: string): number {
  if (SILENT.test(char)) return 0;
  return LATIN.test(char) ? 0.5 : 1;
}

/** The characters of `spokenText` that take time, each with its moment; [] when there is no speech. */
export function spokenChars(spokenText: string, speech: readonly SpeechSpan[]): SpokenChar[] {
  const spans = speech.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const speechMs = spans.reduce((sum, [start, end]) => sum + (end - start), 0);
  const units: { offset: number; length: number; weight: number }[] = [];
  let offset = 0;
  let total = 0;
  for (const char of spokenText) {
    const weight = weightOf(char);
    if (weight > 0) units.push({ offset, length: char.length, weight });
    total += weight;
    offset += char.length;
  }
  if (units.length === 0 || speechMs <= 0) return [];

  // Speech time (pauses removed) → recording time, walking the spans once as the characters advance.
  let spanIndex = 0;
  let spanSpeechStart = 0;
  const toRecording = (speechTime: number, isEnd: boolean): number => {
    for (;;) {
      const [start, end] = spans[spanIndex]!;
      const length = end - start;
      const within = speechTime - spanSpeechStart;
      // An end exactly at a span's end belongs to that span, not to the start of the next one.
      if (within < length || (isEnd && within <= length) || spanIndex === spans.length - 1) {
        return start + Math.min(within, length);
      }
      spanSpeechStart += length;
      spanIndex++;
    }
  };

  const out: SpokenChar[] = [];
  let before = 0;
  for (const unit of units) {
    const startMs = toRecording((before / total) * speechMs, false);
    before += unit.weight;
    const saved = { spanIndex, spanSpeechStart };
    const endMs = toRecording((before / total) * speechMs, true);
    // The next character starts from where this one started its walk (ends never move spans back).
    ({ spanIndex, spanSpeechStart } = saved);
    out.push({ offset: unit.offset, length: unit.length, startMs, endMs });
  }
  return out;
}

/** The character being spoken at `ms`: the last one started (held through a pause); -1 before the first. */
export function spokenIndexAt(chars: readonly SpokenChar[], ms: number): number {
  let low = 0;
  let high = chars.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (chars[mid]!.startMs <= ms) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
