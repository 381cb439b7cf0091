import type { Speaker } from "@/lib/model";
import type { SimLine } from "@/lib/simulator/types";
import { MULAW_TO_LINEAR } from "@/lib/audio/g711";
import { splitStageDirections } from "@/lib/transcript/stage-directions";
import { CLIP_SAMPLE_RATE, clipAudio, findClip } from "./clips";

/**
 * Renders any stretch of a call's audio from its lines, sample-exactly and on demand: each line's
 * clip starts at the line's startMs; a clip longer than its line (the robot cut off by a barge-in)
 * stops there with a 20 ms fade; the rest is very low comfort noise that depends only on the sample
 * index, so a range renders identically however the file is requested.
 *
 * Stereo puts the robot on the left and the customer on the right; mono sums them (clipping
 * overlaps). The robot is a little louder, as on real telephony recordings. One party can be
 * rendered alone (Tanyi's customer-only track).
 *
 * Stage directions such as （停顿2s） are silence in the audio: the clips were voiced with their
 * pauses; a line without a clip pauses for the direction's length between its synthetic words.
 */

const SAMPLES_PER_MS = CLIP_SAMPLE_RATE / 1000;
const FADE_SAMPLES = 20 * SAMPLES_PER_MS;
export const ROBOT_GAIN = 0.9;
export const CUSTOMER_GAIN = 0.65;
/** Peak of the comfort noise, in 16-bit units (about -66 dBFS RMS). */
export const NOISE_PEAK = 24;

export interface Segment {
  /** First sample. */
  start: number;
  /** Samples played. */
  length: number;
  /** Where the clip's μ-law bytes start in clips.ulaw; -1 for a synthetic voice (no clip known). */
  clipOffset: number;
  /** Played shorter than the clip: fade out over the last 20 ms. */
  cut: boolean;
  /** 0 robot, 1 customer. */
  speaker: 0 | 1;
}

export interface Timeline {
  frames: number;
  channels: 1 | 2;
  /** Sorted by start. */
  segments: Segment[];
  /** The longest segment, to know how far back a range's first overlapping segment can start. */
  longest: number;
  /** Some segment plays a real clip (then the clip audio is needed). */
  usesClips: boolean;
}

export function buildTimeline(
  lines: readonly SimLine[],
  durationMs: number,
  channels: 1 | 2,
  /** Render only this party's speech (a one-party track); both when absent. */
  only?: Speaker,
): Timeline {
  const frames = Math.round(durationMs * SAMPLES_PER_MS);
  const segments: Segment[] = [];
  const add = (segment: Segment) => {
    if (segment.start >= frames || segment.length <= 0) return;
    segments.push({ ...segment, length: Math.min(segment.length, frames - segment.start) });
  };
  for (const line of lines) {
    if (only && line.speaker !== only) continue;
    const start = Math.round(line.startMs * SAMPLES_PER_MS);
    const span = Math.max(0, Math.round((line.endMs - line.startMs) * SAMPLES_PER_MS));
    const speaker = line.speaker === "robot" ? 0 : 1;
    const clip = findClip(line.clipId);
    if (clip) {
      const length = Math.min(clip.length, span);
      add({ start, length, clipOffset: clip.offset, cut: length < clip.length, speaker });
    } else {
      for (const part of syntheticParts(line.text, span))
        add({ ...part, start: start + part.start, speaker });
    }
  }
  segments.sort((a, b) => a.start - b.start);
  return {
    frames,
    channels,
    segments,
    longest: segments.reduce((max, s) => Math.max(max, s.length), 0),
    usesClips: segments.some((s) => s.clipOffset >= 0),
  };
}

/**
 * Where a clip-less line speaks inside its span of `span` samples: its stage-direction pauses take
 * their stated length (as far as the span allows), its words share the rest by their length.
 */
function syntheticParts(
  text: string,
  span: number,
): { start: number; length: number; clipOffset: -1; cut: false }[] {
  const parts = splitStageDirections(text);
  const pauses = parts.reduce(
    (sum, part) => sum + (part.kind === "direction" ? (part.pauseMs ?? 0) * SAMPLES_PER_MS : 0),
    0,
  );
  const words = parts.reduce((sum, part) => sum + (part.kind === "speech" ? part.text.length : 0), 0);
  if (words === 0 || pauses >= span) return [{ start: 0, length: span, clipOffset: -1, cut: false }];
  const speaking = span - pauses;
  const out: { start: number; length: number; clipOffset: -1; cut: false }[] = [];
  let at = 0;
  for (const part of parts) {
    if (part.kind === "direction") at += (part.pauseMs ?? 0) * SAMPLES_PER_MS;
    else {
      const length = Math.round((speaking * part.text.length) / words);
      out.push({ start: Math.round(at), length, clipOffset: -1, cut: false });
      at += length;
    }
  }
  return out;
}

