"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type WaveSurfer from "wavesurfer.js";
import type { WaveSurferEvents } from "wavesurfer.js";
import type { Peaks } from "@/lib/queries/call";
import { HoverTime } from "./hover-time";
import { waveformPeaksOptions } from "@/lib/queries/call";
import { SeekSlider } from "./seek-slider";
import { SpeechShading, type SpeechLanes } from "./speech-shading";
import { AXIS_HEIGHT, TimeAxis } from "./time-axis";
import type { Span } from "./timeline";
import { useDarkScheme } from "./use-dark-scheme";
import { usePlayer, usePlayerState } from "./use-player";
import { useWavesurfer } from "./use-wavesurfer";
import { connectView } from "./waveform-view";
import { canZoom, fitPxPerSec, pxPerSecOf } from "./zoom";
import { ZoomBar } from "./zoom-bar";

const HEIGHT = 64;

/** Canvas colours (a canvas cannot read `dark:` classes): neutral bars, teal once played. */
const COLORS = {
  light: { wave: "#a1a1aa", progress: "#0f766e", cursor: "#0f766e" },
  dark: { wave: "#52525b", progress: "#14b8a6", cursor: "#5eead4" },
};

interface WaveformProps {
  callId: string;
  recordingUrl: string;
  spans: readonly (Span | null)[];
  /** Each party's detected speech, once the alignment has come: drawn as lanes under the bars. */
  lanes?: SpeechLanes | null;
  /** When the peaks cannot be had: the talk time or the transcript's end, so seeking still works. */
  fallbackDurationMs: number;
  /** Drawn over the waveform and scrolled with it (annotation markers): positioned in % of the whole call. */
  overlay?: ReactNode;
}

/**
 * The recording as a waveform drawn from precomputed peaks: no audio byte is fetched until the reader
 * presses play (the <audio> has preload="none"; wavesurfer gets the peaks and the duration, so it
 * never downloads the file to decode it). wavesurfer is loaded by useWavesurfer, on this page only.
 * The player's lifecycle is that hook's; each group of subscriptions is an effect of its own that
 * aborts on cleanup.
 *
 * Zoomed, wavesurfer scrolls its own wrapper; the speech shading and the time axis are rendered into
 * that wrapper (a portal, as wavesurfer's plugins do), so they scroll and scale with the bars exactly.
 */
