"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatClock } from "@/lib/format";
import { CopyMomentLink } from "./copy-moment-link";
import { BackIcon, ForwardIcon, PauseIcon, PlayIcon, SpinnerIcon, VolumeIcon } from "./icons";
import { RATES } from "./player-store";
import { usePlayer, usePlayerState } from "./use-player";

const iconButton =
  "inline-flex h-8 items-center justify-center gap-1 rounded-md px-2 text-sm text-zinc-700 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-300 dark:hover:bg-zinc-800";

/**
 * Play/pause, ±5 s, the clock, speed, volume, the page's listening tools (skip silence) and a link to
 * this moment: one row under the waveform.
 */
export function PlayerControls({ aside, tools }: { aside?: ReactNode; tools?: ReactNode }) {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const playing = usePlayerState((state) => state.playing);
  const buffering = usePlayerState((state) => state.buffering && state.playing);
  const ready = usePlayerState((state) => state.status !== "none");

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2" data-player-keys>
      <button
        type="button"
        onClick={() => store.toggle()}
        disabled={!ready}
        aria-label={playing ? t("pause") : t("play")}
        title={`${playing ? t("pause") : t("play")} (${t("keySpace")})`}
        className="inline-flex h-9 w-9 items-center justify-center rounded-full bg-brand-600 text-white shadow-sm hover:bg-brand-700 disabled:opacity-40 dark:bg-brand-500 dark:text-zinc-950 dark:hover:bg-brand-400"
      >
        {buffering ? <SpinnerIcon /> : playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <div className="flex items-center">
        <button
          type="button"
          className={iconButton}
          onClick={() => store.skip(-5)}
          aria-label={t("back5")}
          title={`${t("back5")} (←)`}
        >
          <BackIcon />
          <span className="text-xs tabular-nums">5</span>
        </button>
        <button
          type="button"
          className={iconButton}
          onClick={() => store.skip(5)}
          aria-label={t("forward5")}
          title={`${t("forward5")} (→)`}
        >
          <span className="text-xs tabular-nums">5</span>
          <ForwardIcon />
        </button>
      </div>
      <Clock />
      <RateGroup />
      <VolumeControl />
      {tools}
      <div className="ml-auto flex items-center gap-4">
        {aside}
        <CopyMomentLink />
      </div>
    </div>
  );
}

function Clock() {
  const t = useTranslations("call.player");
  const second = usePlayerState((state) => Math.floor(state.timeMs / 1000));
  const durationMs = usePlayerState((state) => state.durationMs);
  return (
    <div className="font-mono text-sm text-zinc-700 tabular-nums dark:text-zinc-300" aria-label={t("clock")}>
      <span className="text-zinc-900 dark:text-zinc-100">{formatClock(second * 1000)}</span>
      <span className="mx-1 text-zinc-400">/</span>
      <span>{durationMs > 0 ? formatClock(durationMs) : "—"}</span>
    </div>
  );
}

function RateGroup() {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const rate = usePlayerState((state) => state.rate);
  return (
    <div
      role="group"
      aria-label={t("speed")}
      title={`${t("speed")} ([ / ])`}
      className="flex items-center rounded-md border border-zinc-200 p-0.5 dark:border-zinc-700"
    >
      {RATES.map((value) => (
        <button
          key={value}
          type="button"
          aria-pressed={rate === value}
          onClick={() => store.setRate(value)}
          className="rounded px-1.5 py-0.5 text-xs text-zinc-600 tabular-nums hover:text-zinc-900 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
        >
          {value}×
        </button>
      ))}
    </div>
  );
}

function VolumeControl() {
  const t = useTranslations("call.player");
  const store = usePlayer();
  const volume = usePlayerState((state) => state.volume);
  const muted = usePlayerState((state) => state.muted || state.volume === 0);
  return (
    <div className="flex items-center gap-1">
      <button
        type="button"
        className={iconButton}
        onClick={() => store.toggleMute()}
        aria-label={muted ? t("unmute") : t("mute")}
        aria-pressed={muted}
      >
        <VolumeIcon muted={muted} />
      </button>
      <input
        type="range"
        min={0}
        max={1}
        step={0.05}
        value={muted ? 0 : volume}
        onChange={(event) => store.setVolume(Number(event.target.value))}
        aria-label={t("volume")}
        className="h-1 w-20 cursor-pointer accent-brand-600"
      />
    </div>
  );
}
