"use client";

import type { ColumnVisibilityState, Updater } from "@tanstack/react-table";
import { useCallback, useSyncExternalStore } from "react";
import { DEFAULT_HIDDEN_COLUMNS } from "./call-columns";

const STORAGE_KEY = "callscope:calls-columns";
const listeners = new Set<() => void>();
const DEFAULT: ColumnVisibilityState = { ...DEFAULT_HIDDEN_COLUMNS };

let cachedRaw: string | null | undefined;
let cachedValue: ColumnVisibilityState = DEFAULT;

function read(): ColumnVisibilityState {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return DEFAULT;
  }
  // Same string, same object: useSyncExternalStore needs a stable snapshot.
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      cachedValue =
        parsed &&
        typeof parsed === "object" &&
        Object.values(parsed).every((value) => typeof value === "boolean")
          ? { ...DEFAULT, ...(parsed as ColumnVisibilityState) }
          : DEFAULT;
    } catch {
      cachedValue = DEFAULT;
    }
  }
  return cachedValue;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed the columns: follow it.
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** Which columns show, remembered per browser. The server renders the defaults; the stored choice applies on hydration. */
export function useColumnVisibility() {
  const visibility = useSyncExternalStore(subscribe, read, () => DEFAULT);
  const setVisibility = useCallback((updater: Updater<ColumnVisibilityState>) => {
    const current = read();
    const next = typeof updater === "function" ? updater(current) : updater;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage is disabled: the choice cannot be kept, and read() would not see it.
      return;
    }
    listeners.forEach((listener) => listener());
  }, []);
  const reset = useCallback(() => {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      return;
    }
    listeners.forEach((listener) => listener());
  }, []);
  return { visibility, setVisibility, reset };
}
