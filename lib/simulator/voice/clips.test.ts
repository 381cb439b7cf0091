import { statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MULAW_TO_LINEAR } from "@/lib/audio/g711";
import { splitStageDirections } from "@/lib/transcript/stage-directions";
import { allScriptLines, SCRIPTS } from "@/lib/simulator/dataset/scripts/pool";
import { GENERIC_CUSTOMER } from "@/lib/simulator/dataset/scripts/generic";
import { CLIPS, clipAudio, clipInfo, type ClipInfo } from "./clips";

const lines = allScriptLines();

function peak(clip: ClipInfo, fromSample: number, toSample: number): number {
  const audio = clipAudio();
  let max = 0;
  for (let i = fromSample; i < toSample; i++)
    max = Math.max(max, Math.abs(MULAW_TO_LINEAR[audio[clip.offset + i]!]!));
  return max;
}

function rms(clip: ClipInfo, fromSample: number, toSample: number): number {
  const audio = clipAudio();
  let sum = 0;
  for (let i = fromSample; i < toSample; i++) sum += MULAW_TO_LINEAR[audio[clip.offset + i]!]! ** 2;
  return Math.sqrt(sum / Math.max(1, toSample - fromSample));
}

describe("the line pool", () => {
  it("has unique ids and a size in the planned range", () => {
    expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
    expect(lines.length).toBeGreaterThanOrEqual(150);
    expect(lines.length).toBeLessThanOrEqual(220);
  });

  it("says only fixed texts: no per-call placeholders in speech", () => {
    for (const line of lines) expect(line.text).not.toMatch(/[{}$<>%]|\bname\b|XX/);
  });

  it("gives every industry a full script, and some robot lines a pause direction", () => {
    for (const script of Object.values(SCRIPTS)) {
      expect(script.opens.length).toBeGreaterThan(0);
      expect(script.pitches.length).toBeGreaterThan(0);
      expect(script.topics.length).toBeGreaterThanOrEqual(4);
      for (const topic of script.topics) expect(topic.asks.length).toBeGreaterThan(0);
      expect(script.accepts.length).toBeGreaterThan(0);
      for (const line of [...script.opens, script.who, ...script.pitches, script.invite, script.bye])
        expect(line.speaker).toBe("robot");
      expect(lines.filter((line) => line.id.startsWith(`${script.key}.`)).length).toBeGreaterThan(20);
    }
    const paused = lines.filter((line) =>
      splitStageDirections(line.text).some((part) => part.kind === "direction"),
    );
    expect(paused.length).toBeGreaterThanOrEqual(5);
    expect(paused.every((line) => line.speaker === "robot")).toBe(true);
  });
});

describe("voice clips", () => {
  it("exist for every script line, with the same text and speaker, and for nothing else", () => {
    const clipIds = new Set(CLIPS.map((clip) => clip.id));
    for (const line of lines) {
      expect(clipIds.has(line.id), `${line.id} has no clip: re-run make-clips.mjs`).toBe(true);
      const clip = clipInfo(line.id);
      expect(clip.text, `${line.id} changed since its clip was made: re-run make-clips.mjs`).toBe(line.text);
      expect(clip.speaker).toBe(line.speaker);
    }
    const lineIds = new Set(lines.map((line) => line.id));
    for (const clip of CLIPS) expect(lineIds.has(clip.id), `clip ${clip.id} has no script line`).toBe(true);
  });

  it("lie back to back in clips.ulaw, whole milliseconds each, within 3 MB", () => {
    let offset = 0;
    for (const clip of CLIPS) {
      expect(clip.offset).toBe(offset);
      expect(clip.length % 8).toBe(0);
      expect(clip.length).toBeGreaterThan(0);
      offset += clip.length;
    }
    expect(clipAudio().length).toBe(offset);
    expect(statSync(path.join(process.cwd(), "lib/simulator/voice/clips.ulaw")).size).toBeLessThanOrEqual(
      3_000_000,
    );
  });

  it("are voiced by speaker: the robot one voice, customers male or female by the id's last number", () => {
    for (const clip of CLIPS) {
      if (clip.speaker === "robot") expect(clip.voice).toBe("robot");
      else expect(clip.voice).toBe(clip.id.endsWith(".2") ? "f1" : clip.id.endsWith(".3") ? "m2" : "m1");
    }
    // So that a woman keeps a woman's voice, the common generic reactions exist in both.
    for (const group of [
      GENERIC_CUSTOMER.hello,
      GENERIC_CUSTOMER.no,
      GENERIC_CUSTOMER.who,
      GENERIC_CUSTOMER.busy,
    ]) {
      const voices = new Set(group.map((line) => clipInfo(line.id).voice));
      expect(voices.has("f1") && voices.has("m1")).toBe(true);
    }
  });

  it("start and end with speech (silence trimmed) and hold their pauses as silence", () => {
    for (const clip of CLIPS) {
      const edge = Math.min(400, Math.floor(clip.length / 3)); // 50 ms
      // sox trimmed below 0.5 % of full scale; clips were normalized up after that.
      expect(peak(clip, 0, edge), `${clip.id} starts silent`).toBeGreaterThan(160);
      expect(peak(clip, clip.length - edge - 8, clip.length), `${clip.id} ends silent`).toBeGreaterThan(160);
    }
    for (const line of lines) {
      const pause = splitStageDirections(line.text).find((part) => part.kind === "direction");
      if (pause?.kind !== "direction" || !pause.pauseMs) continue;
      // Somewhere inside the clip there is a stretch of digital silence as long as the pause.
      const clip = clipInfo(line.id);
      const audio = clipAudio();
      let run = 0;
      let longest = 0;
      for (let i = 0; i < clip.length; i++) {
        run = Math.abs(MULAW_TO_LINEAR[audio[clip.offset + i]!]!) <= 8 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      expect(longest / 8, line.id).toBeGreaterThanOrEqual(pause.pauseMs - 1);
    }
  });

  it("are loud enough, and peak-normalized", () => {
    for (const clip of CLIPS) {
      expect(rms(clip, 0, clip.length), clip.id).toBeGreaterThan(1000);
      expect(peak(clip, 0, clip.length)).toBeGreaterThan(25_000);
    }
  });
});
