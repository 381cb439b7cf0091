"use client";

import { useTranslations } from "next-intl";

/** The vendor could not be reached: what shows is the index's copy, which may lag behind. */
export function StaleNotice({ onRefresh, refreshing }: { onRefresh: () => void; refreshing: boolean }) {
  const t = useTranslations("call.stale");
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/60 dark:text-amber-200"
    >
      <span aria-hidden>⚠</span>
      <span className="flex-1">{t("message")}</span>
      <button
        type="button"
        onClick={onRefresh}
        disabled={refreshing}
        className="rounded-md border border-amber-400 px-2.5 py-1 text-xs font-medium hover:bg-amber-100 disabled:opacity-50 dark:border-amber-600 dark:hover:bg-amber-900"
      >
        {refreshing ? t("retrying") : t("retry")}
      </button>
    </div>
  );
}
