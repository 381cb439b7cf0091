import { brandError, isErrorKind } from "@/lib/error-kind";
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from "./g711";
import { FeatureAccumulator, type SpeechFeatures } from "./speech";
import { decodeWavSamples, isWavError, parseWavHeader, type WavInfo } from "./wav";

/**
 * Waveform peaks computed on the server, so the browser draws a recording without downloading or
 * decoding it. The audio is read once as it streams in: the loudest sample of every 10 ms window per
 * channel is kept, then windows are merged into the number of points asked for.
 * WAV (PCM 8/16/24/32, float, A-law, μ-law) is decoded here; MP3 with mpg123 (WebAssembly).
 */

export interface PeaksData {
  durationMs: number;
  sampleRate: number;
  channels: number;
  /** Points per channel. */
  length: number;
  /** One array per channel: absolute peak per point, 0..1, evenly spaced over the duration. */
  peaks: number[][];
}

/** Peaks plus, when asked for, the per-frame speech features of the same pass (lib/audio/speech.ts). */
export interface PeaksAndSpeech extends PeaksData {
  features?: SpeechFeatures;
}

export class UnsupportedAudio extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedAudio";
    brandError(this, "UnsupportedAudio");
  }
}

export function isUnsupportedAudio(value: unknown): value is UnsupportedAudio {
  return isErrorKind(value, "UnsupportedAudio");
}

const WINDOWS_PER_SECOND = 100;
const MAX_HEADER_BYTES = 1024 * 1024;

/** Points for a recording of this length when the caller does not say: ~25 per second, 200–16,000. */
export function defaultPoints(durationMs: number): number {
  return Math.min(16_000, Math.max(200, Math.round((durationMs / 1000) * 25)));
}

/** Loudest value per window, per channel, growing as audio arrives. */
class WindowMax {
  private readonly windows: Float32Array[];
  private count = 0;
  private filled = 0;
  private readonly current: Float32Array;

  constructor(
    readonly channels: number,
    private readonly framesPerWindow: number,
    expectedWindows = 1024,
  ) {
    this.windows = Array.from({ length: channels }, () => new Float32Array(Math.max(16, expectedWindows)));
    this.current = new Float32Array(channels);
  }

  /** Interleaved 16-bit samples, whole frames. A window at a time: the hot loop is a plain max. */
  pushInt16(samples: Int16Array, channels: number): void {
    const current = this.current;
    const total = samples.length;
    let i = 0;
    while (i < total) {
      const end = Math.min(total, i + (this.framesPerWindow - this.filled) * channels);
      for (let c = 0; c < channels; c++) {
        let max = current[c]!;
        for (let k = i + c; k < end; k += channels) {
          const v = samples[k]!;
          if (v > max) max = v;
          else if (-v > max) max = -v;
        }
        current[c] = max;
      }
      this.filled += (end - i) / channels;
      i = end;
      if (this.filled === this.framesPerWindow) this.flush(1 / 32768);
    }
  }

  /** Per-channel float samples (-1..1), as a decoder gives them. */
  pushFloat(channelData: Float32Array[], frames: number): void {
    const current = this.current;
    for (let f = 0; f < frames; f++) {
      for (let c = 0; c < this.channels; c++) {
        const v = channelData[c]?.[f] ?? 0;
        const a = v < 0 ? -v : v;
        if (a > current[c]!) current[c] = a;
      }
      if (++this.filled === this.framesPerWindow) this.flush(1);
    }
  }

  private flush(scale: number): void {
    for (let c = 0; c < this.channels; c++) {
      let target = this.windows[c]!;
      if (this.count >= target.length) {
        const grown = new Float32Array(target.length * 2);
        grown.set(target);
        this.windows[c] = target = grown;
      }
      target[this.count] = Math.min(1, this.current[c]! * scale);
      this.current[c] = 0;
    }
    this.count++;
    this.filled = 0;
  }

  finish(scale: number, points: number): number[][] {
    if (this.filled > 0) this.flush(scale);
    const length = Math.max(1, Math.min(points, this.count));
    return this.windows.map((windows) => {
      const out = new Array<number>(length).fill(0);
      for (let i = 0; i < this.count; i++) {
        const p = Math.min(length - 1, Math.floor((i * length) / this.count));
        if (windows[i]! > out[p]!) out[p] = windows[i]!;
      }
      return out.map((value) => Math.round(value * 1000) / 1000);
    });
  }
}

export interface PeaksOptions {
  /** Total bytes of the file when known (Content-Length): needed for WAVs whose data size was left open. */
  size?: number | null;
  points?: number | null;
  /** Also compute the speech features (voice activity) in the same pass. */
  features?: boolean;
}

/** Peaks for a stream of audio bytes (WAV or MP3, sniffed from the first bytes). */
export async function peaksFromStream(
  chunks: AsyncIterable<Uint8Array>,
  options: PeaksOptions = {},
): Promise<PeaksAndSpeech> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 12) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.length;
  }
  const first = Buffer.concat(head);
  const tag = first.subarray(0, 4).toString("latin1");
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  if (tag === "RIFF" || tag === "RF64") return wavPeaks(first, rest, options);
  if (tag.startsWith("ID3") || (first[0] === 0xff && (first[1]! & 0xe0) === 0xe0))
    return mp3Peaks(first, rest, options);
  throw new UnsupportedAudio("the recording is neither WAV nor MP3");
}

