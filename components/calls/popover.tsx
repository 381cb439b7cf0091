"use client";

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { LazyBoundary } from "@/components/ui/lazy-boundary";
import { loadFloating, useAnchoredPosition } from "./use-anchored-position";

interface PopoverProps {
  /** The button's content. */
  trigger: ReactNode;
  /** Accessible name of the button when its content is not enough (an icon, a value summary). */
  triggerLabel?: string;
  triggerClassName?: string;
  /** Names the panel for assistive technology. */
  panelLabel: string;
  panelClassName?: string;
  align?: "start" | "end";
  /**
   * Starts loading a lazily loaded panel (React.lazy) as soon as the user points at or focuses the
   * button, so it is usually there by the click. Panels load on demand to keep them out of the
   * list page's first-load JavaScript.
   */
  onPrepare?: () => unknown;
  children: ReactNode;
}

const FOCUSABLE =
  "input:not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), [href], [tabindex]:not([tabindex='-1'])";

/**
 * A button that opens a small panel below it (above it near the bottom of the screen; kept inside
 * the viewport by Floating UI, see useAnchoredPosition). Keyboard: Enter/Space opens and focuses the
 * panel's first control, Escape closes and returns focus to the button, tabbing out or clicking
 * elsewhere closes.
 */
export function Popover({
  trigger,
  triggerLabel,
  triggerClassName,
  panelLabel,
  panelClassName = "",
  align = "start",
  onPrepare,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useAnchoredPosition(open, button, panel, align);
  const prepare = useCallback(() => {
    void loadFloating();
    onPrepare?.();
  }, [onPrepare]);

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    // A lazily loaded panel may not be there yet: focus its first control when it arrives.
    const focusFirst = () => {
      const first = panel.current?.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
      return Boolean(first);
    };
    const arrival = new MutationObserver(() => focusFirst() && arrival.disconnect());
    if (!focusFirst() && panel.current) arrival.observe(panel.current, { childList: true, subtree: true });
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => {
      arrival.disconnect();
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          close();
        }
      }}
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget as Node | null) && event.relatedTarget)
          setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={triggerLabel}
        onClick={() => setOpen((value) => !value)}
        onPointerEnter={prepare}
        onFocus={prepare}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="dialog"
          aria-label={panelLabel}
          className={`absolute top-full z-40 mt-1.5 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900 dark:shadow-black/40 ${
            align === "end" ? "right-0" : "left-0"
          } ${panelClassName}`}
        >
          <LazyBoundary loading={<PanelLoading />}>{children}</LazyBoundary>
        </div>
      )}
    </div>
  );
}

/** What a lazily loaded panel shows for the few milliseconds before it arrives. */
function PanelLoading() {
  return (
    <div aria-hidden className="flex h-16 items-center justify-center">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-zinc-300 border-t-brand-500 dark:border-zinc-700 dark:border-t-brand-400" />
    </div>
  );
}
