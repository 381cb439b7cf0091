"use client";

import { useEffect, type RefObject } from "react";
import type { Span as SpeechSpan } from "@/lib/model";
import { spokenText } from "@/lib/transcript/stage-directions";
import type { PlayerStore } from "./player-store";
import { spokenChars, spokenIndexAt, type SpokenChar } from "./spoken-chars";
import { activeIndexAt, type Span } from "./timeline";

/** CSS Custom Highlight names (styled in app/globals.css). */
const CURRENT = "callscope-spoken";
const PAST = "callscope-spoken-past";

interface Line {
  index: number;
  chars: SpokenChar[];
  /** The line's spoken text nodes, in order, with where each begins in the spoken text. */
  nodes: { node: Text; start: number }[];
}

/**
 * Lights up the character being spoken inside the current line, as the audio plays. Runs outside
 * React, on the player store's ticks: the characters are marked with the CSS Custom Highlight API
 * (ranges over the existing text, no element added or re-rendered), and the line carries
 * `data-spoken-char` (the index among its spoken characters) for tests and styling. Only lines with
 * detected speech of their own (aligned) take part; a browser without the API just shows no mark.
 */
export function useSpokenHighlight(
  store: PlayerStore,
  scrollerRef: RefObject<HTMLElement | null>,
  transcriptTexts: readonly string[],
  spans: readonly (Span | null)[],
  speech: readonly (readonly SpeechSpan[] | null)[] | undefined,
  enabled: boolean,
): void {
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!enabled || !speech || !scroller) return;
    const highlights = typeof CSS !== "undefined" && "highlights" in CSS ? CSS.highlights : null;
    const schedules = new Map<number, SpokenChar[]>();
    let line: Line | null = null;
    let shown = -2;

    const clear = () => {
      highlights?.delete(CURRENT);
      highlights?.delete(PAST);
      scroller.querySelector("[data-spoken-char]")?.removeAttribute("data-spoken-char");
      shown = -2;
    };

    const resolve = (index: number): Line | null => {
      const own = speech[index];
      const text = transcriptTexts[index];
      if (!own || text === undefined) return null;
      let chars = schedules.get(index);
      if (!chars) {
        chars = spokenChars(spokenText(text), own);
        schedules.set(index, chars);
      }
      const item = scroller.querySelector(`[data-index="${index}"]`);
      if (!item || chars.length === 0) return null;
      const nodes: Line["nodes"] = [];
      let start = 0;
      for (const part of item.querySelectorAll("[data-spoken]")) {
        const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node: node as Text, start });
          start += (node as Text).length;
        }
      }
      return { index, chars, nodes };
    };

    const rangeOf = (current: Line, from: number, to: number): Range | null => {
      const range = document.createRange();
      const a = locate(current.nodes, from);
      const b = locate(current.nodes, to);
      if (!a || !b) return null;
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      return range;
    };

    const update = () => {
      const { timeMs } = store.getSnapshot();
      const index = activeIndexAt(spans, timeMs);
      if (line?.index !== index || !line.nodes.every(({ node }) => node.isConnected)) {
        clear();
        line = index >= 0 ? resolve(index) : null;
      }
      if (!line) return;
      const at = spokenIndexAt(line.chars, timeMs);
      if (at === shown) return;
      shown = at;
      const item = scroller.querySelector(`[data-index="${line.index}"]`);
      if (at < 0) {
        item?.removeAttribute("data-spoken-char");
        highlights?.delete(CURRENT);
        highlights?.delete(PAST);
        return;
      }
      item?.setAttribute("data-spoken-char", String(at));
      if (!highlights) return;
      const char = line.chars[at]!;
      const current = rangeOf(line, char.offset, char.offset + char.length);
      const past = at > 0 ? rangeOf(line, 0, char.offset) : null;
      if (current) highlights.set(CURRENT, new Highlight(current));
      if (past) highlights.set(PAST, new Highlight(past));
      else highlights.delete(PAST);
    };

    update();
    const unsubscribe = store.subscribe(update);
    return () => {
      unsubscribe();
      clear();
    };
  }, [store, scrollerRef, transcriptTexts, spans, speech, enabled]);
}

/** The text node and offset of a position in the line's spoken text (the end of the last node at the end). */
function locate(nodes: Line["nodes"], position: number): { node: Text; offset: number } | null {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const { node, start } = nodes[i]!;
    if (position >= start) return { node, offset: Math.min(position - start, node.length) };
  }
  return null;
}
