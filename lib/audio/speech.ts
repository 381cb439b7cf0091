/**
 * Voice activity from the recording, per channel, computed in the same streaming pass as the peaks.
 *
 * While the audio streams, each 10 ms frame of each channel is reduced to three numbers: its level
 * (dB, of the band around 2 kHz where speech is and mains hum is not), how much of that energy sits in
 * fast sample-to-sample changes (a cheap spectral tilt: higher voices and hiss score higher), and its
 * zero-crossing rate. That is all that is kept — 3 bytes per frame — so an hour of audio is ~1 MB, not
 * the 57 MB of samples.
 *
 * Speech is then found with an energy detector against an adaptive noise floor (a sliding minimum of
 * the frame levels, so line noise that drifts over the call is followed), with hysteresis and
 * smoothing. It was measured against the WebRTC VAD (`@echogarden/fvad-wasm`) on the committed noisy
 * telephony recordings: see lib/audio/vad-compare.test.ts and the README for the figures.
 */

export const FRAME_MS = 10;

/** Per-frame features of one channel, quantized to bytes. */
export interface ChannelFeatures {
  /** Level in dB relative to full scale + 100, 0..100 (0 = silence). */
  level: Uint8Array;
  /** Band energy against the raw energy, 0..255: higher voices and hiss score higher. */
  tilt: Uint8Array;
  /** Zero crossings in the frame, 0..255. */
  zcr: Uint8Array;
}

export interface SpeechFeatures {
  frameMs: number;
  frames: number;
  channels: ChannelFeatures[];
}

/** A stretch of detected speech, in ms from the recording's start. */
export interface SpeechSegment {
  startMs: number;
  endMs: number;
}

/** Accumulates the per-frame features as samples arrive (any sample rate; 10 ms frames). */
export class FeatureAccumulator {
  private readonly framesPerWindow: number;
  private readonly state: {
    // The sample two back, and whether the next chunk starts on an odd sample.
    x1: number;
    phase: number;
    prev: number;
    energy: number;
    diff: number;
    crossings: number;
    filled: number;
    level: Uint8Array;
    tilt: Uint8Array;
    zcr: Uint8Array;
  }[];
  private count = 0;

  constructor(
    readonly channels: number,
    readonly sampleRate: number,
    expectedFrames = 1024,
  ) {
    this.framesPerWindow = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
    const size = Math.max(16, expectedFrames);
    this.state = Array.from({ length: channels }, () => ({
      x1: 0,
      phase: 0,
      prev: 0,
      energy: 0,
      diff: 0,
      crossings: 0,
      filled: 0,
      level: new Uint8Array(size),
      tilt: new Uint8Array(size),
      zcr: new Uint8Array(size),
    }));
  }

  /** Interleaved 16-bit samples, whole frames. */
  pushInterleaved(samples: Int16Array, channels: number): void {
    const frames = samples.length / channels;
    for (let c = 0; c < this.channels; c++) this.runInt16(c, samples, channels, frames);
  }

  /** Planar float samples (−1..1), as an MP3 decoder gives them. */
  pushPlanar(channelData: Float32Array[], frames: number): void {
    for (let c = 0; c < this.channels; c++) {
      const data = channelData[c] ?? channelData[0]!;
      const scaled = new Int16Array(frames);
      for (let f = 0; f < frames; f++)
        scaled[f] = Math.max(-32768, Math.min(32767, Math.round(data[f]! * 32768)));
      this.runInt16(c, scaled, 1, frames);
    }
  }

  /**
   * The hot loop (every sample of a 60-minute call passes here): one channel, monomorphic on
   * Int16Array, every second sample only. The level is that of the lag-2 difference x[n] − x[n−2]: a
   * band-pass with zeros at 0 Hz and 4 kHz and its peak at 2 kHz, where speech is and mains hum is
   * not (50 Hz: −28 dB against the peak). Tilt compares it with the raw energy; zero crossings are
   * counted on the difference.
   */
  private runInt16(c: number, data: Int16Array, stride: number, frames: number): void {
    const s = this.state[c]!;
    const per = this.framesPerWindow;
    const step = 2 * stride;
    let x2 = s.x1;
    let prev = s.prev;
    let energy = s.energy;
    let diff = s.diff;
    let crossings = s.crossings;
    let filled = s.filled;
    let frameIndex = this.count;
    // Samples at even positions of the stream only: `filled` counts all samples of the frame.
    let f = s.phase;
    for (let k = c + f * stride; f < frames; f += 2, k += step) {
      const x = data[k]!;
      const d = x - x2;
      x2 = x;
      energy += x * x;
      diff += d * d;
      if (d >= 0 !== prev >= 0) crossings++;
      prev = d;
      filled += 2;
      if (filled >= per) {
        this.store(s, frameIndex++, (2 * diff) / per, diff, energy, crossings);
        energy = 0;
        diff = 0;
        crossings = 0;
        filled -= per;
      }
    }
    s.phase = f - frames;
    s.x1 = x2;
    s.prev = prev;
    s.energy = energy;
    s.diff = diff;
    s.crossings = crossings;
    s.filled = filled;
    if (c === this.channels - 1) this.count = frameIndex;
  }

