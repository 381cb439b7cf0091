import { describe, expect, test } from "vitest";
import { drawSample, proportionalQuotas, seededRandom, type Candidate } from "./sampling";

function candidates(groups: Record<string, number>): Candidate[] {
  return Object.entries(groups).flatMap(([group, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${group}-${i}`, group })),
  );
}

describe("seededRandom", () => {
  test("the same seed gives the same stream, another seed another one", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe("proportionalQuotas", () => {
  test("quotas add up to the size and are each within one call of the exact share", () => {
    const sizes = new Map([
      ["A", 7],
      ["B", 130],
      ["C", 41],
      ["none", 22],
    ]);
    for (const size of [1, 3, 10, 17, 50, 199]) {
      const quotas = proportionalQuotas(sizes, size);
      expect([...quotas.values()].reduce((sum, n) => sum + n, 0)).toBe(size);
      for (const [group, n] of sizes) {
        const exact = (size * n) / 200;
        expect(Math.abs(quotas.get(group)! - exact)).toBeLessThan(1);
      }
    }
  });

  test("largest remainder: 10 of 3/3/4 gives 3, 3, 4; 2 of 1/1/1 gives two groups one each", () => {
    expect(
      Object.fromEntries(
        proportionalQuotas(
          new Map([
            ["a", 3],
            ["b", 3],
            ["c", 4],
          ]),
          10,
        ),
      ),
    ).toEqual({
      a: 3,
      b: 3,
      c: 4,
    });
    const quotas = proportionalQuotas(
      new Map([
        ["a", 1],
        ["b", 1],
        ["c", 1],
      ]),
      2,
    );
    expect([...quotas.values()].sort()).toEqual([0, 1, 1]);
  });
});

describe("drawSample", () => {
  const pool = candidates({ A: 50, B: 30, C: 20 });

  test("all matches when fewer than the size, in the list's order", () => {
    expect(drawSample(pool.slice(0, 5), 10, 1, false)).toEqual(pool.slice(0, 5).map((c) => c.id));
  });

  test("reproducible from the seed: same seed same calls, another seed other calls", () => {
    const once = drawSample(pool, 10, 1234, false);
    expect(once).toHaveLength(10);
    expect(new Set(once).size).toBe(10);
    expect(drawSample(pool, 10, 1234, false)).toEqual(once);
    expect(drawSample(pool, 10, 1235, false)).not.toEqual(once);
    expect(drawSample(pool, 10, 1234, true)).toEqual(drawSample(pool, 10, 1234, true));
  });

  test("kept in the candidates' order", () => {
    const ids = pool.map((c) => c.id);
    const sample = drawSample(pool, 25, 9, false);
    const positions = sample.map((id) => ids.indexOf(id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test("stratified: each group gets its proportional share within one call", () => {
    for (const seed of [1, 2, 3]) {
      const sample = drawSample(pool, 15, seed, true);
      const count = (group: string) => sample.filter((id) => id.startsWith(`${group}-`)).length;
      expect(sample).toHaveLength(15);
      expect(Math.abs(count("A") - 7.5)).toBeLessThan(1);
      expect(Math.abs(count("B") - 4.5)).toBeLessThan(1);
      expect(count("C")).toBe(3);
    }
  });

  test("unstratified sampling is random: a small group is sometimes missed, never over-drawn", () => {
    const skewed = candidates({ big: 95, small: 5 });
    const smallCounts = Array.from(
      { length: 40 },
      (_, seed) => drawSample(skewed, 10, seed, false).filter((id) => id.startsWith("small-")).length,
    );
    expect(new Set(smallCounts).size).toBeGreaterThan(1);
    // Stratified, the small group gets its half call rounded by largest remainder: 0 or 1, always the same.
    const stratified = Array.from(
      { length: 10 },
      (_, seed) => drawSample(skewed, 10, seed, true).filter((id) => id.startsWith("small-")).length,
    );
    expect(new Set(stratified).size).toBe(1);
  });
});
