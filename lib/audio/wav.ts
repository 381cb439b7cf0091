import { brandError, isErrorKind } from "@/lib/error-kind";
import { ALAW_TO_LINEAR, MULAW_TO_LINEAR } from "./g711";

/**
 * WAV headers: writing the three kinds telephony recordings come in (PCM16, A-law, μ-law), and
 * reading whatever a vendor's recorder produced. Real files are messier than the 44-byte textbook
 * header: LIST/fact/junk chunks before `data`, odd-sized chunks padded to even, WAVE_FORMAT_EXTENSIBLE
 * with the real format hidden in a GUID, RF64 for huge files, and streaming recorders that leave the
 * data size at 0 or 0xFFFFFFFF because they wrote the header before they knew it.
 */

export type WavFormat =
  "pcm8" | "pcm16" | "pcm24" | "pcm32" | "float32" | "float64" | "alaw" | "mulaw" | "unknown";

/** The formats we write. */
export type WavWriteFormat = "pcm16" | "alaw" | "mulaw";

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_ALAW = 0x0006;
export const WAVE_FORMAT_MULAW = 0x0007;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/** The GUID tail of KSDATAFORMAT_SUBTYPE_*: the sub-format's tag sits in the first two bytes. */
const SUBFORMAT_GUID_TAIL = Buffer.from([
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
]);

export interface WavHeaderSpec {
  format: WavWriteFormat;
  channels: 1 | 2;
  sampleRate: number;
  /** Bytes of audio that follow the header. */
  dataBytes: number;
}

export interface WavInfo {
  format: WavFormat;
  /** The effective format tag (the sub-format's, for WAVE_FORMAT_EXTENSIBLE). */
  formatTag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
  /** Where the audio bytes start. */
  dataOffset: number;
  /** How many audio bytes there are (a size left open by a streaming recorder runs to the end of the file). */
  dataBytes: number;
  /** The data chunk's size said "unknown" (0 / 0xFFFFFFFF) and `dataBytes` was taken from the file size. */
  dataSizeOpen: boolean;
  /** Whole frames (one sample per channel) in the data. */
  frames: number;
  durationMs: number;
}

export type WavErrorCode = "not_wav" | "truncated" | "bad_fmt" | "no_data";

export class WavError extends Error {
  constructor(
    readonly code: WavErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "WavError";
    brandError(this, "WavError");
  }
}

export function isWavError(value: unknown): value is WavError {
  return isErrorKind(value, "WavError");
}

/** Bytes per sample of the formats we write. */
export function bytesPerSample(format: WavWriteFormat): number {
  return format === "pcm16" ? 2 : 1;
}

/** Header length `writeWavHeader` produces for a format (PCM 44; A-law/μ-law 58, with cbSize and a fact chunk). */
export function wavHeaderLength(format: WavWriteFormat): number {
  return format === "pcm16" ? 44 : 58;
}

/**
 * A canonical header. Non-PCM formats get the 18-byte fmt (cbSize = 0) and the `fact` chunk the
 * spec requires for them, which is also what sox and most call-centre recorders write.
 */
export function writeWavHeader(spec: WavHeaderSpec): Buffer {
  const { format, channels, sampleRate, dataBytes } = spec;
  const sampleBytes = bytesPerSample(format);
  const blockAlign = sampleBytes * channels;
  const length = wavHeaderLength(format);
  const padded = dataBytes + (dataBytes % 2);
  const header = Buffer.alloc(length);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(length - 8 + padded, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  const fmtSize = format === "pcm16" ? 16 : 18;
  header.writeUInt32LE(fmtSize, 16);
  header.writeUInt16LE(
    format === "pcm16" ? WAVE_FORMAT_PCM : format === "alaw" ? WAVE_FORMAT_ALAW : WAVE_FORMAT_MULAW,
    20,
  );
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(sampleBytes * 8, 34);
  let offset = 20 + fmtSize;
  if (format !== "pcm16") {
    header.writeUInt16LE(0, 36); // cbSize
    header.write("fact", offset, "latin1");
    header.writeUInt32LE(4, offset + 4);
    header.writeUInt32LE(Math.floor(dataBytes / blockAlign), offset + 8);
    offset += 12;
  }
  header.write("data", offset, "latin1");
  header.writeUInt32LE(dataBytes, offset + 4);
  return header;
}

/**
 * Read a WAV header by walking its chunks. `bytes` may be just the start of the file (enough to
 * reach the `data` chunk); pass the whole file's size as `fileSize` then, so an open-ended or
 * overstated data size is measured against the real file. A buffer that ends before `data` throws
 * `WavError("truncated")`: fetch more and try again.
 */
export function parseWavHeader(bytes: Uint8Array, fileSize: number = bytes.length): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const available = bytes.byteLength;
  if (available < 12)
    throw new WavError(
      available >= 4 && !isRiffId(bytes) ? "not_wav" : "truncated",
      "not enough bytes for a RIFF header",
    );
  const riff = ascii(bytes, 0);
  if ((riff !== "RIFF" && riff !== "RF64" && riff !== "BW64") || ascii(bytes, 8) !== "WAVE") {
    throw new WavError("not_wav", `not a WAV file (starts with ${JSON.stringify(riff)})`);
  }

  let fmt: WavFmt | null = null;
  let ds64DataSize: number | null = null;
  let offset = 12;
  for (;;) {
    if (offset + 8 > fileSize) throw new WavError("no_data", "the file has no data chunk");
    if (offset + 8 > available) {
      throw new WavError(
        "truncated",
        fmt ? "the data chunk was not reached" : "the fmt chunk was not reached",
      );
    }
    const id = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "ds64") {
      // RF64: the real data size is 64-bit here, and the data chunk says 0xFFFFFFFF.
      if (body + 16 > available) throw new WavError("truncated", "the ds64 chunk is cut short");
      ds64DataSize = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 2 ** 32;
    } else if (id === "fmt ") {
      if (size < 14) throw new WavError("bad_fmt", `fmt chunk of ${size} bytes is too short`);
      if (body + Math.min(size, 40) > available)
        throw new WavError("truncated", "the fmt chunk is cut short");
      fmt = readFmt(view, body, size);
    } else if (id === "data") {
      if (!fmt) throw new WavError("bad_fmt", "the data chunk comes before any fmt chunk");
      const room = Math.max(0, fileSize - body);
      let declared: number | null = size === 0 || size === 0xffffffff ? null : size;
      if (size === 0xffffffff && ds64DataSize !== null) declared = ds64DataSize;
      const dataBytes = declared === null ? room : Math.min(declared, room);
      const frames = fmt.blockAlign > 0 ? Math.floor(dataBytes / fmt.blockAlign) : 0;
      return {
        ...fmt,
        dataOffset: body,
        dataBytes,
        dataSizeOpen: declared === null,
        frames,
        durationMs: fmt.sampleRate > 0 ? (frames / fmt.sampleRate) * 1000 : 0,
      };
    }
    // Chunks are word-aligned: an odd size is followed by one pad byte.
    offset = body + size + (size % 2);
  }
}

