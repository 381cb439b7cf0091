"use client";

import type { ReactNode } from "react";
import { formatDuration } from "@/lib/format";
import { usePlayer, usePlayerState } from "./use-player";

/**
 * The waveform as a keyboard-reachable slider: ←/→ move 5 s (the page's shortcuts), Home/End jump to
 * the ends. Its value is read in whole seconds so screen readers (and React) are not flooded.
 */
export function SeekSlider({
  durationMs,
  label,
  children,
}: {
  durationMs: number;
  label: string;
  children: ReactNode;
}) {
  const store = usePlayer();
  const second = usePlayerState((state) => Math.floor(state.timeMs / 1000));
  const total = Math.round(durationMs / 1000);
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={Math.min(second, total)}
      aria-valuetext={`${formatDuration(second)} / ${formatDuration(total)}`}
      data-player-keys
      onKeyDown={(event) => {
        if (event.key === "Home") store.seek(0);
        else if (event.key === "End") store.seek(durationMs);
        else return;
        event.preventDefault();
      }}
      className="cursor-pointer rounded-sm"
    >
      {children}
    </div>
  );
}