  private store(
    s: (typeof this.state)[number],
    index: number,
    meanSquare: number,
    diff: number,
    energy: number,
    crossings: number,
  ): void {
    if (index >= s.level.length) {
      const grow = (a: Uint8Array) => {
        const b = new Uint8Array(a.length * 2);
        b.set(a);
        return b;
      };
      s.level = grow(s.level);
      s.tilt = grow(s.tilt);
      s.zcr = grow(s.zcr);
    }
    const db = meanSquare > 0 ? 10 * Math.log10(meanSquare / (32768 * 32768)) + 100 : 0;
    s.level[index] = db < 0 ? 0 : db > 100 ? 100 : Math.round(db);
    s.tilt[index] = energy > 0 ? Math.min(255, Math.round((diff / energy) * 64)) : 0;
    s.zcr[index] = Math.min(255, crossings);
  }

  finish(): SpeechFeatures {
    return {
      frameMs: FRAME_MS,
      frames: this.count,
      channels: this.state.map((s) => ({
        level: s.level.slice(0, this.count),
        tilt: s.tilt.slice(0, this.count),
        zcr: s.zcr.slice(0, this.count),
      })),
    };
  }
}

/** Features as one compact buffer for the index: header, then level/tilt/zcr per channel. */
export function encodeFeatures(features: SpeechFeatures): Buffer {
  const { frames, channels } = features;
  const out = Buffer.alloc(8 + frames * 3 * channels.length);
  out.writeUInt32LE(frames, 0);
  out.writeUInt16LE(channels.length, 4);
  out.writeUInt16LE(features.frameMs, 6);
  let at = 8;
  for (const ch of channels) {
    for (const a of [ch.level, ch.tilt, ch.zcr]) {
      out.set(a.subarray(0, frames), at);
      at += frames;
    }
  }
  return out;
}

export function decodeFeatures(buf: Uint8Array): SpeechFeatures {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const frames = view.readUInt32LE(0);
  const count = view.readUInt16LE(4);
  const frameMs = view.readUInt16LE(6);
  const channels: ChannelFeatures[] = [];
  let at = 8;
  for (let c = 0; c < count; c++) {
    const take = () => {
      const a = Uint8Array.from(view.subarray(at, at + frames));
      at += frames;
      return a;
    };
    channels.push({ level: take(), tilt: take(), zcr: take() });
  }
  return { frameMs, frames, channels };
}

export interface VadOptions {
  /** dB above the noise floor to enter speech. */
  onDb?: number;
  /** dB above the noise floor to stay in speech. */
  offDb?: number;
  /** Gaps shorter than this inside speech are bridged (ms). */
  bridgeMs?: number;
  /** Speech shorter than this is dropped (ms). */
  minSpeechMs?: number;
}

/**
 * The noise floor per frame: the minimum level over ±4 s, which follows noise that drifts over a call
 * but stays below any line shorter than 8 s without a breath. Sliding minimum with a monotone deque: O(n).
 */
export function noiseFloor(level: Uint8Array, frameMs = FRAME_MS): Float32Array {
  const n = level.length;
  const half = Math.round(4000 / frameMs);
  const floor = new Float32Array(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const hi = Math.min(n - 1, i + half);
    while (next <= hi) {
      while (tail > head && level[deque[tail - 1]!]! >= level[next]!) tail--;
      deque[tail++] = next++;
    }
    while (deque[head]! < i - half) head++;
    // The minimum of ~800 noise frames sits ~3 dB under their mean level.
    floor[i] = level[deque[head]!]! + 3;
  }
  return floor;
}

