import { expect, test } from "vitest";
import { limitHeapGrowth } from "./heap";

test("the heap's growth is 50 % unless CALLSCOPE_HEAP_GROWTH_PERCENT says otherwise; a bad value names it", () => {
  const set: string[] = [];
  const limit = (value?: string) =>
    limitHeapGrowth(value === undefined ? {} : { CALLSCOPE_HEAP_GROWTH_PERCENT: value }, (flags) =>
      set.push(flags),
    );
  expect(limit()).toBe(50);
  expect(limit("")).toBe(50);
  expect(limit("120")).toBe(120);
  expect(set).toEqual([
    "--heap-growing-percent=50",
    "--heap-growing-percent=50",
    "--heap-growing-percent=120",
  ]);
  // 0 leaves V8's own choice: nothing is set.
  expect(limit("0")).toBe(0);
  expect(set).toHaveLength(3);
  for (const bad of ["-1", "401", "1.5", "lots"])
    expect(() => limit(bad)).toThrow(
      `CALLSCOPE_HEAP_GROWTH_PERCENT: expected a whole number 0–400, got "${bad}"`,
    );
});
