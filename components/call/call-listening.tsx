"use client";

import { useMemo } from "react";
import { silentGaps, turnTarget } from "@/components/player/listen-plan";
import type { SpeechLanes } from "@/components/player/speech-shading";
import type { Span } from "@/components/player/timeline";
import { usePlayer, usePlayerState } from "@/components/player/use-player";
import { usePlayerShortcuts } from "@/components/player/use-player-shortcuts";
import { useSkipSilence } from "@/components/player/use-skip-silence";
import type { LeaveGuard } from "./use-leave-guard";

/**
 * The call page's keys: the player's, n / p through the list, j / k through the customer's turns. Skip
 * silence has its button only: `s` is the review batch's "save and next".
 */
export function Shortcuts({ guard, spans }: { guard: LeaveGuard; spans: readonly (Span | null)[] }) {
  const store = usePlayer();
  usePlayerShortcuts({
    onNext: () => guard.go("next"),
    onPrev: () => guard.go("prev"),
    onTurn: (direction) => {
      const target = turnTarget(spans, store.getSnapshot().timeMs, direction);
      if (target === null) return;
      // Keeps the play state: playing goes on from the turn, paused waits there (like a ?t= link).
      if (store.getSnapshot().playing) store.playFrom(target);
      else store.seek(target);
    },
  });
  return null;
}

/** Plays over the long silences when the reader asks to (the gaps are known from the alignment's lanes). */
export function SkipSilence({ lanes }: { lanes: SpeechLanes }) {
  const store = usePlayer();
  const durationMs = usePlayerState((state) => state.durationMs);
  const gaps = useMemo(() => silentGaps(lanes, durationMs), [lanes, durationMs]);
  useSkipSilence(store, gaps);
  return null;
}
