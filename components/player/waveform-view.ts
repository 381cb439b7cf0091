import type WaveSurfer from "wavesurfer.js";
import type { PlayerStore } from "./player-store";
import { FollowController } from "./follow-controller";
import { followScroll, pxPerSecOf, type ScrollView } from "./zoom";

/** After the reader scrolls the waveform by hand, the view stops following the play head this long. */
const MANUAL_SCROLL_GRACE_MS = 3000;

/**
 * Ties wavesurfer's scrolling view to the player store, outside React (many times a second):
 * applies the zoom the store asks for (centred on the play head), keeps the play head in sight —
 * gliding to the centre while playing, revealing it when a paused seek lands out of view — and
 * reports the visible part of the call back for the overview strip. Everything it listens to goes
 * with `signal`. Call it once wavesurfer is ready (drawn, its duration known).
 *
 * wavesurfer's own autoScroll stays off: it cannot be told to leave a reader alone who scrolled
 * away, and it does not centre a paused seek. When to leave the reader alone is the FollowController's
 * rule, the same one the transcript follows.
 */
export function connectView(
  ws: WaveSurfer,
  store: PlayerStore,
  durationMs: number,
  signal: AbortSignal,
): void {
  const wrapper = ws.getWrapper();
  const scroller = wrapper.parentElement;
  if (!scroller || durationMs <= 0) return;
  let applied = ws.options.minPxPerSec;
  let last = store.getSnapshot();
  const follower = new FollowController(scroller, {
    mode: "input",
    graceMs: MANUAL_SCROLL_GRACE_MS,
    holdOnPointer: true,
    signal,
  });

  const view = (): ScrollView => ({
    scrollLeft: scroller.scrollLeft,
    viewPx: scroller.clientWidth,
    totalPx: wrapper.getBoundingClientRect().width,
  });

  const publish = () => {
    const { scrollLeft, viewPx, totalPx } = view();
    if (totalPx <= 0) return;
    const scrolls = totalPx > viewPx + 0.5;
    store.update({
      viewStartMs: scrolls ? (scrollLeft / totalPx) * durationMs : 0,
      viewEndMs: scrolls ? Math.min(durationMs, ((scrollLeft + viewPx) / totalPx) * durationMs) : durationMs,
    });
  };

  const follow = (mode: "reveal" | "glide" | "centre") => {
    const current = view();
    const head = (store.getSnapshot().timeMs / durationMs) * current.totalPx;
    const target = followScroll(current, head, mode);
    if (target !== null) follower.scroll(() => (scroller.scrollLeft = target), 100);
  };

  const applyZoom = () => {
    const { zoom, viewWidthPx } = store.getSnapshot();
    const pxPerSec = pxPerSecOf(zoom, durationMs, viewWidthPx || scroller.clientWidth);
    if (pxPerSec === applied) return;
    try {
      ws.zoom(pxPerSec);
    } catch {
      return; // nothing drawn to zoom: the next change tries again
    }
    applied = pxPerSec;
    follow("centre");
    publish();
  };

  const onStore = () => {
    const state = store.getSnapshot();
    const previous = last;
    last = state;
    if (state.zoom !== previous.zoom || state.viewWidthPx !== previous.viewWidthPx) applyZoom();
    if (state.timeMs === previous.timeMs && state.playing === previous.playing) return;
    // A drag on the waveform seeks as it goes: moving the view under the pointer would fight it.
    if (follower.holding) return;
    if (!state.playing) follow("reveal");
    else if (follower.following) follow("glide");
  };

  scroller.addEventListener("scroll", publish, { passive: true, signal });
  const unsubscribe = store.subscribe(onStore);
  const offRedraw = ws.on("redraw", publish);
  signal.addEventListener(
    "abort",
    () => {
      unsubscribe();
      offRedraw();
    },
    { once: true },
  );
  // Connected once wavesurfer is ready: open on the ?t= moment (or the start), centred.
  applyZoom();
  follow("centre");
  publish();
}
