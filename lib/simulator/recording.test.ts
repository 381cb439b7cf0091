import { describe, expect, it } from "vitest";
import { decodeWavSamples, parseWavHeader, wavHeaderLength } from "@/lib/audio/wav";
import { allCalls, demoDataset } from "./dataset/test-fixtures";
import { SOURCE_AUDIO } from "./dataset/tasks";
import { longRecording, recordingFor } from "./recording";
import { sampleSimCall } from "./testing/sample-call";
import type { SimCall, SimLine } from "./types";
import { MULAW_TO_LINEAR } from "@/lib/audio/g711";
import { clipAudio, clipInfo } from "./voice/clips";
import { CUSTOMER_GAIN, NOISE_PEAK, ROBOT_GAIN } from "./voice/mixer";
import { startSimulator } from "./server";
import { SIM_CREDENTIALS } from "./credentials";
import { arrayDataset } from "./testing/array-dataset";

const calls = allCalls(demoDataset());
/** A call of `source` recorded with `channels` (the source's usual by default; AICCS has a dual-channel task). */
const bySource = (source: SimCall["source"], channels = SOURCE_AUDIO[source].channels) =>
  calls.find(
    (call) =>
      call.source === source &&
      call.recording?.channels === channels &&
      call.lines.length >= 8 &&
      call.talkMs < 90_000 &&
      call.lines.some((l) => l.interrupted),
  )!;

function render(call: SimCall) {
  const recording = recordingFor(call);
  const file = recording.read(0, recording.size - 1);
  const info = parseWavHeader(file);
  const samples = decodeWavSamples(info, file.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
  return { recording, file, info, samples };
}

/** RMS of one channel over [fromMs, toMs). */
function rms(samples: Int16Array, channels: number, channel: number, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.round(fromMs * 8));
  const to = Math.min(samples.length / channels, Math.round(toMs * 8));
  let sum = 0;
  for (let f = from; f < to; f++) sum += samples[f * channels + channel]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** RMS of a clip's first `ms` milliseconds, at full scale. */
function clipLevel(clipId: string, ms: number): number {
  const clip = clipInfo(clipId);
  const audio = clipAudio();
  const count = Math.min(clip.length, Math.round(ms * 8));
  let sum = 0;
  for (let i = 0; i < count; i++) sum += MULAW_TO_LINEAR[audio[clip.offset + i]!]! ** 2;
  return Math.sqrt(sum / Math.max(1, count));
}

/** Windows at least 150 ms away from any speech. */
function quietWindows(lines: SimLine[], durationMs: number): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  let cursor = 0;
  for (const line of [...lines].sort((a, b) => a.startMs - b.startMs)) {
    if (line.startMs - cursor > 400) windows.push([cursor + 150, line.startMs - 150]);
    cursor = Math.max(cursor, line.endMs);
  }
  if (durationMs - cursor > 400) windows.push([cursor + 150, durationMs - 150]);
  return windows;
}