/** What the fmt chunk says: the header's fields that do not depend on the data chunk. */
type WavFmt = Omit<WavInfo, "dataOffset" | "dataBytes" | "dataSizeOpen" | "frames" | "durationMs">;

function readFmt(view: DataView, at: number, size: number): WavFmt {
  let formatTag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const byteRate = view.getUint32(at + 8, true);
  const blockAlign = view.getUint16(at + 12, true);
  // A 14-byte WAVEFORMAT (no bitsPerSample) is legal for old non-PCM files: infer from blockAlign.
  const bitsPerSample =
    size >= 16
      ? view.getUint16(at + 14, true)
      : 8 * Math.max(1, Math.floor(blockAlign / Math.max(1, channels)));
  let extensible = false;
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new WavError("bad_fmt", "WAVE_FORMAT_EXTENSIBLE without its 22-byte extension");
    extensible = true;
    // The sub-format GUID's first two bytes are the real format tag when the rest is the standard tail.
    const guid = new Uint8Array(view.buffer, view.byteOffset + at + 24, 16);
    const isStandard = SUBFORMAT_GUID_TAIL.every((byte, i) => guid[i + 2] === byte);
    formatTag = isStandard ? guid[0]! | (guid[1]! << 8) : 0;
  }
  if (channels === 0) throw new WavError("bad_fmt", "fmt says 0 channels");
  if (blockAlign === 0) throw new WavError("bad_fmt", "fmt says a block is 0 bytes");
  return {
    format: formatOf(formatTag, bitsPerSample),
    formatTag,
    extensible,
    channels,
    sampleRate,
    byteRate,
    blockAlign,
    bitsPerSample,
  };
}

function formatOf(tag: number, bits: number): WavFormat {
  if (tag === WAVE_FORMAT_PCM) {
    if (bits === 8) return "pcm8";
    if (bits === 16) return "pcm16";
    if (bits === 24) return "pcm24";
    if (bits === 32) return "pcm32";
  }
  if (tag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits === 32) return "float32";
    if (bits === 64) return "float64";
  }
  if (tag === WAVE_FORMAT_ALAW && bits === 8) return "alaw";
  if (tag === WAVE_FORMAT_MULAW && bits === 8) return "mulaw";
  return "unknown";
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

function isRiffId(bytes: Uint8Array): boolean {
  const id = ascii(bytes, 0);
  return id === "RIFF" || id === "RF64" || id === "BW64";
}

/**
 * Decode audio bytes (whole frames, as found after `dataOffset`) to interleaved 16-bit samples, for
 * any format `parseWavHeader` names except "unknown". Wider formats keep their top 16 bits.
 */
export function decodeWavSamples(
  info: Pick<WavInfo, "format" | "blockAlign" | "channels">,
  data: Uint8Array,
): Int16Array {
  const sampleBytes = Math.max(1, Math.floor(info.blockAlign / info.channels));
  const count = Math.floor(data.length / info.blockAlign) * info.channels;
  const out = new Int16Array(count);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  switch (info.format) {
    case "pcm8":
      for (let i = 0; i < count; i++) out[i] = (data[i]! - 128) << 8; // 8-bit WAV is unsigned
      break;
    case "pcm16":
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * sampleBytes, true);
      break;
    case "pcm24":
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * sampleBytes + 1, true);
      break;
    case "pcm32":
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * sampleBytes + 2, true);
      break;
    case "float32":
      for (let i = 0; i < count; i++) out[i] = floatToInt16(view.getFloat32(i * sampleBytes, true));
      break;
    case "float64":
      for (let i = 0; i < count; i++) out[i] = floatToInt16(view.getFloat64(i * sampleBytes, true));
      break;
    case "alaw":
      for (let i = 0; i < count; i++) out[i] = ALAW_TO_LINEAR[data[i]!]!;
      break;
    case "mulaw":
      for (let i = 0; i < count; i++) out[i] = MULAW_TO_LINEAR[data[i]!]!;
      break;
    case "unknown":
      throw new WavError("bad_fmt", "cannot decode an unknown WAV format");
  }
  return out;
}

function floatToInt16(value: number): number {
  const scaled = Math.round(value * 32767);
  return scaled > 32767 ? 32767 : scaled < -32768 ? -32768 : scaled;
}