/** Per-frame speech flags for one channel (1 speech, 0 not). `suppress`: frames to treat as non-speech. */
export function detectSpeech(
  ch: ChannelFeatures,
  options: VadOptions = {},
  suppress?: Uint8Array,
  frameMs = FRAME_MS,
): Uint8Array {
  const { onDb = 9, offDb = 5, bridgeMs = 120, minSpeechMs = 80 } = options;
  const n = ch.level.length;
  const floor = noiseFloor(ch.level, frameMs);
  const flags = new Uint8Array(n);
  const pass = (shift: number) => {
    let inSpeech = false;
    for (let i = 0; i < n; i++) {
      const above = ch.level[i]! - floor[i]! - shift;
      inSpeech = inSpeech ? above >= offDb : above >= onDb;
      flags[i] = inSpeech && !(suppress && suppress[i]) ? 1 : 0;
      if (suppress && suppress[i]) inSpeech = false;
    }
  };
  pass(0);
  // The floor is the sliding minimum + 3 dB, right for noise whose frame levels spread a few dB. Noise
  // that fluctuates more (a strong low-frequency part, a level that drifts within seconds) sits higher
  // above its minimum, and its peaks would read as speech: measure where the non-speech frames sit
  // (their median above the floor) and raise the thresholds by what exceeds the usual, once, per channel.
  const shift = medianExcess(ch.level, floor, flags);
  if (shift > TYPICAL_EXCESS_DB) pass(shift - TYPICAL_EXCESS_DB);
  return smoothFlags(flags, bridgeMs, minSpeechMs, frameMs);
}

/**
 * Where non-speech frames usually sit above the floor (minimum + 3 dB): 0–2 dB on the white, pink and
 * brown line noise the thresholds were set on. More than that is noise that fluctuates more.
 */
const TYPICAL_EXCESS_DB = 2;

/** Median dB above the floor of the frames not flagged as speech (levels are whole dB: a histogram). */
function medianExcess(level: Uint8Array, floor: Float32Array, flags: Uint8Array): number {
  const histogram = new Uint32Array(64);
  let count = 0;
  for (let i = 0; i < level.length; i++) {
    if (flags[i]) continue;
    const excess = Math.round(level[i]! - floor[i]!) + 32;
    histogram[excess < 0 ? 0 : excess > 63 ? 63 : excess]!++;
    count++;
  }
  if (count < 100) return 0;
  let seen = 0;
  for (let b = 0; b < 64; b++) {
    seen += histogram[b]!;
    if (seen * 2 >= count) return b - 32;
  }
  return 0;
}

/** Bridges short gaps, then drops short bursts. */
export function smoothFlags(flags: Uint8Array, bridgeMs: number, minSpeechMs: number, frameMs = FRAME_MS) {
  const out = Uint8Array.from(flags);
  const bridge = Math.round(bridgeMs / frameMs);
  const minSpeech = Math.round(minSpeechMs / frameMs);
  const n = out.length;
  let lastSpeech = -1;
  for (let i = 0; i < n; i++) {
    if (!out[i]) continue;
    if (lastSpeech >= 0 && i - lastSpeech - 1 > 0 && i - lastSpeech - 1 <= bridge)
      out.fill(1, lastSpeech + 1, i);
    lastSpeech = i;
  }
  for (let i = 0; i < n;) {
    if (!out[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && out[j]) j++;
    if (j - i < minSpeech) out.fill(0, i, j);
    i = j;
  }
  return out;
}

export function flagsToSegments(flags: Uint8Array, frameMs = FRAME_MS): SpeechSegment[] {
  const segments: SpeechSegment[] = [];
  for (let i = 0; i < flags.length;) {
    if (!flags[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < flags.length && flags[j]) j++;
    segments.push({ startMs: i * frameMs, endMs: j * frameMs });
    i = j;
  }
  return segments;
}

/**
 * Speech per channel. In stereo, a frame far quieter than the other channel's (crosstalk: the other
 * party leaking in at −25…−35 dB) is not this channel's speech.
 */
export function speechPerChannel(features: SpeechFeatures, options: VadOptions = {}): Uint8Array[] {
  const { channels, frameMs } = features;
  if (channels.length < 2) return channels.map((ch) => detectSpeech(ch, options, undefined, frameMs));
  return channels.map((ch, c) => {
    const suppress = new Uint8Array(features.frames);
    for (let i = 0; i < features.frames; i++) {
      let loudest = 0;
      for (let o = 0; o < channels.length; o++)
        if (o !== c) loudest = Math.max(loudest, channels[o]!.level[i]!);
      if (ch.level[i]! < loudest - 15) suppress[i] = 1;
    }
    return detectSpeech(ch, options, suppress, frameMs);
  });
}
