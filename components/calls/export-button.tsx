"use client";

import { useLocale, useTranslations } from "next-intl";
import { serializeCallQuery } from "@/lib/calls/query";
import type { CurrentList } from "./list-query";

/**
 * A plain link to the CSV of the current filter (and sort): the browser downloads it as the server
 * streams it, however many rows match.
 */
export function ExportButton({ query, total, totalIsEstimate = false }: CurrentList) {
  const t = useTranslations("calls.export");
  const locale = useLocale();
  const params = serializeCallQuery(query).toString();
  const href = `/api/calls/export${params ? `?${params}` : ""}`;
  const disabled = total === 0;
  const count = total === null ? "" : new Intl.NumberFormat(locale).format(total);
  return (
    <a
      href={disabled ? undefined : href}
      // Without an href an anchor is no link; keep the role so the disabled state is announced.
      role={disabled ? "link" : undefined}
      download
      aria-disabled={disabled || undefined}
      title={total === null ? t("hint") : t(totalIsEstimate ? "hintCountAbout" : "hintCount", { count })}
      className="inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-700 hover:bg-zinc-50 aria-disabled:pointer-events-none aria-disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4">
        <path
          d="M8 2.5v7.5M4.8 7 8 10.2 11.2 7M3 12.5h10"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {t("button")}
    </a>
  );
}
