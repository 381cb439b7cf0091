import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alignTranscript, MIN_CONFIDENCE, type AlignLine } from "./align";
import { peaksFromStream } from "./peaks";
import { decodeFeatures, encodeFeatures, type ChannelFeatures, type SpeechFeatures } from "./speech";
import { estimateSpans } from "./timing";

/**
 * Alignment error on committed recordings of real synthesized speech (lib/audio/testdata, made by
 * make-testdata.mjs with espeak-ng + sox): two voices, noise, hum, hesitations up to 5 s, a stage-direction
 * pause and a barge-in, as mono PCM16, μ-law, A-law and stereo. The true line times come from the generator.
 */

const DIR = join(__dirname, "testdata");
interface TruthLine extends AlignLine {
  startMs: number;
  endMs: number;
}
interface TruthFile {
  file: string;
  channels: number;
  encoding: string;
  durationMs: number;
  lines: TruthLine[];
}
const truth = JSON.parse(readFileSync(join(DIR, "truth.json"), "utf8")) as { files: TruthFile[] };

async function featuresOf(file: string): Promise<SpeechFeatures> {
  const bytes = readFileSync(join(DIR, file));
  // Streamed in 4 KB chunks, as a recording arrives from a vendor.
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 4096) yield new Uint8Array(bytes.subarray(i, i + 4096));
  }
  const result = await peaksFromStream(chunks(), { features: true });
  return result.features!;
}

function stats(errors: number[]) {
  const sorted = errors.map(Math.abs).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, within500: sorted.filter((e) => e <= 500).length / sorted.length };
}

describe("alignment on real synthesized speech", () => {
  it.each(truth.files.map((f) => [f.file, f] as const))("%s: line starts follow the voice", async (_, f) => {
    const features = await featuresOf(f.file);
    const { lines, alignment } = alignTranscript(f.lines, features);
    expect(alignment.layout).toBe(f.channels === 2 ? "stereo" : "mono");
    if (f.channels === 2) expect(alignment.robotChannel).toBe(0);
    const errors = f.lines.map((t, i) => (lines[i] ? lines[i]!.startMs - t.startMs : Infinity));
    const { median, within500 } = stats(errors);
    expect(median).toBeLessThanOrEqual(100);
    expect(within500).toBeGreaterThanOrEqual(0.95);
    // Every line is confident enough to be shown as aligned.
    for (const line of lines) expect(line!.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
    // The barge-in: the customer's start inside the robot's speech is found within 500 ms.
    const barge = f.lines.findIndex((l) => l.interrupted);
    expect(Math.abs(lines[barge]!.startMs - f.lines[barge]!.startMs)).toBeLessThanOrEqual(500);
    // The estimate by text length, which alignment replaces, is far off on the same recording.
    const est = estimateSpans(
      f.lines.map((l) => l.text),
      f.durationMs,
    );
    expect(stats(f.lines.map((t, i) => est[i]!.startMs - t.startMs)).median).toBeGreaterThan(300);
  });

  it("keeps the stage direction's pause inside the robot line and leaves it out of its speech", async () => {
    const f = truth.files[0]!;
    const i = f.lines.findIndex((l) => l.text.includes("停顿"));
    const { lines } = alignTranscript(f.lines, await featuresOf(f.file));
    const line = lines[i]!;
    expect(line.speech.length).toBeGreaterThanOrEqual(2);
    const longestGap = Math.max(...line.speech.slice(1).map((s, k) => s[0] - line.speech[k]![1]));
    expect(longestGap).toBeGreaterThan(1500);
    expect(Math.abs(line.endMs - f.lines[i]!.endMs)).toBeLessThanOrEqual(300);
  });

  it("uses a customer-only track (Tanyi) to tell the parties apart on a mono full track", async () => {
    const f = truth.files.find((file) => file.channels === 2)!;
    const stereo = await featuresOf(f.file);
    const [robot, customer] = stereo.channels as [ChannelFeatures, ChannelFeatures];
    // The full track: both voices in one channel (per frame, the louder party's features).
    const louder = (i: number) => (robot.level[i]! >= customer.level[i]! ? robot : customer);
    const pick = (key: keyof ChannelFeatures) => Uint8Array.from(robot.level, (_, i) => louder(i)[key][i]!);
    const full: SpeechFeatures = {
      frameMs: stereo.frameMs,
      frames: stereo.frames,
      channels: [{ level: pick("level"), tilt: pick("tilt"), zcr: pick("zcr") }],
    };
    const customerTrack: SpeechFeatures = {
      frameMs: stereo.frameMs,
      frames: stereo.frames,
      channels: [customer],
    };
    const { lines, alignment } = alignTranscript(f.lines, full, customerTrack);
    expect(alignment.layout).toBe("split-track");
    const { median, within500 } = stats(
      f.lines.map((t, i) => (lines[i] ? lines[i]!.startMs - t.startMs : Infinity)),
    );
    expect(median).toBeLessThanOrEqual(100);
    expect(within500).toBeGreaterThanOrEqual(0.95);
  });

  it("marks lines it finds no speech for instead of inventing times", async () => {
    const f = truth.files[1]!;
    const features = await featuresOf(f.file);
    // Silence the whole recording: nothing to align to.
    for (const ch of features.channels) ch.level.fill(20);
    const { lines } = alignTranscript(f.lines, features);
    expect(lines.every((l) => l === null || l.confidence < MIN_CONFIDENCE)).toBe(true);
  });

  it("stores features compactly and reads them back unchanged", async () => {
    const features = await featuresOf(truth.files[3]!.file);
    const encoded = encodeFeatures(features);
    expect(encoded.length).toBe(8 + features.frames * 3 * 2);
    expect(decodeFeatures(encoded)).toEqual(features);
  });
});
