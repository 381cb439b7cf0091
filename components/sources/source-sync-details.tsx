"use client";

import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/format";
import type { SourceStatus } from "@/lib/model";
import { SyncNowButton } from "./sync-now-button";
import { SyncProgress } from "./sync-progress";
import { SyncDot, SyncStateText, syncTone } from "./sync-state";

interface SourceSyncDetailsProps {
  source: SourceStatus;
  canSync: boolean;
  /** "stack": label beside value (the status strip's popover); "row": figures side by side (the sources page). */
  layout?: "stack" | "row";
}

/** Everything about one source's sync, in words: shared by the list's status strip and the sources page. */
export function SourceSyncDetails({ source, canSync, layout = "stack" }: SourceSyncDetailsProps) {
  const t = useTranslations("sources");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const { sync } = source;
  const tone = syncTone(sync);
  const quarantined = sync.quarantined ?? 0;

  const fields: { label: string; value: ReactNode }[] = [
    {
      label: t("fields.state"),
      value: (
        <span className="flex items-center gap-1.5">
          <SyncDot tone={tone} />
          <SyncStateText sync={sync} />
        </span>
      ),
    },
    {
      label: t("fields.lastSynced"),
      value: (
        <span className="tabular-nums">
          {sync.lastSyncedAt ? formatDateTime(sync.lastSyncedAt, locale) : t("state.never")}
        </span>
      ),
    },
    { label: t("fields.calls"), value: <span className="tabular-nums">{number.format(sync.calls)}</span> },
    {
      label: t("fields.quarantined"),
      value:
        quarantined > 0 && canSync ? (
          <Link
            href="/admin/quarantine"
            className="text-amber-700 tabular-nums underline underline-offset-2 dark:text-amber-400"
          >
            {number.format(quarantined)}
          </Link>
        ) : (
          <span className={`tabular-nums ${quarantined > 0 ? "text-amber-700 dark:text-amber-400" : ""}`}>
            {number.format(quarantined)}
          </span>
        ),
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      {layout === "row" ? (
        <dl className="flex flex-wrap gap-x-8 gap-y-3 text-sm">
          {fields.map((field) => (
            <div key={field.label} className="flex flex-col gap-0.5">
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">{field.label}</dt>
              <dd className="whitespace-nowrap">{field.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {fields.map((field) => (
            <div key={field.label} className="contents">
              <dt className="text-zinc-500 dark:text-zinc-400">{field.label}</dt>
              <dd>{field.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {tone === "syncing" && <SyncProgress progress={sync.progress} />}
      {sync.error && (
        <div className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950/60 dark:text-rose-200">
          <p className="mb-0.5 text-xs font-medium">
            {tone === "error" ? t("lastError") : t("previousError")}
          </p>
          <p className="break-words">{sync.error}</p>
        </div>
      )}
      {canSync && layout === "stack" && <SyncNowButton sourceId={source.id} syncing={tone === "syncing"} />}
    </div>
  );
}
