import { describe, expect, it } from "vitest";
import { figuresByFormat, FORMATS, measureSet, printable, type FileResult } from "../eval/measure";

/**
 * The validation set (make-validation.mjs): recordings the aligner was never tuned on, made before the
 * barge-in work. Prints per-format figures and holds them to issue #15's targets. VALIDATION_DIR
 * measures another draw written with VALIDATION_SEED / VALIDATION_OUT (see lib/audio/eval/sweep.ts).
 */

const DIR = process.env.VALIDATION_DIR ?? __dirname;
let results: FileResult[] = [];

describe("validation set (make-validation.mjs recordings)", () => {
  it("measures every recording", { timeout: 120_000 }, async () => {
    results = await measureSet(DIR);
    console.table(printable(figuresByFormat(results)));
    console.log(results.flatMap((r) => r.detail).join("\n"));
    expect(results.map((r) => r.format).sort()).toEqual([...FORMATS].sort());
  });

  for (const format of FORMATS) {
    it(`${format}: median ≤ 100 ms, ≥ 95 % within 500 ms, every barge-in within 500 ms`, () => {
      const f = figuresByFormat(results).find((x) => x.format === format)!;
      expect(f.medianMs).toBeLessThanOrEqual(100);
      expect(f.within500).toBeGreaterThanOrEqual(0.95);
      expect(f.bargeWorstMs).toBeLessThanOrEqual(500);
    });
  }
});
