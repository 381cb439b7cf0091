import { describe, expect, it } from "vitest";
import { SKIP_KEEP_MS, silentGaps, skipSilenceTarget, turnTarget } from "./listen-plan";
import type { Span } from "./timeline";

describe("silentGaps", () => {
  it("finds the silences of 1.5 s or more before, between and after the speech", () => {
    const gaps = silentGaps(
      {
        robot: [
          [2000, 5000],
          [9000, 12000],
        ],
        customer: [
          [5600, 7000],
          [12500, 13000],
        ],
      },
      16000,
    );
    expect(gaps).toEqual([
      [0, 2000],
      [7000, 9000],
      [13000, 16000],
    ]);
  });

  it("treats overlapping lanes (a barge-in) as one stretch of speech", () => {
    const gaps = silentGaps(
      {
        robot: [[0, 6000]],
        customer: [
          [4000, 5000],
          [8000, 9000],
        ],
      },
      9000,
    );
    // The robot's long line covers the customer's barge-in; the gap is after the robot ends.
    expect(gaps).toEqual([[6000, 8000]]);
  });

  it("has no gaps without speech (nothing to steer by) and honours another minimum", () => {
    expect(silentGaps({ robot: [], customer: [] }, 10000)).toEqual([]);
    expect(silentGaps({ robot: [[0, 1000]], customer: [[2000, 3000]] }, 3000, 1000)).toEqual([[1000, 2000]]);
    expect(silentGaps({ robot: [[0, 1000]], customer: [[2000, 3000]] }, 3000)).toEqual([]);
  });
});

describe("skipSilenceTarget", () => {
  const gaps: [number, number][] = [
    [7000, 9000],
    [13000, 16000],
  ];
  it("keeps playing in speech and in the first moments of a gap", () => {
    expect(skipSilenceTarget(gaps, 6000, 16000)).toBeNull();
    expect(skipSilenceTarget(gaps, 7000 + SKIP_KEEP_MS - 1, 16000)).toBeNull();
  });
  it("jumps to just before the next words, or to the end after the last ones", () => {
    expect(skipSilenceTarget(gaps, 7000 + SKIP_KEEP_MS, 16000)).toBe(9000 - SKIP_KEEP_MS);
    expect(skipSilenceTarget(gaps, 8500, 16000)).toBe(9000 - SKIP_KEEP_MS);
    expect(skipSilenceTarget(gaps, 9000 - SKIP_KEEP_MS, 16000)).toBeNull();
    expect(skipSilenceTarget(gaps, 14000, 16000)).toBe(16000);
    expect(skipSilenceTarget(gaps, 16000, 16000)).toBeNull();
  });
});

describe("turnTarget", () => {
  const span = (index: number, speaker: Span["speaker"], startMs: number): Span => ({
    index,
    speaker,
    startMs,
    endMs: startMs + 1000,
    endKnown: true,
    timing: "aligned",
  });
  const spans = [
    span(0, "robot", 0),
    span(1, "customer", 2000),
    span(2, "customer", 3500),
    span(3, "robot", 5000),
    null,
    span(5, "customer", 8000),
  ];

  it("moves to the start of the next customer turn (consecutive customer lines are one turn)", () => {
    expect(turnTarget(spans, 0, 1)).toBe(2000);
    expect(turnTarget(spans, 2000, 1)).toBe(8000);
    expect(turnTarget(spans, 8000, 1)).toBeNull();
  });

  it("moves back to this turn's start, or the one before when it just began", () => {
    expect(turnTarget(spans, 9000, -1)).toBe(2000);
    expect(turnTarget(spans, 9600, -1)).toBe(8000);
    expect(turnTarget(spans, 3000, -1)).toBeNull();
    expect(turnTarget(spans, 4000, -1)).toBe(2000);
  });

  it("can follow the robot's turns instead", () => {
    expect(turnTarget(spans, 0, 1, "robot")).toBe(5000);
  });
});
