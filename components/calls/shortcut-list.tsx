"use client";

import { useTranslations } from "next-intl";

const KEYS = [
  { keys: ["/"], action: "search" },
  { keys: ["j", "k"], action: "move" },
  { keys: ["Enter"], action: "open" },
  { keys: ["?"], action: "help" },
] as const;

/** The list's keys and what they do, loaded when the help first opens. */
export function ShortcutList() {
  const t = useTranslations("calls.keyboard");
  return (
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
  );
}
