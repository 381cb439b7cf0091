import type WaveSurfer from "wavesurfer.js";
import type { PlayerStore } from "./player-store";
import { followScroll, pxPerSecOf, type ScrollView } from "./zoom";

/** After the reader scrolls the waveform by hand, the view stops following the play head this long. */
const MANUAL_SCROLL_GRACE_MS = 3000;

/**
 * Ties wavesurfer's scrolling view to the player store, outside React (many times a second):
 * applies the zoom the store asks for (centred on the play head), keeps the play head in sight —
 * gliding to the centre while playing, revealing it when a paused seek lands out of view — and
 * reports the visible part of the call back for the overview strip. Returns the disconnect.
 *
 * wavesurfer's own autoScroll stays off: it cannot be told to leave a reader alone who scrolled
 * away, and it does not centre a paused seek.
 */
export function connectView(ws: WaveSurfer, store: PlayerStore, durationMs: number): () => void {
  const wrapper = ws.getWrapper();
  const scroller = wrapper.parentElement;
  if (!scroller || durationMs <= 0) return () => {};
  let applied = ws.options.minPxPerSec;
  let manualUntil = 0;
  let pointerDown = false;
  let last = store.getSnapshot();

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
    if (target !== null) scroller.scrollLeft = target;
  };

  const applyZoom = () => {
    const { zoom, viewWidthPx } = store.getSnapshot();
    const pxPerSec = pxPerSecOf(zoom, durationMs, viewWidthPx || scroller.clientWidth);
    if (pxPerSec === applied) return;
    try {
      ws.zoom(pxPerSec);
    } catch {
      return; // not drawn yet: "ready" applies it
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
    if (pointerDown) return;
    if (!state.playing) follow("reveal");
    else if (performance.now() >= manualUntil) follow("glide");
  };

  const onManual = () => (manualUntil = performance.now() + MANUAL_SCROLL_GRACE_MS);
  const onPointerDown = () => (pointerDown = true);
  const onPointerUp = () => (pointerDown = false);
  scroller.addEventListener("scroll", publish, { passive: true });
  scroller.addEventListener("wheel", onManual, { passive: true });
  scroller.addEventListener("touchmove", onManual, { passive: true });
  scroller.addEventListener("pointerdown", onPointerDown);
  window.addEventListener("pointerup", onPointerUp);
  window.addEventListener("pointercancel", onPointerUp);
  const unsubscribe = store.subscribe(onStore);
  const offs = [
    ws.on("redraw", publish),
    ws.once("ready", () => {
      applyZoom();
      // Open on the ?t= moment (or the start), centred.
      follow("centre");
      publish();
    }),
  ];

  return () => {
    unsubscribe();
    for (const off of offs) off();
    scroller.removeEventListener("scroll", publish);
    scroller.removeEventListener("wheel", onManual);
    scroller.removeEventListener("touchmove", onManual);
    scroller.removeEventListener("pointerdown", onPointerDown);
    window.removeEventListener("pointerup", onPointerUp);
    window.removeEventListener("pointercancel", onPointerUp);
  };
}
