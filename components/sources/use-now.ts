"use client";

import { useSyncExternalStore } from "react";

const TICK_MS = 15_000;

function subscribe(listener: () => void) {
  const timer = setInterval(listener, TICK_MS);
  return () => clearInterval(timer);
}

// Rounded to the tick, so the snapshot is stable between ticks.
const snapshot = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/**
 * The current time for "3 minutes ago", refreshed every few seconds. null while rendering on the
 * server and hydrating: relative times would differ between the two and break hydration.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}
