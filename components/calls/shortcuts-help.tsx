"use client";

import { useTranslations } from "next-intl";
import { lazy, useCallback, useRef } from "react";
import { LazyBoundary } from "@/components/ui/lazy-boundary";

const loadDialog = () => import("./shortcut-dialog");
const ShortcutDialog = lazy(() => loadDialog().then((module) => ({ default: module.ShortcutDialog })));

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
  const close = useCallback(() => onOpenChange(false), [onOpenChange]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-label={t("title")}
        title={t("title")}
        onClick={() => onOpenChange(!open)}
        onPointerEnter={loadDialog}
        onFocus={loadDialog}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md border border-zinc-300 bg-white text-sm font-semibold text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        ?
      </button>
      {open && (
        <LazyBoundary loading={null}>
          <ShortcutDialog root={root} onClose={close} />
        </LazyBoundary>
      )}
    </div>
  );
}
