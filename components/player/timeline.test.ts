import { describe, expect, it } from "vitest";
import type { Utterance } from "@/lib/model";
import { activeIndexAt, END_TOLERANCE_MS, spansOf } from "./timeline";

const line = (
  speaker: Utterance["speaker"],
  startMs: number | null,
  endMs: number | null,
  extra: Partial<Utterance> = {},
): Utterance => ({
  speaker,
  text: "喂",
  startMs,
  endMs,
  timing: "vendor",
  ...extra,
});

describe("spansOf", () => {
  it("fills an unknown end with the next start, or the recording's end", () => {
    const spans = spansOf(
      [line("robot", 0, null), line("customer", 4000, null), line("robot", null, null)],
      9000,
    );
    expect(spans[0]).toMatchObject({ startMs: 0, endMs: 4000, endKnown: false });
    expect(spans[1]).toMatchObject({ startMs: 4000, endMs: 9000, endKnown: false });
    expect(spans[2]).toBeNull();
  });
});

describe("activeIndexAt", () => {
  const spans = spansOf(
    [
      line("robot", 500, 4000),
      line("customer", 4200, 5000),
      line("robot", 8000, 12000),
      line("customer", 10000, 11000, { interrupted: true }),
    ],
    15000,
  );

  it("is -1 before the first line and in long silences", () => {
    expect(activeIndexAt(spans, 0)).toBe(-1);
    expect(activeIndexAt(spans, 5000 + END_TOLERANCE_MS + 1)).toBe(-1);
  });

  it("picks the line under the head, counting a seek that lands just before a start", () => {
    expect(activeIndexAt(spans, 500)).toBe(0);
    expect(activeIndexAt(spans, 490)).toBe(0);
    expect(activeIndexAt(spans, 4100)).toBe(0);
    expect(activeIndexAt(spans, 4200)).toBe(1);
  });

  it("hands over to a barge-in and back to the line still being spoken", () => {
    expect(activeIndexAt(spans, 10500)).toBe(3);
    expect(activeIndexAt(spans, 11800)).toBe(2);
  });
});
