import { describe, expect, it } from "vitest";
import { renderedRows, visibleRows } from "./row-window";

// The calls table's numbers: 40 px rows under a 36 px sticky header.
const ROW = 40;
const HEADER = 36;

describe("visibleRows", () => {
  it("at the top shows the rows that fit under the header", () => {
    // 720 px viewport: 684 px of rows = 17.1 rows → rows 0..17
    expect(visibleRows(0, 720, ROW, HEADER)).toEqual({ top: 0, bottom: 17 });
  });

  it("scrolled into the list counts from the first row the viewport touches", () => {
    // scrollTop 1000 → 964 px into the rows: row 24 (960..1000) is partly visible;
    // the bottom edge at 1364 px falls in row 34 (1360..1400)
    expect(visibleRows(1000, 400, ROW, HEADER)).toEqual({ top: 24, bottom: 34 });
  });

  it("a row boundary exactly at the edge does not count the next row", () => {
    expect(visibleRows(HEADER + 10 * ROW, 4 * ROW, ROW, HEADER)).toEqual({ top: 10, bottom: 13 });
  });

  it("a zero-height viewport (not laid out yet) is one row, not a negative range", () => {
    expect(visibleRows(0, 0, ROW, HEADER)).toEqual({ top: 0, bottom: 0 });
  });
});

describe("renderedRows", () => {
  it("adds the overscan on both sides, within the rows that exist", () => {
    expect(renderedRows({ top: 24, bottom: 33 }, 1000, 10)).toEqual({ first: 14, last: 43 });
    expect(renderedRows({ top: 2, bottom: 20 }, 1000, 10)).toEqual({ first: 0, last: 30 });
    expect(renderedRows({ top: 2, bottom: 20 }, 25, 10)).toEqual({ first: 0, last: 24 });
  });

  it("renders nothing for an empty list", () => {
    const { first, last } = renderedRows({ top: 0, bottom: 17 }, 0, 10);
    expect(last).toBeLessThan(first);
  });

  it("after the list shrinks below the scroll position, still renders its last rows", () => {
    // scrolled to row 500, then a filter leaves 30 rows: the browser will clamp scrollTop; until then
    // the window must not be empty
    expect(renderedRows({ top: 500, bottom: 517 }, 30, 10)).toEqual({ first: 29, last: 29 });
  });
});
