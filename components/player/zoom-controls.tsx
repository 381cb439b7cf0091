"use client";

import { useTranslations } from "next-intl";
import { formatDuration } from "@/lib/format";
import { ZoomIcon } from "./icons";
import { usePlayer, usePlayerState } from "./use-player";
import { fitPxPerSec, pxPerSecOf, visibleSeconds, zoomLevels } from "./zoom";

const stepButton =
  "inline-flex h-6 w-7 items-center justify-center rounded text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 disabled:pointer-events-none disabled:opacity-35 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** − [span in view] + | Whole call: the waveform's zoom (also = and - on the keyboard). */
export function ZoomControls({ durationMs }: { durationMs: number }) {
  const t = useTranslations("call.player.zoom");
  const store = usePlayer();
  const zoom = usePlayerState((state) => state.zoom);
  const widthPx = usePlayerState((state) => state.viewWidthPx);
  const ready = usePlayerState((state) => state.status === "ready");

  const pxPerSec = pxPerSecOf(zoom, durationMs, widthPx);
  const fitted = pxPerSec === 0;
  const finest = zoomLevels(durationMs, widthPx).at(-1)?.pxPerSec ?? 0;
  const canZoomIn = ready && finest > (pxPerSec || fitPxPerSec(durationMs, widthPx)) * 1.01;
  const seconds = visibleSeconds(zoom, durationMs, widthPx);
  const minutes = seconds / 60;
  // "15 s", "2 min"; a span that is not whole minutes (the fitted call) as a clock: "30:19".
  const span =
    widthPx <= 0
      ? ""
      : seconds < 59.5
        ? t("seconds", { count: Math.round(seconds) })
        : Math.abs(minutes - Math.round(minutes)) < 0.05
          ? t("minutes", { count: Math.round(minutes) })
          : formatDuration(seconds);

  return (
    <div
      role="group"
      aria-label={t("label")}
      className="flex shrink-0 items-center rounded-md border border-zinc-200 p-0.5 dark:border-zinc-700"
    >
      <button
        type="button"
        className={stepButton}
        onClick={() => store.stepZoom(-1)}
        disabled={!ready || fitted}
        aria-label={t("out")}
        title={`${t("out")} (-)`}
      >
        <ZoomIcon direction="out" />
      </button>
      <span
        className="min-w-14 px-1 text-center text-xs text-zinc-700 tabular-nums dark:text-zinc-300"
        title={t("spanTitle")}
        data-testid="zoom-span"
      >
        {span}
      </span>
      <button
        type="button"
        className={stepButton}
        onClick={() => store.stepZoom(1)}
        disabled={!canZoomIn}
        aria-label={t("in")}
        title={`${t("in")} (=)`}
      >
        <ZoomIcon direction="in" />
      </button>
      <span aria-hidden className="mx-1 h-4 w-px bg-zinc-200 dark:bg-zinc-700" />
      <button
        type="button"
        onClick={() => store.setZoom(0)}
        disabled={!ready}
        aria-pressed={fitted}
        title={t("fitTitle")}
        className="h-6 rounded px-2 text-xs text-zinc-600 hover:text-zinc-900 disabled:opacity-35 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
      >
        {t("fit")}
      </button>
    </div>
  );
}
