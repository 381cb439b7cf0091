"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { callPeaksOptions, type Peaks } from "@/lib/queries/call";
import { HoverTime } from "./hover-time";
import { SeekSlider } from "./seek-slider";
import { SpeechShading } from "./speech-shading";
import { TimeAxis } from "./time-axis";
import type { Span } from "./timeline";
import { useDarkScheme } from "./use-dark-scheme";
import { usePlayer } from "./use-player";

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
  /** When the peaks cannot be had: the talk time or the transcript's end, so seeking still works. */
  fallbackDurationMs: number;
}

/**
 * The recording as a waveform drawn from precomputed peaks: no audio byte is fetched until the reader
 * presses play (the <audio> has preload="none"; wavesurfer gets the peaks and the duration, so it
 * never downloads the file to decode it). wavesurfer is imported here only, inside the effect, so it
 * never weighs on other pages.
 */
export function Waveform({ callId, recordingUrl, spans, fallbackDurationMs }: WaveformProps) {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const dark = useDarkScheme();
  const peaks = useQuery(callPeaksOptions(callId));
  const mediaRef = useRef<HTMLAudioElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<{ setOptions(options: Record<string, unknown>): void } | null>(null);
  const [widthPx, setWidthPx] = useState(0);

  const settled = !peaks.isPending;
  const drawn = useMemo(() => (peaks.data ? mergeChannels(peaks.data) : null), [peaks.data]);
  const durationMs = peaks.data?.durationMs || fallbackDurationMs;

  useEffect(() => {
    const container = containerRef.current;
    const media = mediaRef.current;
    if (!settled || !container || !media || durationMs <= 0) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    media.preservesPitch = true;

    void (async () => {
      const { default: WaveSurfer } = await import("wavesurfer.js");
      if (cancelled) return;
      const colors = window.matchMedia("(prefers-color-scheme: dark)").matches ? COLORS.dark : COLORS.light;
      const ws = WaveSurfer.create({
        container,
        media,
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
        autoScroll: false,
      });
      engineRef.current = ws;
      const offs = [
        ws.on("timeupdate", (seconds) => store.update({ timeMs: seconds * 1000 })),
        ws.on("play", () => store.update({ playing: true })),
        ws.on("pause", () => store.update({ playing: false, buffering: false })),
        ws.on("finish", () => store.update({ playing: false, buffering: false })),
      ];
      const onWaiting = () => store.update({ buffering: true });
      const onPlaying = () => store.update({ buffering: false });
      const onError = () => store.update({ playing: false, buffering: false, error: mediaErrorCode(media.error) });
      media.addEventListener("waiting", onWaiting);
      media.addEventListener("playing", onPlaying);
      media.addEventListener("canplay", onPlaying);
      media.addEventListener("error", onError);
      // Seeks before "ready" would not move the drawn cursor (the duration is not known yet).
      let attached = false;
      const attach = () => {
        if (attached) return;
        attached = true;
        store.attach(ws, durationMs);
      };
      offs.push(ws.once("ready", attach), ws.once("error", attach));
      destroy = () => {
        store.detach();
        for (const off of offs) off();
        media.removeEventListener("waiting", onWaiting);
        media.removeEventListener("playing", onPlaying);
        media.removeEventListener("canplay", onPlaying);
        media.removeEventListener("error", onError);
        ws.destroy();
        // The media element is ours, not wavesurfer's: stop it and drop any download in flight.
        media.pause();
        media.removeAttribute("src");
        media.load();
        engineRef.current = null;
      };
    })().catch(() => {
      if (!cancelled) store.update({ status: "error", error: "engine" });
    });

    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [settled, drawn, durationMs, recordingUrl, store]);

  // Follow the system's light/dark switch without rebuilding the player.
  useEffect(() => {
    const colors = dark ? COLORS.dark : COLORS.light;
    engineRef.current?.setOptions({ waveColor: colors.wave, progressColor: colors.progress, cursorColor: colors.cursor });
  }, [dark]);

  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const observer = new ResizeObserver(([entry]) => setWidthPx(entry?.contentRect.width ?? 0));
    observer.observe(wrapper);
    return () => observer.disconnect();
  }, []);

  return (
    <div>
      {/* Never given a src by React: wavesurfer sets it, and preload="none" keeps it from fetching. */}
      <audio ref={mediaRef} preload="none" className="hidden" data-testid="call-audio" />
      <SeekSlider durationMs={durationMs} label={t("position")}>
        <div ref={wrapperRef} className="relative" style={{ height: HEIGHT }}>
          <SpeechShading spans={spans} durationMs={durationMs} />
          {!settled && <div className="absolute inset-x-0 top-1/2 h-8 -translate-y-1/2 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />}
          <div ref={containerRef} className="relative" data-testid="waveform" />
          <HoverTime durationMs={durationMs} />
        </div>
      </SeekSlider>
      <TimeAxis durationMs={durationMs} widthPx={widthPx} />
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

function mediaErrorCode(error: MediaError | null): string {
  if (!error) return "failed";
  if (error.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED || error.code === MediaError.MEDIA_ERR_DECODE) return "unsupported";
  if (error.code === MediaError.MEDIA_ERR_NETWORK) return "network";
  return "failed";
}
