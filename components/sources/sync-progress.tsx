"use client";

import { useLocale, useTranslations } from "next-intl";
import type { SourceStatus } from "@/lib/model";

type Progress = NonNullable<SourceStatus["sync"]["progress"]>;

/** Listing has no known end (vendors do not say how many calls there are); fetching details does. */
export function progressFraction(progress: Progress): number | null {
  const detailsTotal = progress.details + progress.detailsPending;
  return detailsTotal > 0 ? progress.details / detailsTotal : null;
}

/** A bar (moving stripe while the end is unknown) and what is happening, in words. */
export function SyncProgress({
  progress,
  size = "md",
}: {
  progress: Progress | undefined;
  size?: "sm" | "md";
}) {
  const t = useTranslations("sources.progress");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const fraction = progress ? progressFraction(progress) : null;
  const text = !progress
    ? t("starting")
    : fraction === null
      ? t("listing", { calls: number.format(progress.calls), pages: number.format(progress.pages) })
      : t("details", {
          done: number.format(progress.details),
          total: number.format(progress.details + progress.detailsPending),
        });
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div
        role="progressbar"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        className={`relative overflow-hidden rounded-full bg-brand-100 dark:bg-brand-900/50 ${size === "sm" ? "h-1" : "h-1.5"}`}
      >
        {fraction === null ? (
          <div className="absolute inset-y-0 left-0 w-2/5 animate-pulse rounded-full bg-brand-500" />
        ) : (
          <div
            className="h-full rounded-full bg-brand-500 transition-[width] duration-500"
            style={{ width: `${Math.max(3, fraction * 100)}%` }}
          />
        )}
      </div>
      {size === "md" && (
        <p className="truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{text}</p>
      )}
    </div>
  );
}
