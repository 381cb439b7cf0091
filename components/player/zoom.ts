/**
 * Waveform zoom, as plain arithmetic (unit-tested; no DOM). A zoom level is the number of seconds
 * of the call the waveform shows across its width — what a reviewer thinks in ("the last minute") —
 * and 0 means "the whole call fits". Pixels per second follow from the width, capped at ~100.
 */

/** The ladder of levels, coarse to fine, in seconds across the width. */
export const ZOOM_WINDOWS = [600, 300, 120, 60, 30, 15, 10] as const;
/** Beyond this a bar of the waveform stands for less than the peaks can tell apart. */
export const MAX_PX_PER_SEC = 100;
/** Calls up to this long open showing the whole call; longer ones open on DEFAULT_WINDOW_S. */
export const FIT_UP_TO_MS = 3 * 60_000;
export const DEFAULT_WINDOW_S = 60;
/** The first level must at least double the scale of the fitted call, or zooming is not worth a row. */
const FIRST_STEP = 2;
/** Each further level must magnify the one before at least this much (a cap can squeeze two together). */
const NEXT_STEP = 1.25;

export interface ZoomLevel {
  /** Seconds across the width, as asked for (before the pixel cap). */
  windowS: number;
  pxPerSec: number;
}

/** Pixels per second when the whole call fits the width. */
export function fitPxPerSec(durationMs: number, widthPx: number): number {
  return durationMs > 0 && widthPx > 0 ? widthPx / (durationMs / 1000) : 0;
}

/** The levels this call can be zoomed to at this width, ascending; empty when the call is too short to zoom. */
export function zoomLevels(durationMs: number, widthPx: number): ZoomLevel[] {
  const fit = fitPxPerSec(durationMs, widthPx);
  if (fit <= 0) return [];
  const levels: ZoomLevel[] = [];
  let floor = fit * FIRST_STEP;
  for (const windowS of ZOOM_WINDOWS) {
    const pxPerSec = Math.min(MAX_PX_PER_SEC, widthPx / windowS);
    if (pxPerSec < floor) continue;
    levels.push({ windowS, pxPerSec });
    floor = pxPerSec * NEXT_STEP;
  }
  return levels;
}

/**
 * Whether to offer zoom at all. Before the width is known (and on the server) a call of a minute or
 * more counts as zoomable — it is at any width — so the controls are there from the first paint.
 */
export function canZoom(durationMs: number, widthPx: number): boolean {
  return widthPx > 0 ? zoomLevels(durationMs, widthPx).length > 0 : durationMs >= 60_000;
}

/**
 * What wavesurfer should be given as minPxPerSec: 0 (fill the width) for "fit", or for a level that
 * does not magnify this call enough to count (a saved "10 min" on a 4-minute call).
 */
export function pxPerSecOf(windowS: number, durationMs: number, widthPx: number): number {
  if (windowS <= 0 || widthPx <= 0) return 0;
  const pxPerSec = Math.min(MAX_PX_PER_SEC, widthPx / windowS);
  return pxPerSec >= fitPxPerSec(durationMs, widthPx) * FIRST_STEP ? pxPerSec : 0;
}

/** Seconds of the call in view at this level (the whole call when fitted). */
export function visibleSeconds(windowS: number, durationMs: number, widthPx: number): number {
  const pxPerSec = pxPerSecOf(windowS, durationMs, widthPx);
  return pxPerSec > 0 ? widthPx / pxPerSec : durationMs / 1000;
}

/** One step in (+1) or out (-1) from the current level; out of the coarsest level is "fit" (0). */
export function stepZoom(windowS: number, direction: 1 | -1, durationMs: number, widthPx: number): number {
  const levels = zoomLevels(durationMs, widthPx);
  const current = pxPerSecOf(windowS, durationMs, widthPx) || fitPxPerSec(durationMs, widthPx);
  if (direction === 1) return levels.find((level) => level.pxPerSec > current * 1.01)?.windowS ?? windowS;
  const coarser = levels.filter((level) => level.pxPerSec < current * 0.99);
  return coarser[coarser.length - 1]?.windowS ?? 0;
}

/** Zoom is remembered per kind of call: a reviewer of long calls wants them close, short ones whole. */
export type LengthClass = "short" | "medium" | "long";

export function lengthClassOf(durationMs: number): LengthClass {
  if (durationMs <= FIT_UP_TO_MS) return "short";
  return durationMs <= 15 * 60_000 ? "medium" : "long";
}

export function defaultZoom(durationMs: number): number {
  return durationMs > FIT_UP_TO_MS ? DEFAULT_WINDOW_S : 0;
}

/** A saved level is used only if it is one of ours (0 or on the ladder). */
export function isZoomWindow(value: unknown): value is number {
  return value === 0 || (ZOOM_WINDOWS as readonly unknown[]).includes(value);
}

export interface ScrollView {
  scrollLeft: number;
  /** Width of the visible part. */
  viewPx: number;
  /** Width of the whole waveform. */
  totalPx: number;
}

/**
 * Where to scroll so the play head stays in sight, or null to leave the view alone.
 * "reveal" (a seek while paused): only when the head is at or past an edge, then centred on it.
 * "glide" (playing): ease towards the head in the centre, a quarter of the way per frame, so
 * pressing play off-centre does not jolt the view; a head out of sight is jumped to.
 */
export function followScroll(
  view: ScrollView,
  headPx: number,
  mode: "reveal" | "glide" | "centre",
): number | null {
  const max = view.totalPx - view.viewPx;
  if (max <= 0.5) return null;
  const centred = Math.max(0, Math.min(max, headPx - view.viewPx / 2));
  if (mode === "centre") return Math.abs(centred - view.scrollLeft) < 0.5 ? null : centred;
  const margin = mode === "reveal" ? view.viewPx * 0.04 : 0;
  const inView = headPx >= view.scrollLeft + margin && headPx <= view.scrollLeft + view.viewPx - margin;
  if (!inView) return centred;
  if (mode === "reveal") return null;
  const delta = centred - view.scrollLeft;
  if (Math.abs(delta) < 0.5) return null;
  return Math.abs(delta) <= 4 ? centred : view.scrollLeft + delta / 4;
}
