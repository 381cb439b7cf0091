import { describe, expect, it } from "vitest";
import type { CallAlignment, Utterance } from "@/lib/model";
import { alignmentFits, applyAlignment, isLowConfidence } from "./aligned-timing";

const transcript: Utterance[] = [
  { speaker: "robot", text: "您好", startMs: 0, endMs: 2000, timing: "estimated" },
  { speaker: "customer", text: "喂", startMs: 2000, endMs: 3000, timing: "estimated" },
  { speaker: "robot", text: "请问", startMs: 3000, endMs: 4000, timing: "vendor" },
];

const alignment = (
  lines: CallAlignment["lines"],
  status: CallAlignment["status"] = "aligned",
): CallAlignment => ({
  status,
  layout: "mono",
  transcriptHash: "h",
  lines,
  lanes: { robot: [], customer: [] },
  metrics: null,
});

describe("applyAlignment", () => {
  it("takes the aligned times, their confidence and each line's own speech", () => {
    const out = applyAlignment(
      transcript,
      alignment([
        {
          startMs: 800,
          endMs: 2100,
          timing: "aligned",
          confidence: 0.9,
          speech: [
            [800, 1300],
            [1600, 2100],
          ],
        },
        { startMs: 2900, endMs: 3300, timing: "aligned", confidence: 0.4, speech: [[2900, 3300]] },
        { startMs: 4000, endMs: 5200, timing: "aligned", speech: [] },
      ]),
    );
    expect(out.aligned).toBe(true);
    expect(out.transcript.map((u) => [u.startMs, u.endMs, u.timing, u.confidence])).toEqual([
      [800, 2100, "aligned", 0.9],
      [2900, 3300, "aligned", 0.4],
      [4000, 5200, "aligned", undefined],
    ]);
    expect(out.speech).toEqual([
      [
        [800, 1300],
        [1600, 2100],
      ],
      [[2900, 3300]],
      null,
    ]);
    expect(out.transcript.map(isLowConfidence)).toEqual([false, true, false]);
    // The words and the speaker are the detail's.
    expect(out.transcript[1]!.text).toBe("喂");
  });

  it("keeps a vendor time the aligner could not confirm; an estimate takes the server's estimate", () => {
    const out = applyAlignment(
      transcript,
      alignment([
        { startMs: 500, endMs: 1800, timing: "estimated", confidence: 0.2, speech: [] },
        { startMs: null, endMs: null, timing: "estimated", speech: [] },
        { startMs: 9000, endMs: 9500, timing: "estimated", confidence: 0.1, speech: [] },
      ]),
    );
    expect(out.transcript.map((u) => [u.startMs, u.endMs, u.timing])).toEqual([
      [500, 1800, "estimated"],
      [2000, 3000, "estimated"],
      [3000, 4000, "vendor"],
    ]);
    expect(out.transcript.map(isLowConfidence)).toEqual([false, false, false]);
  });

  it("drops an end before the start rather than inventing one", () => {
    const out = applyAlignment(
      transcript.slice(0, 1),
      alignment([{ startMs: 800, endMs: 100, timing: "aligned", confidence: 0.9, speech: [] }]),
    );
    expect(out.transcript[0]).toMatchObject({ startMs: 800, endMs: null, timing: "aligned" });
  });

  it("takes an alignment only for the transcript the detail says it has", () => {
    const lines: CallAlignment["lines"] = transcript.map(() => ({
      startMs: 10,
      endMs: 20,
      timing: "aligned",
      speech: [],
    }));
    expect(alignmentFits(alignment(lines), transcript, "h")).toBe(true);
    expect(alignmentFits(alignment(lines), transcript, "other")).toBe(false);
    expect(alignmentFits(alignment(lines), transcript, undefined)).toBe(true);
    expect(applyAlignment(transcript, alignment(lines), "other").aligned).toBe(false);
  });

  it("ignores an alignment of another transcript, one without speech, or none", () => {
    const one = alignment([{ startMs: 1, endMs: 2, timing: "aligned", speech: [] }]);
    expect(alignmentFits(one, transcript)).toBe(false);
    expect(alignmentFits(alignment([], "no_speech"), [])).toBe(false);
    expect(alignmentFits(null, transcript)).toBe(false);
    const out = applyAlignment(transcript, one);
    expect(out.aligned).toBe(false);
    expect(out.transcript).toEqual(transcript);
    expect(out.speech).toEqual([null, null, null]);
  });
});
