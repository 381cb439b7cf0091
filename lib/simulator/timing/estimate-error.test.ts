import { describe, expect, it } from "vitest";
import { estimateSpans } from "@/lib/audio/timing";
import { demoDataset } from "@/lib/simulator/demo-data";
import { sampleSimCall } from "@/lib/simulator/testing/sample-call";
import { estimateErrorOf, estimateStartErrors, summarize } from "./estimate-error";

describe("estimateStartErrors", () => {
  it("measures each line's estimated start against its true start", () => {
    const call = sampleSimCall();
    // Lines exactly where the estimate puts them measure zero; one moved by 700 ms measures 700.
    const spans = estimateSpans(
      call.lines.map((line) => line.text),
      call.recording!.durationMs,
    );
    const placed = call.lines.map((line, i) => ({ ...line, ...spans[i]! }));
    expect(estimateStartErrors(sampleSimCall({ lines: placed }))).toEqual([0, 0, 0, 0]);
    placed[2] = { ...placed[2]!, startMs: placed[2]!.startMs + 700 };
    expect(estimateStartErrors(sampleSimCall({ lines: placed }))).toEqual([0, 0, 700, 0]);
    expect(estimateStartErrors(sampleSimCall({ lines: [] }))).toEqual([]);
  });

  it("summarizes median, p90, worst and the share within 500 ms", () => {
    expect(summarize(2, [100, 900, 400, 2000])).toEqual({
      calls: 2,
      lines: 4,
      medianMs: 900,
      p90Ms: 2000,
      worstMs: 2000,
      within500: 0.5,
    });
  });
});

describe("the demo's speech timing", () => {
  // Real calls (issue #15): the estimate is 1.2 s off at the median, a quarter of lines within 0.7 s.
  // A simulator whose speech sits where the estimate expects it would let the demo hide that.
  it("is as far from the text-length estimate as real calls are", () => {
    const { usual, all } = estimateErrorOf(demoDataset({}));
    expect(usual.calls).toBeGreaterThan(150);
    expect(usual.medianMs).toBeGreaterThan(800);
    expect(usual.medianMs).toBeLessThan(3_000);
    expect(usual.within500).toBeLessThan(0.35);
    expect(all.lines).toBeGreaterThan(usual.lines);
  });
});
