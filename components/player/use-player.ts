"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import type { PlayerState, PlayerStore } from "./player-store";

export const PlayerContext = createContext<PlayerStore | null>(null);

/** The call page's player store (see PlayerProvider). */
export function usePlayer(): PlayerStore {
  const store = useContext(PlayerContext);
  if (!store) throw new Error("usePlayer outside PlayerProvider");
  return store;
}

/**
 * One slice of the player state; the component re-renders only when that slice changes. The selector
 * must return a primitive (or a stable value), never a fresh object.
 */
export function usePlayerState<T>(selector: (state: PlayerState) => T): T {
  const store = usePlayer();
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getSnapshot()),
    () => selector(store.getSnapshot()),
  );
}