export function Waveform({ callId, recordingUrl, spans, lanes, fallbackDurationMs, overlay }: WaveformProps) {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const dark = useDarkScheme();
  const peaks = useQuery(waveformPeaksOptions(callId, fallbackDurationMs));
  // Callback refs (state): the player is created once both elements exist.
  const [media, setMedia] = useState<HTMLAudioElement | null>(null);
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const areaRef = useRef<HTMLDivElement>(null);

  const settled = !peaks.isPending;
  const drawn = useMemo(() => (peaks.data ? mergeChannels(peaks.data) : null), [peaks.data]);
  const durationMs = peaks.data?.durationMs || fallbackDurationMs;
  const widthPx = usePlayerState((state) => state.viewWidthPx);
  const zoomedPxPerSec = usePlayerState((state) => pxPerSecOf(state.zoom, durationMs, state.viewWidthPx));
  const drawnPxPerSec = zoomedPxPerSec || fitPxPerSec(durationMs, widthPx);
  // Before wavesurfer is up, the layers are drawn whole-call; a call about to open zoomed shows
  // only the loading bar instead of a dense strip that then jumps (unless the engine failed).
  const opensZoomed = usePlayerState(
    (state) => state.zoom > 0 && canZoom(durationMs, state.viewWidthPx) && state.status !== "error",
  );

  // What the player is created with: a new player only when the recording, its peaks or its length
  // change. Colours and zoom are read once here and then followed (below, and in connectView).
  const options = useMemo(() => {
    if (!settled || !container || durationMs <= 0) return null;
    const colors = window.matchMedia("(prefers-color-scheme: dark)").matches ? COLORS.dark : COLORS.light;
    return {
      url: recordingUrl,
      // Without peaks, a flat line: wavesurfer would otherwise download the whole file to draw it.
      peaks: drawn ? [drawn] : [new Float32Array(2)],
      duration: durationMs / 1000,
      height: HEIGHT,
      waveColor: colors.wave,
      progressColor: colors.progress,
      cursorColor: colors.cursor,
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true,
      dragToSeek: true,
      hideScrollbar: true,
      // Drawn at the chosen zoom from the start (no flash of the whole call); connectView follows the head.
      minPxPerSec: pxPerSecOf(store.getSnapshot().zoom, durationMs, container.clientWidth),
      autoScroll: false,
    };
  }, [settled, container, drawn, durationMs, recordingUrl, store]);
  const { ws, ready, failed } = useWavesurfer({ container, media, options });
  const host = ws?.getWrapper() ?? null;

  useEffect(() => {
    if (failed) store.update({ status: "error", error: "engine" });
  }, [failed, store]);

  // The engine's and the media element's events → the store; all of them go with one abort.
  useEffect(() => {
    if (!ws || !media) return;
    const controller = new AbortController();
    const { signal } = controller;
    const element = ws.getMediaElement();
    if (element) element.preservesPitch = true;
    subscribe(ws, signal, {
      timeupdate: (seconds) => store.update({ timeMs: seconds * 1000 }),
      play: () => store.update({ playing: true }),
      pause: () => store.update({ playing: false, buffering: false }),
      finish: () => store.update({ playing: false, buffering: false }),
    });
    const onPlaying = () => store.update({ buffering: false });
    media.addEventListener("waiting", () => store.update({ buffering: true }), { signal });
    media.addEventListener("playing", onPlaying, { signal });
    media.addEventListener("canplay", onPlaying, { signal });
    media.addEventListener(
      "error",
      () => store.update({ playing: false, buffering: false, error: mediaErrorCode(media.error) }),
      { signal },
    );
    return () => controller.abort();
  }, [ws, media, store]);

  // Seeks before "ready" would not move the drawn cursor (the duration is not known yet).
  useEffect(() => {
    if (!ws || !ready) return;
    store.attach(ws, durationMs);
    return () => store.detach();
  }, [ws, ready, store, durationMs]);

  // Once drawn, the scrolling view follows the play head and the zoom (outside React: many times a second).
  useEffect(() => {
    if (!ws || !ready) return;
    const controller = new AbortController();
    connectView(ws, store, durationMs, controller.signal);
    return () => controller.abort();
  }, [ws, ready, store, durationMs]);

  // Follow the system's light/dark switch without rebuilding the player.
  useEffect(() => {
    const colors = dark ? COLORS.dark : COLORS.light;
    ws?.setOptions({
      waveColor: colors.wave,
      progressColor: colors.progress,
      cursorColor: colors.cursor,
    });
  }, [dark, ws]);

  // The zoom levels depend on the width; the store holds it so keys and buttons agree. Not measured
  // in a layout effect: a store update inside hydration's commit made React drop a click that landed
  // while the page was still hydrating (the review form's first click, on a long call).
  useEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    const observer = new ResizeObserver(([entry]) =>
      store.update({ viewWidthPx: Math.round(entry?.contentRect.width ?? 0) }),
    );
    observer.observe(area);
    return () => observer.disconnect();
  }, [store]);

  const timeAt = useCallback(
    (clientX: number) => {
      const box = (host ?? areaRef.current)?.getBoundingClientRect();
      if (!box || box.width <= 0 || durationMs <= 0) return null;
      return Math.max(0, Math.min(1, (clientX - box.left) / box.width)) * durationMs;
    },
    [host, durationMs],
  );

  const shading = (
    <SpeechShading spans={spans} lanes={lanes} durationMs={durationMs} heightPx={HEIGHT} dark={dark} />
  );
  const axis = <TimeAxis durationMs={durationMs} pxPerSec={drawnPxPerSec} dark={dark} />;
  return (
    <div>
      {/* Never given a src by React: wavesurfer sets it, and preload="none" keeps it from fetching. */}
      <audio ref={setMedia} preload="none" className="hidden" data-testid="call-audio" />
      <SeekSlider durationMs={durationMs} label={t("position")}>
        <div ref={areaRef} className="relative" style={{ height: HEIGHT + AXIS_HEIGHT }}>
          {host
            ? createPortal(
                <>
                  {shading}
                  {axis}
                  {overlay}
                </>,
                host,
              )
            : // Until wavesurfer is up (or if it never comes): the same layers, the whole call in view.
              !opensZoomed && (
                <div className="absolute inset-0 isolate">
                  <div style={{ height: HEIGHT }} />
                  {shading}
                  {axis}
                  {overlay}
                </div>
              )}
          {!settled && (
            <div className="absolute inset-x-0 top-8 h-8 -translate-y-1/2 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          )}
          <div ref={setContainer} className="relative" data-testid="waveform" />
          <HoverTime timeAt={timeAt} />
        </div>
      </SeekSlider>
      <ZoomBar spans={spans} durationMs={durationMs} peaks={drawn} />
      {peaks.isError && <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{t("noPeaks")}</p>}
    </div>
  );
}

/** One line for both voices: the louder of the channels in each bucket (stereo = robot + customer). */
function mergeChannels(data: Peaks): Float32Array {
  const channels = data.peaks.filter((channel) => channel.length > 0);
  const length = Math.max(0, ...channels.map((channel) => channel.length));
  const merged = new Float32Array(Math.max(length, 2));
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      const value = Math.abs(channel[i] ?? 0);
      if (value > merged[i]!) merged[i] = value;
    }
  }
  return merged;
}

type Events = WaveSurferEvents;

/** wavesurfer's `on` answers an unsubscribe; here they all go with the signal. */
function subscribe(
  ws: WaveSurfer,
  signal: AbortSignal,
  handlers: { [K in keyof Events]?: (...args: Events[K]) => void },
): void {
  for (const [event, handler] of Object.entries(handlers) as [keyof Events, (...args: never[]) => void][]) {
    const off = ws.on(event, handler as never);
    signal.addEventListener("abort", off, { once: true });
  }
}

function mediaErrorCode(error: MediaError | null): string {
  if (!error) return "failed";
  if (error.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED || error.code === MediaError.MEDIA_ERR_DECODE)
    return "unsupported";
  if (error.code === MediaError.MEDIA_ERR_NETWORK) return "network";
  return "failed";
}
