import { describe, expect, it } from "vitest";
import { spokenText } from "@/lib/transcript/stage-directions";
import { clipInfo, clipMs } from "@/lib/simulator/voice/clips";
import { longRecording } from "./long-call";
import { REPLY_LATENCY, TIMING } from "./talk";
import { allCalls, demoDataset } from "./test-fixtures";

describe("conversation lines", () => {
  const calls = allCalls(demoDataset()).filter((call) => call.recording);

  it("are ordered, non-negative and inside the recording", () => {
    for (const call of calls) {
      const lines = call.audioLines ?? call.lines;
      expect(lines.length).toBeGreaterThan(1);
      let previousStart = -1;
      for (const line of lines) {
        expect(line.startMs).toBeGreaterThanOrEqual(0);
        expect(line.endMs).toBeGreaterThan(line.startMs);
        expect(line.startMs).toBeGreaterThan(previousStart);
        expect(Number.isInteger(line.startMs) && Number.isInteger(line.endMs)).toBe(true);
        previousStart = line.startMs;
      }
      const lastEnd = Math.max(...lines.map((line) => line.endMs));
      expect(call.recording!.durationMs - lastEnd).toBeGreaterThanOrEqual(500);
      expect(call.recording!.durationMs - lastEnd).toBeLessThanOrEqual(1500);
    }
  });

  it("are spoken with their clips, spans exactly the clip's length unless the robot was cut off", () => {
    let cut = 0;
    for (const call of calls) {
      const lines = call.audioLines ?? call.lines;
      lines.forEach((line, i) => {
        const clip = clipInfo(line.clipId);
        expect(clip.text).toBe(line.text);
        expect(clip.speaker).toBe(line.speaker);
        const span = line.endMs - line.startMs;
        if (lines[i + 1]?.interrupted) {
          expect(line.speaker).toBe("robot");
          expect(span).toBeLessThanOrEqual(clipMs(line.clipId));
          if (span < clipMs(line.clipId)) cut++;
        } else {
          expect(span).toBe(clipMs(line.clipId));
        }
      });
    }
    expect(cut).toBeGreaterThan(10);
  });

  it("are timed like real calls: opening silence, reply latency, hesitations, barge-ins", () => {
    const hesitations: number[] = [];
    const latencies: number[] = [];
    for (const call of calls) {
      const lines = call.audioLines ?? call.lines;
      // Silence before the robot's first words.
      expect(lines[0]!.speaker).toBe("robot");
      expect(lines[0]!.startMs).toBeGreaterThanOrEqual(TIMING.opening[0]);
      expect(lines[0]!.startMs).toBeLessThanOrEqual(TIMING.opening[1]);
      for (let i = 1; i < lines.length; i++) {
        const previous = lines[i - 1]!;
        const line = lines[i]!;
        // Measured from whoever stopped talking last (a cut-off robot may outlast a short barge-in).
        const gap = line.startMs - Math.max(...lines.slice(0, i).map((l) => l.endMs));
        if (line.interrupted) {
          // 0.5–2 s before the robot's clip would have ended, while it was still speaking…
          const wouldEnd = previous.startMs + clipMs(previous.clipId);
          expect(wouldEnd - line.startMs).toBeGreaterThanOrEqual(500);
          expect(wouldEnd - line.startMs).toBeLessThanOrEqual(2000);
          expect(line.startMs).toBeLessThan(previous.endMs);
          expect(line.speaker).toBe("customer");
          // …and the robot stopped about 0.4 s after the customer started.
          if (previous.endMs < wouldEnd) {
            expect(previous.endMs - line.startMs).toBeGreaterThanOrEqual(TIMING.bargeStop[0]);
            expect(previous.endMs - line.startMs).toBeLessThanOrEqual(TIMING.bargeStop[1]);
          }
        } else if (line.speaker === "customer") {
          expect(previous.speaker).toBe("robot");
          expect(gap).toBeGreaterThanOrEqual(300);
          expect(gap).toBeLessThanOrEqual(5_000);
          hesitations.push(gap);
        } else if (previous.speaker === "customer") {
          // The robot replies after its ASR has the words and its TTS starts: 0.6–1.5 s.
          const latency = line.startMs - previous.endMs;
          expect(latency).toBeGreaterThanOrEqual(REPLY_LATENCY[0]);
          expect(latency).toBeLessThanOrEqual(REPLY_LATENCY[1]);
          expect(previous.heardAtMs).toBeGreaterThan(previous.endMs);
          expect(previous.heardAtMs).toBeLessThan(line.startMs);
          expect(gap).toBeGreaterThan(0);
          latencies.push(latency);
        } else {
          expect(gap).toBeGreaterThanOrEqual(TIMING.chained[0]);
          expect(gap).toBeLessThanOrEqual(TIMING.chained[1]);
        }
      }
    }
    // Most customers answer within 1.2 s; some pause for seconds, a few for 3–5 s.
    const share = (test: (ms: number) => boolean) => hesitations.filter(test).length / hesitations.length;
    expect(share((ms) => ms <= 1_200)).toBeGreaterThan(0.6);
    expect(share((ms) => ms > 3_000)).toBeGreaterThan(0.03);
    expect(share((ms) => ms > 3_000)).toBeLessThan(0.15);
    expect(Math.min(...latencies)).toBeLessThan(700);
    expect(Math.max(...latencies)).toBeGreaterThan(1_400);
  });

  it("keep stage directions in the text, which the clip renders as silence", () => {
    const withPause = calls.flatMap((call) => call.lines).filter((line) => line.text.includes("（停顿"));
    expect(withPause.length).toBeGreaterThan(10);
    for (const line of withPause) expect(spokenText(line.text)).not.toContain("停顿");
  });

  it("keep a customer's voice consistent with how the call list names them", () => {
    let matched = 0;
    let total = 0;
    for (const call of calls) {
      const female = call.customerName.endsWith("女士");
      for (const line of call.lines) {
        if (line.speaker !== "customer") continue;
        total++;
        if ((clipInfo(line.clipId).voice === "f1") === female) matched++;
      }
    }
    expect(matched / total).toBeGreaterThan(0.9);
  });
});

describe("longRecording", () => {
  it("fills exactly the asked duration with conversation", () => {
    const call = longRecording(3.5 * 3600_000, "pcm16");
    expect(call.recording).toEqual({
      durationMs: 12_600_000,
      encoding: "pcm16",
      channels: 1,
      sampleRate: 8000,
    });
    expect(call.lines.length).toBeGreaterThan(1000);
    expect(call.lines.at(-1)!.endMs).toBeLessThanOrEqual(12_600_000);
    expect(call.lines.at(-1)!.endMs).toBeGreaterThan(12_600_000 - 120_000);
    expect(longRecording(20_000, "alaw", 2).lines.every((line) => line.endMs <= 20_000)).toBe(true);
  });
});
