"use client";

import { useEffect, useState, type ReactNode } from "react";
import { PlayerStore } from "./player-store";
import { PlayerContext } from "./use-player";

interface PlayerProviderProps {
  hasRecording: boolean;
  durationMs: number;
  /** From `?t=` (ms): where the play head starts, without playing. */
  initialMs: number | null;
  children: ReactNode;
}

/** One player per call page; the store lives as long as the page (keyed by call id above). */
export function PlayerProvider({ hasRecording, durationMs, initialMs, children }: PlayerProviderProps) {
  const [store] = useState(() => new PlayerStore({ hasRecording, durationMs, initialMs }));
  useEffect(() => store.loadPrefs(), [store]);
  return <PlayerContext.Provider value={store}>{children}</PlayerContext.Provider>;
}
