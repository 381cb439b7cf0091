import { describe, expect, it } from "vitest";
import { decodeWavSamples, parseWavHeader } from "@/lib/audio/wav";
import { splitStageDirections } from "@/lib/transcript/stage-directions";
import { allCalls, demoDataset } from "./dataset/test-fixtures";
import { recordingFor, type RecordingTrack } from "./recording";
import { sampleSimCall } from "./testing/sample-call";
import type { SimCall } from "./types";
import { NOISE_PEAK } from "./voice/mixer";
import { startSimulator } from "./server";
import { SIM_CREDENTIALS } from "./credentials";
import { arrayDataset } from "./testing/array-dataset";
import { tanyiSimVendor } from "./vendors/tanyi";

/** One party's track alone (Tanyi's customerAudioUrl), and stage-direction pauses in the audio. */

const calls = allCalls(demoDataset());

function samplesOf(call: SimCall, track: RecordingTrack = "full") {
  const recording = recordingFor(call, track);
  const file = recording.read(0, recording.size - 1);
  const info = parseWavHeader(file);
  return {
    info,
    samples: decodeWavSamples(info, file.subarray(info.dataOffset, info.dataOffset + info.dataBytes)),
  };
}

function rms(samples: Int16Array, fromMs: number, toMs: number): number {
  const from = Math.max(0, Math.round(fromMs * 8));
  const to = Math.min(samples.length, Math.round(toMs * 8));
  let sum = 0;
  for (let f = from; f < to; f++) sum += samples[f]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

/** [from, to) stretches of `lines`' spans with nobody else speaking (20 ms margins). */
const alone = (call: SimCall, speaker: "robot" | "customer") =>
  call.lines
    .filter((line) => line.speaker === speaker)
    .map((line): [number, number] => [line.startMs + 20, line.endMs - 20])
    .filter(([from, to]) =>
      call.lines.every(
        (other) => other.speaker === speaker || other.endMs <= from - 20 || other.startMs >= to + 20,
      ),
    );

describe("one party's track", () => {
  const call = calls.find(
    (c) =>
      c.source === "tanyi" && c.lines.length >= 8 && c.talkMs < 90_000 && c.lines.some((l) => l.interrupted),
  )!;

  it("holds the customer's voice alone, mono, as long as the recording, in its encoding", () => {
    const full = samplesOf(call);
    const customer = samplesOf(call, "customer");
    expect(customer.info).toMatchObject({
      format: "mulaw",
      channels: 1,
      durationMs: call.recording!.durationMs,
    });
    const robotAlone = alone(call, "robot");
    const customerAlone = alone(call, "customer");
    expect(robotAlone.length).toBeGreaterThan(2);
    expect(customerAlone.length).toBeGreaterThan(2);
    for (const [from, to] of robotAlone) {
      expect(rms(full.samples, from, to)).toBeGreaterThan(500);
      expect(rms(customer.samples, from, to)).toBeLessThan(NOISE_PEAK);
    }
    for (const [from, to] of customerAlone) {
      // Sample for sample the customer's part of the mix (μ-law rounds each a little).
      const a = rms(full.samples, from, to);
      const b = rms(customer.samples, from, to);
      expect(b).toBeGreaterThan(500);
      expect(Math.abs(a - b) / a).toBeLessThan(0.03);
    }
    // Where the customer barges in, the track has the customer and not the robot under it.
    const barge = call.lines.find((line) => line.interrupted)!;
    expect(rms(customer.samples, barge.startMs, barge.endMs)).toBeGreaterThan(500);
  });

  it("of a stereo call is the robot's channel alone, mono", () => {
    const stereo = calls.find((c) => c.source === "agent" && c.lines.length >= 6)!;
    const full = samplesOf(stereo);
    const robot = samplesOf(stereo, "robot");
    expect(full.info.channels).toBe(2);
    expect(robot.info).toMatchObject({ format: "pcm16", channels: 1 });
    const left = Int16Array.from({ length: full.samples.length / 2 }, (_, i) => full.samples[i * 2]!);
    // The left channel, sample for sample, but for the comfort noise (laid per file position).
    let worst = 0;
    for (let i = 0; i < left.length; i++) worst = Math.max(worst, Math.abs(left[i]! - robot.samples[i]!));
    expect(worst).toBeLessThanOrEqual(2 * NOISE_PEAK);
    for (const [from, to] of alone(stereo, "robot"))
      expect(rms(robot.samples, from, to)).toBeGreaterThan(500);
    for (const [from, to] of alone(stereo, "customer"))
      expect(rms(robot.samples, from, to)).toBeLessThan(NOISE_PEAK);
  });

  it("is what Tanyi's customerAudioUrl serves, apart from fullAudioUrl", async () => {
    const sim = await startSimulator({
      dataset: arrayDataset([call]),
      vendors: [tanyiSimVendor],
      credentials: SIM_CREDENTIALS,
    });
    try {
      const full = sim.context.recordingUrl(call);
      const customer = sim.context.recordingUrl(call, "customer");
      expect(customer).not.toBe(full);
      const served = Buffer.from(await (await fetch(customer)).arrayBuffer());
      const expected = recordingFor(call, "customer");
      expect(served.equals(expected.read(0, expected.size - 1))).toBe(true);
      const partial = await fetch(customer, { headers: { range: "bytes=100-5099" } });
      expect(partial.status).toBe(206);
      expect(Buffer.from(await partial.arrayBuffer()).equals(served.subarray(100, 5100))).toBe(true);
      // A tampered track is a different object: its signature no longer matches.
      const forged = customer.replace("/customer/", "/robot/");
      expect((await fetch(forged)).status).toBe(403);
    } finally {
      await sim.close();
    }
  });
});

describe("stage-direction pauses", () => {
  it("are silence inside a robot line, as long as the direction says", () => {
    const paused = calls
      .flatMap((c) => c.lines.map((line) => ({ call: c, line })))
      .filter(
        ({ call, line }) =>
          line.text.includes("（停顿1s）") &&
          call.source === "dyvms" &&
          !call.lines.some((l) => l.interrupted),
      )
      .slice(0, 5);
    expect(paused.length).toBeGreaterThan(0);
    for (const { call, line } of paused) {
      const { samples } = samplesOf(call);
      // The longest quiet run (10 ms windows under the noise) inside the line: the 1 s pause.
      let run = 0;
      let longest = 0;
      for (let t = line.startMs; t < line.endMs; t += 10) {
        run = rms(samples, t, t + 10) < NOISE_PEAK ? run + 10 : 0;
        longest = Math.max(longest, run);
      }
      expect(longest, line.text).toBeGreaterThanOrEqual(900);
      expect(longest, line.text).toBeLessThanOrEqual(1_200);
    }
  });

  it("are silence in a line voiced without a clip, its words around them", () => {
    const call = sampleSimCall();
    const line = call.lines[2]!; // 均价一万七，（停顿2s）您方便的话可以来现场看看。 over 7.6–12.4 s
    const parts = splitStageDirections(line.text);
    expect(parts.map((part) => part.kind)).toEqual(["speech", "direction", "speech"]);
    const { samples } = samplesOf(call);
    // Words share the 2.8 s left by the pause by their length: 6 of 19 characters first.
    const pauseFrom = line.startMs + Math.round((2_800 * 6) / 19);
    expect(rms(samples, line.startMs, pauseFrom - 20)).toBeGreaterThan(1500);
    expect(rms(samples, pauseFrom + 20, pauseFrom + 1_980)).toBeLessThan(NOISE_PEAK);
    expect(rms(samples, pauseFrom + 2_020, line.endMs)).toBeGreaterThan(1500);
  });
});
