"use client";

import { useEffect } from "react";
import { skipSilenceTarget, type Gap } from "./listen-plan";
import type { PlayerStore } from "./player-store";

/**
 * While playing with "skip silence" on, a tick inside a long silence jumps to just before the next
 * words. Runs on the store's ticks, outside React.
 */
export function useSkipSilence(store: PlayerStore, gaps: readonly Gap[]): void {
  useEffect(() => {
    if (gaps.length === 0) return;
    return store.subscribe(() => {
      const { playing, skipSilence, timeMs, durationMs } = store.getSnapshot();
      if (!playing || !skipSilence) return;
      const target = skipSilenceTarget(gaps, timeMs, durationMs);
      // The seek reports the new time at once, which is past the gap: no second jump.
      if (target !== null) store.seek(target);
    });
  }, [store, gaps]);
}
