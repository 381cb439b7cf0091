import { describe, expect, it } from "vitest";
import { spokenChars, spokenIndexAt } from "./spoken-chars";

describe("spokenChars", () => {
  it("spreads characters evenly over one stretch of speech", () => {
    const chars = spokenChars("你好吗", [[1000, 1600]]);
    expect(chars.map((c) => [c.offset, c.startMs, c.endMs])).toEqual([
      [0, 1000, 1200],
      [1, 1200, 1400],
      [2, 1400, 1600],
    ]);
  });

  it("gives punctuation and spaces no time and no slot", () => {
    const chars = spokenChars("好，的。 嗯", [[0, 900]]);
    expect(chars.map((c) => c.offset)).toEqual([0, 2, 5]);
    expect(chars.map((c) => c.startMs)).toEqual([0, 300, 600]);
    expect(chars.at(-1)!.endMs).toBe(900);
  });

  it("skips the pauses inside the line", () => {
    // 4 characters over 400 ms of speech split by a 2-second pause: two before it, two after.
    const chars = spokenChars("一二三四", [
      [0, 200],
      [2200, 2400],
    ]);
    expect(chars.map((c) => c.startMs)).toEqual([0, 100, 2200, 2300]);
    // The second character ends where the first stretch ends, not at the start of the next one.
    expect(chars[1]!.endMs).toBe(200);
    expect(chars[3]!.endMs).toBe(2400);
  });

  it("lets a character straddle a pause when the division falls there", () => {
    const chars = spokenChars("一二三", [
      [0, 150],
      [1000, 1150],
    ]);
    expect(chars.map((c) => c.startMs)).toEqual([0, 100, 1050]);
    expect(chars[1]!.endMs).toBe(1050);
  });

  it("counts a Latin letter as half a syllable and keeps UTF-16 offsets for astral characters", () => {
    const chars = spokenChars("OK好𠀋", [[0, 300]]);
    expect(chars.map((c) => [c.offset, c.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    expect(chars.map((c) => c.startMs)).toEqual([0, 50, 100, 200]);
  });

  it("sorts the speech, ignores empty stretches, and gives nothing without speech or words", () => {
    expect(spokenChars("你好", [])).toEqual([]);
    expect(spokenChars("，。", [[0, 500]])).toEqual([]);
    const chars = spokenChars("你好", [
      [800, 1000],
      [300, 300],
      [0, 200],
    ]);
    expect(chars.map((c) => c.startMs)).toEqual([0, 800]);
  });
});

describe("spokenIndexAt", () => {
  const chars = spokenChars("一二三四", [
    [0, 200],
    [2200, 2400],
  ]);
  it("is -1 before the first character and holds the last started one through a pause", () => {
    expect(spokenIndexAt(chars, -1)).toBe(-1);
    expect(spokenIndexAt(chars, 0)).toBe(0);
    expect(spokenIndexAt(chars, 150)).toBe(1);
    expect(spokenIndexAt(chars, 1500)).toBe(1);
    expect(spokenIndexAt(chars, 2250)).toBe(2);
    expect(spokenIndexAt(chars, 9000)).toBe(3);
    expect(spokenIndexAt([], 100)).toBe(-1);
  });
});
