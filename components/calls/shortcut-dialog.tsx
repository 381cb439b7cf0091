"use client";

import { useTranslations } from "next-intl";
import { useEffect, type RefObject } from "react";

const KEYS = [
  { keys: ["/"], action: "search" },
  { keys: ["j", "k"], action: "move" },
  { keys: ["Enter"], action: "open" },
  { keys: ["?"], action: "help" },
] as const;

/**
 * The open help: the list's keys and what they do, loaded when the help first opens (or its button
 * is pointed at). A click outside `root` (the help's button and this) or Escape closes it.
 */
export function ShortcutDialog({
  root,
  onClose,
}: {
  root: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const t = useTranslations("calls.keyboard");

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [root, onClose]);

  return (
    <div
      role="dialog"
      aria-label={t("title")}
      className="absolute top-full right-0 z-40 mt-1.5 w-64 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg shadow-zinc-900/10 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <h2 className="mb-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("title")}</h2>
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2">
        {KEYS.map(({ keys, action }) => (
          <div key={action} className="contents">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd
                  key={key}
                  className="min-w-6 rounded border border-zinc-300 bg-zinc-50 px-1.5 text-center font-mono text-xs leading-5 dark:border-zinc-600 dark:bg-zinc-800"
                >
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-zinc-700 dark:text-zinc-300">{t(action)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
