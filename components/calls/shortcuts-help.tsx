"use client";

import { useTranslations } from "next-intl";
import { lazy, useEffect, useRef } from "react";
import { LazyBoundary } from "@/components/ui/lazy-boundary";

const loadList = () => import("./shortcut-list");
const ShortcutList = lazy(() => loadList().then((module) => ({ default: module.ShortcutList })));

/** The list's shortcuts, one "?" away (the button, or the key). */
export function ShortcutsHelp({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("calls.keyboard");
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onOpenChange(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onOpenChange(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, onOpenChange]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-label={t("title")}
        title={t("title")}
        onClick={() => onOpenChange(!open)}
        onPointerEnter={loadList}
        onFocus={loadList}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md border border-zinc-300 bg-white text-sm font-semibold text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        ?
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={t("title")}
          className="absolute top-full right-0 z-40 mt-1.5 w-64 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <h2 className="mb-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("title")}</h2>
          <LazyBoundary loading={null}>
            <ShortcutList />
          </LazyBoundary>
        </div>
      )}
    </div>
  );
}
