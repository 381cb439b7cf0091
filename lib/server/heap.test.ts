import { expect, test } from "vitest";
import { limitHeapGrowth } from "./heap";

test("the heap's growth is 50 % unless CALLSCOPE_HEAP_GROWTH_PERCENT says otherwise; a bad value names it", () => {
  expect(limitHeapGrowth({})).toBe(50);
  expect(limitHeapGrowth({ CALLSCOPE_HEAP_GROWTH_PERCENT: "" })).toBe(50);
  expect(limitHeapGrowth({ CALLSCOPE_HEAP_GROWTH_PERCENT: "0" })).toBe(0);
  expect(limitHeapGrowth({ CALLSCOPE_HEAP_GROWTH_PERCENT: "120" })).toBe(120);
  for (const bad of ["-1", "401", "1.5", "lots"])
    expect(() => limitHeapGrowth({ CALLSCOPE_HEAP_GROWTH_PERCENT: bad })).toThrow(
      `CALLSCOPE_HEAP_GROWTH_PERCENT: expected a whole number 0–400, got "${bad}"`,
    );
});
