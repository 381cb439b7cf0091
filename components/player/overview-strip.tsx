"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { SpeechShading } from "./speech-shading";
import type { Span } from "./timeline";
import { useDarkScheme } from "./use-dark-scheme";
import { usePlayer, usePlayerState } from "./use-player";

const HEIGHT = 24;

interface OverviewStripProps {
  spans: readonly (Span | null)[];
  durationMs: number;
  peaks: Float32Array | null;
}

/**
 * The whole call in a thin strip while the waveform is zoomed: who spoke when, the loudness, the
 * part in view outlined and the play head. A click (or a drag) moves the play head there and the
 * view follows. Pointer-only by design: the waveform slider and ←/→ cover the keyboard.
 */
export function OverviewStrip({ spans, durationMs, peaks }: OverviewStripProps) {
  const t = useTranslations("call.player.zoom");
  const store = usePlayer();
  const dark = useDarkScheme();
  const ref = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const frame = useRef(0);

  const seekAt = (clientX: number) => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width <= 0) return;
    store.seek(Math.max(0, Math.min(1, (clientX - box.left) / box.width)) * durationMs);
  };

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  return (
    <div
      ref={ref}
      aria-hidden
      title={t("overview")}
      data-testid="overview"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        dragging.current = true;
        seekAt(event.clientX);
      }}
      onPointerMove={(event) => {
        if (!dragging.current) return;
        const x = event.clientX;
        cancelAnimationFrame(frame.current);
        frame.current = requestAnimationFrame(() => seekAt(x));
      }}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
      className="relative isolate cursor-pointer touch-none overflow-hidden rounded bg-zinc-100 select-none dark:bg-zinc-800/70"
      style={{ height: HEIGHT }}
    >
      <SpeechShading spans={spans} durationMs={durationMs} heightPx={HEIGHT} dark={dark} />
      <MiniWave peaks={peaks} dark={dark} />
      <ViewWindow durationMs={durationMs} />
      <HeadMark durationMs={durationMs} />
    </div>
  );
}

/** The loudness of the whole call, one column per pixel (the loudest point it covers). */
function MiniWave({ peaks, dark }: { peaks: Float32Array | null; dark: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !peaks || peaks.length === 0) return;
    const draw = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(canvas.clientWidth * ratio);
      const height = Math.round(canvas.clientHeight * ratio);
      if (width <= 0 || height <= 0) return;
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) return;
      let loudest = 0;
      for (const value of peaks) if (value > loudest) loudest = value;
      if (loudest <= 0) return;
      context.fillStyle = dark ? "rgba(161, 161, 170, 0.4)" : "rgba(82, 82, 91, 0.4)";
      const middle = height / 2;
      const column = Math.max(1, Math.round(ratio));
      for (let x = 0; x < width; x += column) {
        const from = Math.floor((x / width) * peaks.length);
        const to = Math.max(from + 1, Math.floor(((x + column) / width) * peaks.length));
        let max = 0;
        for (let i = from; i < to && i < peaks.length; i++) if (peaks[i]! > max) max = peaks[i]!;
        const half = Math.max(0.5, (max / loudest) * middle * 0.8);
        context.fillRect(x, middle - half, column, half * 2);
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [peaks, dark]);

  return <canvas ref={ref} className="pointer-events-none absolute inset-0 h-full w-full" />;
}

/** The part of the call the waveform shows, outlined. */
function ViewWindow({ durationMs }: { durationMs: number }) {
  const start = usePlayerState((state) => state.viewStartMs);
  const end = usePlayerState((state) => state.viewEndMs);
  if (durationMs <= 0) return null;
  const left = (start / durationMs) * 100;
  const width = ((end - start) / durationMs) * 100;
  return (
    <div
      data-testid="overview-window"
      className="pointer-events-none absolute inset-y-0 rounded-[3px] border-2 border-brand-600 bg-brand-500/15 dark:border-brand-400 dark:bg-brand-400/15"
      style={{ left: `${left}%`, width: `max(${width}%, 6px)` }}
    />
  );
}

/** The play head, moved in steps of 1/2000 of the call so a tick rarely re-renders it. */
function HeadMark({ durationMs }: { durationMs: number }) {
  const step = usePlayerState((state) =>
    durationMs > 0 ? Math.round((state.timeMs / durationMs) * 2000) : 0,
  );
  return (
    <div
      className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-zinc-900 dark:bg-white"
      style={{ left: `${step / 20}%` }}
    />
  );
}
