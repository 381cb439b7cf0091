"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { IgnoredParam } from "@/lib/calls/query";

/**
 * Says which of the link's filters could not be read and were left out (the API's own message for
 * each, naming the parameter), so a mistyped or outdated link never passes for the filter it asked for.
 */
export function IgnoredFilters({ ignored, action }: { ignored: IgnoredParam[]; action?: ReactNode }) {
  const t = useTranslations("calls.filters");
  if (ignored.length === 0) return null;
  return (
    <div
      role="status"
      data-testid="ignored-filters"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      <span>{t("ignored", { count: ignored.length })}</span>
      {ignored.map(({ param, message }) => (
        <code key={param} className="font-mono text-xs">
          {message}
        </code>
      ))}
      {action}
    </div>
  );
}