describe("recordingFor", () => {
  it.each([
    ["dyvms", "pcm16", 1],
    ["aiccs", "alaw", 1],
    ["aiccs", "alaw", 2],
    ["tanyi", "mulaw", 1],
    ["agent", "pcm16", 2],
  ] as const)(
    "writes %s recordings as %s with %d channel(s), sized by the duration",
    (source, format, channels) => {
      const call = bySource(source, channels);
      const { recording, info } = render(call);
      expect(info).toMatchObject({ format, channels, sampleRate: 8000, dataSizeOpen: false });
      const frameBytes = (format === "pcm16" ? 2 : 1) * channels;
      expect(recording.size).toBe(wavHeaderLength(format) + call.recording!.durationMs * 8 * frameBytes);
      expect(info.durationMs).toBe(call.recording!.durationMs);
    },
  );

  it.each(["dyvms", "aiccs", "tanyi", "agent"] as const)(
    "renders any %s range exactly as the same slice of the whole file",
    (source) => {
      const call = bySource(source);
      const { recording, file } = render(call);
      const size = recording.size;
      const ranges: Array<[number, number]> = [
        [0, 0],
        [0, 43],
        [3, 57],
        [40, 70000],
        [57, 58],
        [size - 1, size - 1],
        [size - 3, size + 100], // past the end: clamped
        [12345, 12345 + 65535],
      ];
      for (let k = 0; k < 40; k++) {
        const start = (k * 104_729) % size;
        ranges.push([start, Math.min(size - 1, start + ((k * 7_919) % 90_000))]);
      }
      for (const [start, end] of ranges) {
        const part = recordingFor(call).read(start, end); // a fresh object each time, as the server does
        expect(part.equals(file.subarray(start, Math.min(end, size - 1) + 1)), `${start}-${end}`).toBe(true);
      }
    },
  );

  it("has speech inside line spans and near silence outside them", () => {
    for (const source of ["dyvms", "aiccs", "tanyi"] as const) {
      const call = bySource(source);
      const { samples } = render(call);
      for (const line of call.lines) {
        // At least the level of the part of its clip that plays (overlapping speech only adds),
        // which for every clip is far above the noise: quiet clips are ~1200 RMS, cut ones >500.
        const span = line.endMs - line.startMs;
        const level = clipLevel(line.clipId, span) * (line.speaker === "robot" ? ROBOT_GAIN : CUSTOMER_GAIN);
        expect(level).toBeGreaterThan(span > 400 ? 1000 : 500);
        expect(rms(samples, 1, 0, line.startMs, line.endMs), `${source} ${line.text}`).toBeGreaterThan(
          level * 0.95,
        );
      }
      const quiet = quietWindows(call.lines, call.recording!.durationMs);
      expect(quiet.length).toBeGreaterThan(3);
      for (const [from, to] of quiet) expect(rms(samples, 1, 0, from, to)).toBeLessThan(NOISE_PEAK);
      // Comfort noise, not digital silence.
      expect(rms(samples, 1, 0, quiet[0]![0], quiet[0]![1])).toBeGreaterThan(3);
    }
  });

  it("starts each clip exactly at its line's startMs", () => {
    const call = bySource("dyvms");
    const { samples } = render(call);
    const audio = clipAudio();
    const lonely = call.lines.filter((line, i) => !line.interrupted && !call.lines[i + 1]?.interrupted);
    for (const line of lonely) {
      const clip = clipInfo(line.clipId);
      const gain = line.speaker === "robot" ? ROBOT_GAIN : CUSTOMER_GAIN;
      const at = line.startMs * 8;
      for (let i = 0; i < clip.length; i += 37) {
        const expected = MULAW_TO_LINEAR[audio[clip.offset + i]!]! * gain;
        expect(Math.abs(samples[at + i]! - expected)).toBeLessThanOrEqual(NOISE_PEAK + 1);
      }
    }
  });

  it("puts the robot on the left and the customer on the right in stereo, the robot louder", () => {
    const call = bySource("agent");
    const { samples } = render(call);
    let robotPeak = 0;
    let customerPeak = 0;
    for (const line of call.lines) {
      const own = line.speaker === "robot" ? 0 : 1;
      const talking = rms(samples, 2, own, line.startMs, line.endMs);
      expect(talking).toBeGreaterThan(500);
      const overlapping = call.lines.some(
        (o) => o !== line && o.speaker !== line.speaker && o.startMs < line.endMs && o.endMs > line.startMs,
      );
      if (!overlapping) expect(rms(samples, 2, 1 - own, line.startMs, line.endMs)).toBeLessThan(NOISE_PEAK);
      for (let f = line.startMs * 8; f < line.endMs * 8; f++) {
        const v = Math.abs(samples[f * 2 + own]!);
        if (own === 0) robotPeak = Math.max(robotPeak, v);
        else customerPeak = Math.max(customerPeak, v);
      }
    }
    expect(robotPeak).toBeGreaterThan(customerPeak);
  });

  it("cuts a robot clip off with a short fade where the customer barged in", () => {
    // A robot line cut well short, which the robot follows with another line later.
    const cutShort = (lines: SimLine[], i: number) =>
      lines[i + 1]?.interrupted === true &&
      lines[i]!.endMs - lines[i]!.startMs < clipInfo(lines[i]!.clipId).length / 8 - 200 &&
      lines.slice(i + 1).some((l) => l.speaker === "robot");
    const call = calls.find((c) => c.source === "agent" && c.lines.some((_, i) => cutShort(c.lines, i)))!;
    const { samples } = render(call);
    const index = call.lines.findIndex((_, i) => cutShort(call.lines, i));
    const robot = call.lines[index]!;
    // The robot's channel goes quiet right after its (cut) end, while its clip had more to say.
    const next = call.lines.slice(index + 1).find((l) => l.speaker === "robot")!;
    expect(rms(samples, 2, 0, robot.endMs + 5, Math.min(next.startMs, robot.endMs + 150))).toBeLessThan(
      NOISE_PEAK,
    );
    expect(rms(samples, 2, 0, robot.endMs - 200, robot.endMs - 20)).toBeGreaterThan(300);
  });

  it("has speech in the recording of an ASR failure, whose transcript is empty", () => {
    const call = calls.find((c) => c.recording && c.lines.length === 0)!;
    const { samples } = render(call);
    const line = call.audioLines![0]!;
    expect(rms(samples, 1, 0, line.startMs, line.endMs)).toBeGreaterThan(1500);
  });

  it("voices hand-made lines without a clip with a stand-in voice", () => {
    const call = sampleSimCall();
    const { samples, info } = render(call);
    expect(info.format).toBe("pcm16");
    for (const line of call.lines) expect(rms(samples, 1, 0, line.startMs, line.endMs)).toBeGreaterThan(1500);
    expect(rms(samples, 1, 0, 13_500, 15_800)).toBeLessThan(NOISE_PEAK);
  });

  it("pads odd-sized data to an even chunk, as RIFF wants", () => {
    const call = sampleSimCall({
      recording: { durationMs: 1000.125, encoding: "mulaw", channels: 1, sampleRate: 8000 },
      lines: [],
    });
    const recording = recordingFor(call);
    expect(recording.size).toBe(58 + 8001 + 1);
    const file = recording.read(0, recording.size - 1);
    expect(file.readUInt32LE(4)).toBe(recording.size - 8);
    expect(parseWavHeader(file)).toMatchObject({ dataBytes: 8001, frames: 8001 });
    expect(file[recording.size - 1]).toBe(0);
  });

  it("serves an empty WAV for a call without a recording", () => {
    const recording = recordingFor({ ...sampleSimCall(), recording: null, lines: [] });
    expect(recording.size).toBe(44);
    expect(parseWavHeader(recording.read(0, 43)).dataBytes).toBe(0);
  });

  it("is what the simulator serves over HTTP, ranges included", async () => {
    const call = bySource("aiccs");
    const sim = await startSimulator({
      dataset: arrayDataset([call]),
      vendors: [],
      credentials: SIM_CREDENTIALS,
    });
    try {
      const url = sim.context.recordingUrl(call);
      const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(whole.equals(render(call).file)).toBe(true);
      const partial = await fetch(url, { headers: { range: "bytes=100-5099" } });
      expect(partial.status).toBe(206);
      expect(Buffer.from(await partial.arrayBuffer()).equals(whole.subarray(100, 5100))).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

describe("a 3.5-hour recording", () => {
  it("streams its 200 MB in 64 KB reads without ever holding the file", () => {
    const call = longRecording(3.5 * 3600_000, "pcm16");
    const recording = recordingFor(call);
    expect(recording.size).toBe(44 + 12_600_000 * 8 * 2);
    const before = process.memoryUsage();
    let peakGrowth = 0;
    let total = 0;
    let energy = 0;
    const started = performance.now();
    for (let offset = 0; offset < recording.size; offset += 65_536) {
      const chunk = recording.read(offset, Math.min(recording.size - 1, offset + 65_535));
      total += chunk.length;
      if (offset % (64 * 65_536) === 0) {
        const now = process.memoryUsage();
        peakGrowth = Math.max(
          peakGrowth,
          now.arrayBuffers - before.arrayBuffers,
          now.heapUsed - before.heapUsed,
        );
        energy += Math.abs(chunk.readInt16LE(1000));
      }
    }
    const ms = performance.now() - started;
    expect(total).toBe(recording.size);
    expect(energy).toBeGreaterThan(0);
    // Garbage lags behind (more so while other test files run), but holding the file would add its
    // whole 200 MB: growth stays well under that.
    expect(peakGrowth).toBeLessThan(120 * 1024 * 1024);
    console.info(
      `3.5 h PCM16 recording: ${(recording.size / 1e6).toFixed(1)} MB streamed in ${ms.toFixed(0)} ms`,
    );
  });

  it("renders its last minutes on their own, as it does its first", () => {
    const call = longRecording(3.5 * 3600_000, "alaw", 2);
    const recording = recordingFor(call);
    // Each range is synthesized on its own (nothing before it is rendered first): reading the tail
    // alone gives the same bytes as reading it again after the head. How fast is the bench's business.
    const tail = recording.read(recording.size - 65_536, recording.size - 1);
    const head = recording.read(0, 65_535);
    expect(tail.length + head.length).toBe(131_072);
    expect(recording.read(recording.size - 65_536, recording.size - 1).equals(tail)).toBe(true);
    const info = parseWavHeader(head, recording.size);
    expect(info).toMatchObject({ format: "alaw", channels: 2, dataBytes: 12_600_000 * 8 * 2 });
  });
});
