/**
 * Which day labels the trends chart's x axis shows. The labels are HTML under the SVG, so they keep
 * their font size while the chart scales with the page: how many fit depends on the chart's width,
 * which the server does not know. So a set is picked for each width band below, and CSS container
 * queries show the set of the band the chart is in. A set picked for a band's narrowest width still
 * fits any wider width of the band: labels only move apart as the chart widens.
 */

/** Room one "MM-DD" label takes, in CSS px: about 34 px of 11 px digits, plus a gap. */
export const LABEL_ROOM_PX = 44;

/**
 * Chart widths (CSS px) from which each label set applies, with the classes showing or hiding a label
 * from that width on — Tailwind's container sizes, written out so its scanner generates them. The
 * first band starts below the chart's width in a ~360 px window (page and panel padding take ~66 px).
 */
export const AXIS_BANDS = [
  { minPx: 288, show: "block", hide: "hidden" },
  { minPx: 384, show: "@sm:block", hide: "@sm:hidden" },
  { minPx: 512, show: "@lg:block", hide: "@lg:hidden" },
  { minPx: 672, show: "@2xl:block", hide: "@2xl:hidden" },
  { minPx: 896, show: "@4xl:block", hide: "@4xl:hidden" },
  { minPx: 1152, show: "@6xl:block", hide: "@6xl:hidden" },
] as const;

/** Label strides in days, so that the labels fall on a regular beat: every day, 2nd, 3rd, week … */
const STRIDES = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364];

/**
 * A label's centre in px for a chart `width` px wide: at its day's position (`at`, a fraction of the
 * width), moved inwards so that it stays inside the chart — as the CSS `clamp()` that places it does.
 */
export function labelCenter(at: number, width: number, room = LABEL_ROOM_PX): number {
  return Math.min(Math.max(at * width, room / 2), width - room / 2);
}

/**
 * Indices of the days to label, for a chart `width` px wide whose days sit at the fractions `at`
 * (ascending). Labels go on a regular stride of days; a label that would come closer than `room` to
 * the previous one kept is dropped, and the last day is always labelled — if it collides, the label
 * before it gives way.
 */
export function pickTicks(at: readonly number[], width: number, room = LABEL_ROOM_PX): number[] {
  const n = at.length;
  if (n === 0) return [];
  const center = (i: number) => labelCenter(at[i]!, width, room);
  const pitch = n > 1 ? (at[1]! - at[0]!) * width : width;
  const stride = STRIDES.find((s) => s * pitch >= room) ?? Math.ceil(room / pitch);
  const kept: number[] = [];
  for (let i = 0; i < n; i += stride) {
    const previous = kept.at(-1);
    if (previous === undefined || center(i) - center(previous) >= room) kept.push(i);
  }
  const last = n - 1;
  if (kept.at(-1) !== last) {
    while (kept.length && center(last) - center(kept.at(-1)!) < room) kept.pop();
    kept.push(last);
  }
  return kept;
}

/**
 * The labels to render, each with the classes that show it only in the bands whose set holds it
 * (a day in no set is left out).
 */
export function axisLabels(
  at: readonly number[],
  room = LABEL_ROOM_PX,
): { index: number; className: string }[] {
  const sets = AXIS_BANDS.map((band) => new Set(pickTicks(at, band.minPx, room)));
  const labels: { index: number; className: string }[] = [];
  for (let index = 0; index < at.length; index++) {
    const shown = sets.map((set) => set.has(index));
    if (!shown.some(Boolean)) continue;
    const classes = shown.flatMap((on, band) => {
      if (band > 0 && on === shown[band - 1]) return [];
      if (band === 0 && on) return [];
      return [on ? AXIS_BANDS[band]!.show : AXIS_BANDS[band]!.hide];
    });
    labels.push({ index, className: classes.join(" ") });
  }
  return labels;
}
