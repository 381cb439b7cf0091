"use client";

import { useLayoutEffect, type RefObject } from "react";

/** Floating UI, fetched the first time a popover is pointed at or opened: it stays out of first-load JS. */
export const loadFloating = () => import("@floating-ui/dom");

/**
 * Keeps an open panel beside its button and inside the viewport: below it, or above when there is
 * no room below; shifted sideways at the screen's edge; its height capped to the room there is; and
 * following the button on scroll and resize. The panel is positioned `fixed`, so a scrolling or
 * clipping container cannot cut it off, while it stays in the DOM right after its button (no portal),
 * so Tab moves from the panel's last control on to the next filter as a reader expects.
 * Until Floating UI has arrived (a few ms, once) the panel sits where its CSS puts it, below the button.
 */
export function useAnchoredPosition(
  open: boolean,
  anchor: RefObject<HTMLElement | null>,
  floating: RefObject<HTMLElement | null>,
  align: "start" | "end",
): void {
  useLayoutEffect(() => {
    if (!open) return;
    let cancelled = false;
    let stop: (() => void) | undefined;
    void loadFloating().then(({ autoUpdate, computePosition, flip, offset, shift, size }) => {
      const reference = anchor.current;
      const panel = floating.current;
      if (cancelled || !reference || !panel) return;
      stop = autoUpdate(reference, panel, () => {
        void computePosition(reference, panel, {
          strategy: "fixed",
          placement: align === "end" ? "bottom-end" : "bottom-start",
          middleware: [
            offset(6),
            flip({ padding: 8 }),
            shift({ padding: 8 }),
            size({
              padding: 8,
              apply({ availableHeight }) {
                panel.style.maxHeight = `${Math.max(160, Math.floor(availableHeight))}px`;
              },
            }),
          ],
        }).then(({ x, y, placement }) => {
          if (cancelled) return;
          Object.assign(panel.style, {
            position: "fixed",
            left: `${x}px`,
            top: `${y}px`,
            right: "auto",
            marginTop: "0",
            overflowY: "auto",
          });
          panel.dataset.placement = placement;
        });
      });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [open, anchor, floating, align]);
}