async function wavPeaks(
  first: Buffer,
  rest: AsyncIterable<Uint8Array>,
  options: PeaksOptions,
): Promise<PeaksAndSpeech> {
  // Read until the header (and its chunk list up to `data`) parses.
  let buffered = first;
  let info: WavInfo | null = null;
  const iterator = rest[Symbol.asyncIterator]();
  while (!info) {
    try {
      // Without a Content-Length the file's size is unknown, not the size of the first chunk: the data
      // chunk's declared size (or, when left open, the end of the stream) says where the audio ends.
      info = parseWavHeader(buffered, options.size ?? Number.MAX_SAFE_INTEGER);
    } catch (err) {
      if (!isWavError(err) || err.code !== "truncated" || buffered.length > MAX_HEADER_BYTES) throw err;
      const next = await iterator.next();
      if (next.done) throw err;
      buffered = Buffer.concat([buffered, next.value]);
    }
  }
  if (info.format === "unknown")
    throw new UnsupportedAudio(`WAV format tag ${info.formatTag} is not supported`);
  const { channels, sampleRate, blockAlign } = info;
  const framesPerWindow = Math.max(1, Math.round(sampleRate / WINDOWS_PER_SECOND));
  const acc = new WindowMax(channels, framesPerWindow, Math.ceil(info.frames / framesPerWindow) + 1);
  const speech = options.features
    ? new FeatureAccumulator(channels, sampleRate, Math.ceil(info.frames / framesPerWindow) + 1)
    : null;
  let remaining = info.dataBytes;
  let carry: Buffer = Buffer.alloc(0);

  const consume = (chunk: Buffer) => {
    // Bytes past the data chunk (trailing LIST chunks …) are not audio.
    const used = chunk.length > remaining ? chunk.subarray(0, remaining) : chunk;
    remaining -= used.length;
    const data = carry.length ? Buffer.concat([carry, used]) : used;
    const whole = data.length - (data.length % blockAlign);
    carry = Buffer.from(data.subarray(whole));
    if (whole > 0) {
      const samples = toInt16(info!, data.subarray(0, whole));
      acc.pushInt16(samples, channels);
      speech?.pushInterleaved(samples, channels);
    }
  };

  consume(buffered.subarray(info.dataOffset));
  for (;;) {
    const next = await iterator.next();
    if (next.done || remaining <= 0) break;
    consume(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
  }
  const frames = Math.floor((info.dataBytes - Math.max(0, remaining)) / blockAlign);
  const durationMs = Math.round((frames / sampleRate) * 1000);
  const peaks = acc.finish(1 / 32768, options.points ?? defaultPoints(durationMs));
  const result: PeaksAndSpeech = { durationMs, sampleRate, channels, length: peaks[0]!.length, peaks };
  if (speech) result.features = speech.finish();
  return result;
}

/** 16-bit samples for a run of whole frames, without copying where the bytes allow it. */
function toInt16(info: WavInfo, bytes: Buffer): Int16Array {
  switch (info.format) {
    case "pcm16":
      if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
      return new Int16Array(Uint8Array.from(bytes).buffer);
    case "alaw":
      return lookup(bytes, ALAW_TO_LINEAR);
    case "mulaw":
      return lookup(bytes, MULAW_TO_LINEAR);
    default:
      return decodeWavSamples(info, bytes);
  }
}

function lookup(bytes: Uint8Array, table: Int16Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
  return out;
}

async function mp3Peaks(
  first: Buffer,
  rest: AsyncIterable<Uint8Array>,
  options: PeaksOptions,
): Promise<PeaksAndSpeech> {
  const { MPEGDecoder } = await import("mpg123-decoder");
  const decoder = new MPEGDecoder();
  await decoder.ready;
  let acc: WindowMax | null = null;
  let speech: FeatureAccumulator | null = null;
  let sampleRate = 0;
  let channels = 0;
  let frames = 0;
  const feed = (chunk: Uint8Array) => {
    const decoded = decoder.decode(chunk);
    if (!decoded.samplesDecoded) return;
    if (!acc) {
      sampleRate = decoded.sampleRate;
      channels = decoded.channelData.length;
      acc = new WindowMax(channels, Math.max(1, Math.round(sampleRate / WINDOWS_PER_SECOND)));
      if (options.features) speech = new FeatureAccumulator(channels, sampleRate);
    }
    acc.pushFloat(decoded.channelData, decoded.samplesDecoded);
    speech?.pushPlanar(decoded.channelData, decoded.samplesDecoded);
    frames += decoded.samplesDecoded;
  };
  try {
    feed(first);
    for await (const chunk of rest) feed(chunk);
  } finally {
    decoder.free();
  }
  if (!acc) throw new UnsupportedAudio("the MP3 recording has no decodable audio");
  const durationMs = Math.round((frames / sampleRate) * 1000);
  const peaks = (acc as WindowMax).finish(1, options.points ?? defaultPoints(durationMs));
  const result: PeaksAndSpeech = { durationMs, sampleRate, channels, length: peaks[0]!.length, peaks };
  if (speech) result.features = (speech as FeatureAccumulator).finish();
  return result;
}
