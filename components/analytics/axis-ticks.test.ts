import { expect, test } from "vitest";
import { AXIS_BANDS, LABEL_ROOM_PX, axisLabels, labelCenter, pickTicks } from "./axis-ticks";
import { dayFractions } from "./daily-layout";

/** The trends chart's day labels never overlap, whatever the number of days and the chart's width. */

const DAY_COUNTS = [1, 2, 3, 7, 13, 14, 30, 31, 32, 45, 60, 90, 91, 180, 365, 400];
// The chart's width from a ~380 px window (~314 px) up to a 1920 px one (1614 px), and band edges.
const WIDTHS = [288, 300, 314, 383, 384, 450, 512, 600, 672, 800, 896, 1000, 1152, 1214, 1614];

test("kept labels are at least a label's room apart, inside the chart, and the last day is labelled", () => {
  for (const days of DAY_COUNTS)
    for (const width of WIDTHS) {
      const at = dayFractions(days);
      const ticks = pickTicks(at, width);
      const centers = ticks.map((i) => labelCenter(at[i]!, width));
      const where = `${days} days, ${width} px: ${ticks.join(",")}`;
      expect(ticks.at(-1), where).toBe(days - 1);
      for (let k = 1; k < centers.length; k++)
        expect(centers[k]! - centers[k - 1]!, where).toBeGreaterThanOrEqual(LABEL_ROOM_PX);
      for (const c of centers) {
        expect(c - LABEL_ROOM_PX / 2, where).toBeGreaterThanOrEqual(0);
        expect(c + LABEL_ROOM_PX / 2, where).toBeLessThanOrEqual(width);
      }
    }
});

test("the last label no longer lands on the one before it (90 days: the old rule kept days 88 and 89)", () => {
  const at = dayFractions(90);
  const ticks = pickTicks(at, 1214);
  expect(ticks).toContain(89);
  expect(ticks).not.toContain(88);
  expect(ticks[0]).toBe(0);
});

test("labels fall on a regular stride, and as many as fit are shown", () => {
  expect(pickTicks(dayFractions(1), 300)).toEqual([0]);
  expect(pickTicks(dayFractions(2), 300)).toEqual([0, 1]);
  expect(pickTicks(dayFractions(7), 1214)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  const month = pickTicks(dayFractions(31), 1214); // ~37 px a day: every 2nd day
  expect(month.slice(0, 4)).toEqual([0, 2, 4, 6]);
  expect(month.at(-1)).toBe(30);
  const year = pickTicks(dayFractions(400), 1614); // ~3.8 px a day: every 14th day
  expect(year.slice(0, 3)).toEqual([0, 14, 28]);
});

test("a set picked for a band's narrowest width fits every wider width of the band", () => {
  for (const days of DAY_COUNTS) {
    const at = dayFractions(days);
    AXIS_BANDS.forEach((band, b) => {
      const ticks = pickTicks(at, band.minPx);
      const top = AXIS_BANDS[b + 1]?.minPx ?? 1700;
      for (let width = band.minPx; width < top; width += 7) {
        const centers = ticks.map((i) => labelCenter(at[i]!, width));
        for (let k = 1; k < centers.length; k++)
          expect(centers[k]! - centers[k - 1]!, `${days} days at ${width} px`).toBeGreaterThanOrEqual(
            LABEL_ROOM_PX,
          );
      }
    });
  }
});

test("each label carries the classes that show it in exactly the bands whose set holds it", () => {
  const at = dayFractions(90);
  const labels = axisLabels(at);
  const shownIn = (className: string) => {
    const classes = className.split(" ").filter(Boolean);
    let on = !classes.includes("hidden");
    return AXIS_BANDS.map((band, b) => {
      if (b > 0 && classes.includes(band.show)) on = true;
      if (b > 0 && classes.includes(band.hide)) on = false;
      return on;
    });
  };
  AXIS_BANDS.forEach((band, b) => {
    const visible = labels.filter((label) => shownIn(label.className)[b]).map((label) => label.index);
    expect(visible).toEqual(pickTicks(at, band.minPx));
  });
});
