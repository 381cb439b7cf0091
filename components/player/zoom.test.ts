import { describe, expect, it } from "vitest";
import {
  canZoom,
  defaultZoom,
  followScroll,
  lengthClassOf,
  pxPerSecOf,
  stepZoom,
  visibleSeconds,
  zoomLevels,
} from "./zoom";

const MIN = 60_000;

describe("zoomLevels", () => {
  it("runs from ten minutes down to ~100 px per second on a 30-minute call", () => {
    const levels = zoomLevels(30 * MIN, 1376);
    expect(levels.map((level) => level.windowS)).toEqual([600, 300, 120, 60, 30, 15]);
    expect(levels[levels.length - 1]!.pxPerSec).toBeLessThanOrEqual(100);
  });

  it("offers nothing for a call that already fills the width well", () => {
    expect(zoomLevels(20_000, 1376)).toEqual([]);
  });

  it("keeps levels apart when the pixel cap squeezes them together on a wide screen", () => {
    const levels = zoomLevels(30 * MIN, 2400);
    const px = levels.map((level) => level.pxPerSec);
    expect(px[px.length - 1]).toBe(100);
    for (let i = 1; i < px.length; i++) expect(px[i]! / px[i - 1]!).toBeGreaterThanOrEqual(1.25);
  });
});

describe("stepZoom", () => {
  it("walks in and out, and out of the coarsest level to fit", () => {
    expect(stepZoom(0, 1, 30 * MIN, 1376)).toBe(600);
    expect(stepZoom(60, 1, 30 * MIN, 1376)).toBe(30);
    expect(stepZoom(60, -1, 30 * MIN, 1376)).toBe(120);
    expect(stepZoom(600, -1, 30 * MIN, 1376)).toBe(0);
    expect(stepZoom(15, 1, 30 * MIN, 1376)).toBe(15);
    expect(stepZoom(0, -1, 30 * MIN, 1376)).toBe(0);
  });

  it("treats a level that does not magnify this call as fit", () => {
    expect(pxPerSecOf(600, 4 * MIN, 1376)).toBe(0);
    expect(stepZoom(600, 1, 4 * MIN, 1376)).toBe(120);
    expect(visibleSeconds(600, 4 * MIN, 1376)).toBe(240);
  });
});

describe("defaults", () => {
  it("fits calls up to three minutes and opens longer ones on a minute", () => {
    expect(defaultZoom(2 * MIN)).toBe(0);
    expect(defaultZoom(30 * MIN)).toBe(60);
    expect(visibleSeconds(60, 30 * MIN, 1376)).toBeCloseTo(60);
    expect([lengthClassOf(MIN), lengthClassOf(10 * MIN), lengthClassOf(30 * MIN)]).toEqual([
      "short",
      "medium",
      "long",
    ]);
  });
});

describe("followScroll", () => {
  const view = { scrollLeft: 1000, viewPx: 1000, totalPx: 100_000 };

  it("leaves a paused view alone while the head is in sight, and centres a head out of sight", () => {
    expect(followScroll(view, 1500, "reveal")).toBeNull();
    expect(followScroll(view, 5000, "reveal")).toBe(4500);
    expect(followScroll(view, 1010, "reveal")).toBe(510);
  });

  it("glides towards the centre while playing, never past the ends", () => {
    expect(followScroll(view, 1900, "glide")).toBe(1000 + (1400 - 1000) / 4);
    expect(followScroll(view, 1502, "glide")).toBe(1002);
    expect(followScroll({ ...view, scrollLeft: 0 }, 200, "glide")).toBeNull();
    expect(followScroll({ ...view, scrollLeft: 99_000 }, 99_990, "centre")).toBeNull();
  });

  it("does nothing when the whole call fits", () => {
    expect(followScroll({ scrollLeft: 0, viewPx: 1000, totalPx: 1000 }, 800, "reveal")).toBeNull();
  });
});

describe("canZoom", () => {
  it("guesses from the length alone until the width is known", () => {
    expect(canZoom(30 * MIN, 0)).toBe(true);
    expect(canZoom(20_000, 0)).toBe(false);
    expect(canZoom(20_000, 1376)).toBe(false);
    expect(canZoom(60_000, 320)).toBe(true);
  });
});
