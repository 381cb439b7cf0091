import { encodeAlaw, encodeMulaw } from "@/lib/audio/g711";
import { bytesPerSample, wavHeaderLength, writeWavHeader } from "@/lib/audio/wav";
import { hash32 } from "./dataset/prng";
import type { SimCall, SimLine } from "./types";
import { buildTimeline, renderFrames, type Timeline } from "./voice/mixer";

/**
 * A call's recording as a WAV file in its vendor's encoding (PCM16, A-law or μ-law; mono or
 * stereo), produced per byte range on demand: nothing is ever held whole, so a 3.5-hour, 200 MB
 * recording streams in 64 KB reads with memory to match. Speech comes from the voice clips exactly
 * where the call's lines say (see voice/mixer.ts).
 *
 * Besides the call's recording (`full`), a vendor may serve one party's track alone: Tanyi's
 * customerAudioUrl is the customer's voice only, mono, in the recording's encoding.
 */

export type RecordingTrack = "full" | "customer" | "robot";

export interface RenderedRecording {
  size: number;
  read(start: number, endInclusive: number): Buffer;
}

export { longRecording } from "./dataset/long-call";

/** Frames rendered per step: bounds the scratch memory of any read, however large. */
const CHUNK_FRAMES = 8192;

export function recordingFor(call: SimCall, track: RecordingTrack = "full"): RenderedRecording {
  const spec = call.recording;
  const format = spec?.encoding ?? "pcm16";
  const channels = track === "full" ? (spec?.channels ?? 1) : 1;
  const timeline = cachedTimeline(call, track);
  const frameBytes = bytesPerSample(format) * channels;
  const dataBytes = timeline.frames * frameBytes;
  const header = writeWavHeader({ format, channels, sampleRate: 8000, dataBytes });
  const headerLength = wavHeaderLength(format);
  // RIFF chunks are word-aligned: odd-sized data (mono 8-bit, odd frame count) gets a zero pad byte.
  const size = headerLength + dataBytes + (dataBytes % 2);

  return {
    size,
    read(start, endInclusive) {
      const first = Math.max(0, Math.floor(start));
      const last = Math.min(size - 1, Math.floor(endInclusive));
      if (last < first) return Buffer.alloc(0);
      const out = Buffer.alloc(last - first + 1);
      if (first < headerLength) header.copy(out, 0, first, Math.min(headerLength, last + 1));
      const dataFirst = Math.max(first, headerLength) - headerLength;
      const dataLast = Math.min(last - headerLength, dataBytes - 1);
      if (dataLast < dataFirst) return out;

      const firstFrame = Math.floor(dataFirst / frameBytes);
      const lastFrame = Math.floor(dataLast / frameBytes);
      const step = Math.min(CHUNK_FRAMES, lastFrame - firstFrame + 1);
      const samples = new Int16Array(step * channels);
      const mix = new Int32Array(step * channels);
      const bytes = Buffer.alloc(step * frameBytes);
      for (let frame = firstFrame; frame <= lastFrame; frame += step) {
        const count = Math.min(step, lastFrame - frame + 1);
        const view = samples.subarray(0, count * channels);
        renderFrames(timeline, frame, count, view, mix);
        const encoded = encode(format, view, bytes);
        // Copy the part of this chunk that falls inside the requested range.
        const chunkStart = frame * frameBytes;
        const from = Math.max(dataFirst, chunkStart);
        const to = Math.min(dataLast + 1, chunkStart + count * frameBytes);
        encoded.copy(out, from + headerLength - first, from - chunkStart, to - chunkStart);
      }
      return out;
    },
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encode(format: "pcm16" | "alaw" | "mulaw", samples: Int16Array, bytes: Buffer): Buffer {
  if (format === "alaw") {
    encodeAlaw(samples, bytes);
    return bytes.subarray(0, samples.length);
  }
  if (format === "mulaw") {
    encodeMulaw(samples, bytes);
    return bytes.subarray(0, samples.length);
  }
  if (LITTLE_ENDIAN && bytes.byteOffset % 2 === 0)
    new Int16Array(bytes.buffer, bytes.byteOffset, samples.length).set(samples);
  else for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, i * 2);
  return bytes.subarray(0, samples.length * 2);
}

// A player seeks and fetches many small ranges of the same recording: keep the last few calls'
// timelines so each request costs only its own bytes. Keyed by what the audio depends on.
const CACHE_SIZE = 4;
const cache = new Map<string, Timeline>();

function cachedTimeline(call: SimCall, track: RecordingTrack): Timeline {
  const lines = call.audioLines ?? call.lines;
  const durationMs = call.recording?.durationMs ?? 0;
  const channels = track === "full" ? (call.recording?.channels ?? 1) : 1;
  const key = `${call.source}|${call.vendorCallId}|${track}|${durationMs}|${channels}|${linesFingerprint(lines)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const timeline = buildTimeline(lines, durationMs, channels, track === "full" ? undefined : track);
  cache.set(key, timeline);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return timeline;
}

function linesFingerprint(lines: readonly SimLine[]): string {
  let h = lines.length;
  for (const line of lines) {
    h = hash32(h, line.startMs, line.endMs, line.speaker === "robot" ? 1 : 2);
    for (let i = 0; i < line.clipId.length; i++) h = hash32(h, line.clipId.charCodeAt(i));
  }
  return `${lines.length}:${h}`;
}
