"use client";

import { useEffect, useRef } from "react";

export interface ListKeyboardHandlers {
  /** `/`: focus the search box. */
  onSearch: () => void;
  /** `j` (+1) / `k` (-1): move the highlighted row. */
  onMove: (delta: 1 | -1) => void;
  /** Enter outside links and buttons (a row's link aside): open the highlighted row; returns whether it did. */
  onOpen: () => boolean;
  /** `?`: show or hide the shortcut help. */
  onHelp: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === "INPUT" ||
    target.tagName === "TEXTAREA" ||
    target.tagName === "SELECT"
  );
}

/**
 * The list's shortcuts, on the whole page but never while the user types in a field or holds a
 * modifier (Ctrl+J, ⌘K belong to the browser and the system).
 */
export function useListKeyboard(handlers: ListKeyboardHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing)
        return;
      if (isTyping(event.target)) return;
      const h = latest.current;
      switch (event.key) {
        case "/":
          event.preventDefault();
          h.onSearch();
          break;
        case "j":
        case "J":
          event.preventDefault();
          h.onMove(1);
          break;
        case "k":
        case "K":
          event.preventDefault();
          h.onMove(-1);
          break;
        case "Enter": {
          // A focused link or button does its own thing on Enter, but for a row's own link: focus
          // follows the highlight a frame after j/k, and Enter within that frame would follow the
          // row the highlight just left. So a row opens the highlighted call.
          const target = event.target instanceof HTMLElement ? event.target : null;
          if (target?.closest("a, button, summary, [role='button']") && !target.closest("[data-row-index]"))
            return;
          if (h.onOpen()) event.preventDefault();
          break;
        }
        case "?":
          event.preventDefault();
          h.onHelp();
          break;
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