/** μ-law byte → linear sample at each speaker's level, so mixing is integer adds. */
const LEVELS: readonly [Int16Array, Int16Array] = [
  Int16Array.from(MULAW_TO_LINEAR, (v) => Math.round(v * ROBOT_GAIN)),
  Int16Array.from(MULAW_TO_LINEAR, (v) => Math.round(v * CUSTOMER_GAIN)),
];

/**
 * Render frames [first, first + count) as interleaved 16-bit samples into `out`
 * (which must hold count × channels samples). Frames past the end render as noise only.
 * `mix` is scratch space of the same size, passed in by callers that render many chunks.
 */
export function renderFrames(
  timeline: Timeline,
  first: number,
  count: number,
  out: Int16Array,
  mix: Int32Array = new Int32Array(count * timeline.channels),
): void {
  const { channels, segments } = timeline;
  const width = count * channels;
  mix.fill(0, 0, width);
  const end = first + count;
  const audio = timeline.usesClips ? clipAudio() : null;

  for (let i = firstCandidate(timeline, first); i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.start >= end) break;
    const segmentEnd = segment.start + segment.length;
    const from = Math.max(first, segment.start);
    const to = Math.min(end, segmentEnd);
    if (to <= from) continue;
    const channel = channels === 2 ? segment.speaker : 0;
    const fadeFrom = segment.cut ? Math.max(segment.start, segmentEnd - FADE_SAMPLES) : segmentEnd;
    const plainTo = Math.min(to, fadeFrom);
    let j = (from - first) * channels + channel;
    if (audio && segment.clipOffset >= 0) {
      const level = LEVELS[segment.speaker];
      let o = segment.clipOffset + (from - segment.start);
      for (let k = from; k < plainTo; k++, j += channels, o++) mix[j]! += level[audio[o]!]!;
      for (let k = Math.max(from, plainTo); k < to; k++, j += channels, o++)
        mix[j]! += Math.round((level[audio[o]!]! * (segmentEnd - k)) / FADE_SAMPLES);
    } else {
      for (let k = from; k < to; k++, j += channels) {
        const fade = k < fadeFrom ? 1 : (segmentEnd - k) / FADE_SAMPLES;
        mix[j]! += Math.round(syntheticVoice(k, k - segment.start, segment.speaker) * fade);
      }
    }
  }

  // Noise is looked up by (frame, channel) position: the same sample always gets the same value.
  let n = (first * channels) % NOISE.length;
  for (let i = 0; i < width; i++) {
    const value = mix[i]! + NOISE[n]!;
    out[i] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
    if (++n === NOISE.length) n = 0;
  }
}

/** Index of the first segment that can overlap frame `first` (binary search, then step back over long ones). */
function firstCandidate(timeline: Timeline, first: number): number {
  const { segments } = timeline;
  const earliest = first - timeline.longest;
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.start < earliest) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * White noise far below speech. A table (a prime number of samples, ≈ 3 s) read by position is
 * far cheaper than hashing every sample, and a −66 dBFS hiss repeating every few seconds is inaudible.
 */
const NOISE: Int16Array = (() => {
  const table = new Int16Array(48_013);
  let x = 0x2545f491;
  for (let i = 0; i < table.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    table[i] = Math.round((((x >>> 0) & 0xffff) / 0x8000 - 1) * NOISE_PEAK);
  }
  return table;
})();

/**
 * A voice-like stand-in for lines with no clip (hand-made test calls): a buzzy vowel at a speaking
 * pitch, shaped into syllables, so such recordings still have speech where their lines say.
 */
function syntheticVoice(sample: number, at: number, speaker: 0 | 1): number {
  const f0 = speaker === 0 ? 220 : 140;
  const t = sample / CLIP_SAMPLE_RATE;
  const syllable = 0.55 - 0.45 * Math.cos(2 * Math.PI * 4 * (at / CLIP_SAMPLE_RATE));
  const wave =
    Math.sin(2 * Math.PI * f0 * t) +
    0.5 * Math.sin(4 * Math.PI * f0 * t) +
    0.3 * Math.sin(6 * Math.PI * f0 * t);
  return wave * syllable * 12_000;
}
