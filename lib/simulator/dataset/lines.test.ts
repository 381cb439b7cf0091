import { describe, expect, it } from "vitest";
import { spokenText } from "@/lib/transcript/stage-directions";
import { clipInfo, clipMs } from "@/lib/simulator/voice/clips";
import { longRecording } from "./long-call";
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

  it("leave natural gaps between turns, and overlap only where the customer barges in", () => {
    for (const call of calls) {
      const lines = call.audioLines ?? call.lines;
      for (let i = 1; i < lines.length; i++) {
        const previous = lines[i - 1]!;
        const line = lines[i]!;
        if (line.interrupted) {
          // 0.5–2 s before the robot's clip would have ended, while it was still speaking.
          const wouldEnd = previous.startMs + clipMs(previous.clipId);
          expect(wouldEnd - line.startMs).toBeGreaterThanOrEqual(500);
          expect(wouldEnd - line.startMs).toBeLessThanOrEqual(2000);
          expect(line.startMs).toBeLessThan(previous.endMs);
          expect(line.speaker).toBe("customer");
        } else {
          // Measured from whoever stopped talking last (a cut-off robot may outlast a short barge-in).
          const gap = line.startMs - Math.max(...lines.slice(0, i).map((l) => l.endMs));
          expect(gap).toBeGreaterThanOrEqual(previous.speaker === line.speaker ? 250 : 400);
          expect(gap).toBeLessThanOrEqual(1200);
        }
      }
    }
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
