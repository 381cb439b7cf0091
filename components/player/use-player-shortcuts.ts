"use client";

import { useEffect, useRef } from "react";
import { usePlayer } from "./use-player";

interface ShortcutOptions {
  onNext?: () => void;
  onPrev?: () => void;
  /** j / k: the next / previous customer turn. */
  onTurn?: (direction: 1 | -1) => void;
}

/**
 * The page's keys: space play/pause, ←/→ 5 s, [ and ] speed, = and - waveform zoom, j/k next/previous
 * customer turn, s skip silence on/off, n/p next/previous call. Never while
 * typing (the review note), and space keeps its usual meaning on buttons outside the player
 * (a keyboard user pressing "Save" must not start the audio instead).
 */
export function usePlayerShortcuts({ onNext, onPrev, onTurn }: ShortcutOptions) {
  const store = usePlayer();
  const handlers = useRef({ onNext, onPrev, onTurn });
  useEffect(() => {
    handlers.current = { onNext, onPrev, onTurn };
  });

  useEffect(() => {
    let swallowSpaceUp = false;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && isTextEntry(target)) return;
      switch (event.key) {
        case " ": {
          if (target && isControl(target) && !target.closest("[data-player-keys]")) return;
          event.preventDefault();
          swallowSpaceUp = true;
          if (!event.repeat) store.toggle();
          return;
        }
        case "ArrowLeft":
        case "ArrowRight":
          if (target && (isRange(target) || target.closest("[role=radiogroup],[role=tablist],[role=menu]")))
            return;
          event.preventDefault();
          store.skip(event.key === "ArrowLeft" ? -5 : 5);
          return;
        case "[":
          store.stepRate(-1);
          return;
        case "]":
          store.stepRate(1);
          return;
        case "=":
        case "+":
          store.stepZoom(1);
          return;
        case "-":
          store.stepZoom(-1);
          return;
        case "j":
        case "k":
          handlers.current.onTurn?.(event.key === "j" ? 1 : -1);
          return;
        case "n":
        case "N":
          if (event.shiftKey) return;
          handlers.current.onNext?.();
          return;
        case "p":
        case "P":
          if (event.shiftKey) return;
          handlers.current.onPrev?.();
          return;
      }
    };
    // A button activates on space *up*: swallow it when space went to the player.
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === " " && swallowSpaceUp) {
        event.preventDefault();
        swallowSpaceUp = false;
      }
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
    };
  }, [store]);
}

function isTextEntry(element: HTMLElement): boolean {
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !["range", "checkbox", "radio", "button", "submit", "reset", "color", "file"].includes(
      element.type,
    );
  }
  return false;
}

/** Controls where ←/→ already mean something (a slider, a set of radios). */
function isRange(element: HTMLElement): boolean {
  return element instanceof HTMLInputElement && (element.type === "range" || element.type === "radio");
}

function isControl(element: HTMLElement): boolean {
  return (
    element.closest(
      "button, a[href], input, select, textarea, summary, [role=button], [role=radio], [role=checkbox]",
    ) !== null
  );
}
