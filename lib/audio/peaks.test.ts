import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { encodeAlaw, encodeMulaw } from "./g711";
import { peaksFromStream, UnsupportedAudio } from "./peaks";
import { writeWavHeader } from "./wav";

/** 3 s at 8 kHz: 1 s of a loud tone, 1 s of silence, 1 s of a quiet tone. */
function samples(): Int16Array {
  const out = new Int16Array(24_000);
  for (let i = 0; i < out.length; i++) {
    const t = i / 8000;
    const amplitude = i < 8000 ? 0.8 : i < 16_000 ? 0 : 0.2;
    out[i] = Math.round(Math.sin(2 * Math.PI * 440 * t) * amplitude * 32767);
  }
  return out;
}

function wav(format: "pcm16" | "alaw" | "mulaw"): Buffer {
  const pcm = samples();
  const data =
    format === "pcm16"
      ? Buffer.from(pcm.buffer)
      : Buffer.from(format === "alaw" ? encodeAlaw(pcm) : encodeMulaw(pcm));
  return Buffer.concat([
    writeWavHeader({ format, channels: 1, sampleRate: 8000, dataBytes: data.length }),
    data,
  ]);
}

/** The file as a network would deliver it: odd-sized chunks that split samples and the header. */
async function* chunks(bytes: Buffer, size = 777): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function third(values: number[], which: 0 | 1 | 2): number[] {
  const n = values.length / 3;
  return values.slice(Math.round(which * n) + 2, Math.round((which + 1) * n) - 2);
}

describe("peaks from a stream", () => {
  test.each(["pcm16", "alaw", "mulaw"] as const)(
    "%s WAV: duration and where the sound is",
    async (format) => {
      const bytes = wav(format);
      const peaks = await peaksFromStream(chunks(bytes), { size: bytes.length, points: 300 });
      expect(peaks).toMatchObject({ durationMs: 3000, sampleRate: 8000, channels: 1, length: 300 });
      const [channel] = peaks.peaks;
      expect(Math.min(...third(channel!, 0))).toBeGreaterThan(0.7);
      expect(Math.max(...third(channel!, 1))).toBeLessThan(0.01);
      for (const value of third(channel!, 2)) {
        expect(value).toBeGreaterThan(0.15);
        expect(value).toBeLessThan(0.25);
      }
    },
  );

  test("stereo keeps the channels apart", async () => {
    const frames = 8000;
    const data = Buffer.alloc(frames * 4);
    for (let i = 0; i < frames; i++) {
      data.writeInt16LE(i < 4000 ? 20_000 : 0, i * 4); // left: first half
      data.writeInt16LE(i < 4000 ? 0 : -10_000, i * 4 + 2); // right: second half
    }
    const bytes = Buffer.concat([
      writeWavHeader({ format: "pcm16", channels: 2, sampleRate: 8000, dataBytes: data.length }),
      data,
    ]);
    const peaks = await peaksFromStream(chunks(bytes, 1001), { points: 10 });
    expect(peaks.channels).toBe(2);
    expect(peaks.peaks[0]!.slice(0, 5).every((v) => v > 0.6)).toBe(true);
    expect(peaks.peaks[0]!.slice(5).every((v) => v === 0)).toBe(true);
    expect(peaks.peaks[1]!.slice(0, 5).every((v) => v === 0)).toBe(true);
    expect(peaks.peaks[1]!.slice(5).every((v) => v > 0.3)).toBe(true);
  });

  test("MP3 (a real decoder): 2 s of tone then 1 s of silence", async () => {
    const bytes = fs.readFileSync(path.join(import.meta.dirname, "fixtures/tone-then-silence.mp3"));
    const peaks = await peaksFromStream(chunks(bytes, 500), { points: 30 });
    expect(peaks.sampleRate).toBe(8000);
    expect(Math.abs(peaks.durationMs - 3000)).toBeLessThan(150);
    const [channel] = peaks.peaks;
    // ffmpeg's sine source plays at 1/8 of full scale.
    expect(Math.min(...channel!.slice(1, 19))).toBeGreaterThan(0.1);
    expect(Math.max(...channel!.slice(21))).toBeLessThan(0.01);
  });

  test("a data size left open by a streaming recorder is read to the end of the file", async () => {
    const bytes = wav("pcm16");
    bytes.writeUInt32LE(0xffffffff, 40);
    const peaks = await peaksFromStream(chunks(bytes), { size: bytes.length, points: 100 });
    expect(peaks.durationMs).toBe(3000);
  });

  test("anything else is refused with a clear error", async () => {
    await expect(
      peaksFromStream(chunks(Buffer.from("<html><body>Access denied</body></html>"))),
    ).rejects.toThrow(UnsupportedAudio);
  });
});
