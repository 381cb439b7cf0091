"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { lazy } from "react";
import { Popover } from "@/components/calls/popover";
import { LazyBoundary } from "@/components/ui/lazy-boundary";
import type { SourceStatus } from "@/lib/model";
import { sourcesOptions } from "@/lib/queries/calls";
import { SyncDot, SyncStateText, syncTone } from "./sync-state";

// The details (and "sync now") show only when a pill is opened: loaded then, not with the list page.
const loadDetails = () => import("./source-sync-details");
const SourceSyncDetails = lazy(() => loadDetails().then((module) => ({ default: module.SourceSyncDetails })));
// The progress bar only while a source syncs (rarely when the list opens): loaded then too. It sits
// inside the pill's button, so if it cannot load the pill goes on without it (its words say syncing).
const SyncProgress = lazy(() =>
  import("./sync-progress").then((module) => ({ default: module.SyncProgress })),
);

const PILL: Record<ReturnType<typeof syncTone>, string> = {
  ok: "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
  never:
    "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
  syncing:
    "border-brand-200 bg-brand-50 text-brand-900 hover:bg-brand-100 dark:border-brand-900 dark:bg-brand-900/30 dark:text-brand-100 dark:hover:bg-brand-900/50",
  error:
    "border-rose-200 bg-rose-50 text-rose-800 hover:bg-rose-100 dark:border-rose-900 dark:bg-rose-950/60 dark:text-rose-200 dark:hover:bg-rose-950",
};

function SourcePill({ source, canSync }: { source: SourceStatus; canSync: boolean }) {
  const t = useTranslations("sources");
  const tone = syncTone(source.sync);
  return (
    <Popover
      trigger={
        <span className="flex min-w-0 flex-col gap-0.5">
          <span className="flex items-center gap-1.5">
            <SyncDot tone={tone} />
            <span className="max-w-[8rem] truncate font-medium">{source.name}</span>
            <span className="text-zinc-500 dark:text-zinc-400">
              <SyncStateText sync={source.sync} compact />
            </span>
            {/* The name a screen reader hears starts with the words on the pill (WCAG 2.5.3), then the state. */}
            <span className="sr-only">{t(`state.${tone === "ok" ? "ok" : tone}`)}</span>
          </span>
          {tone === "syncing" && (
            <LazyBoundary loading={null} failed={null}>
              <SyncProgress progress={source.sync.progress} size="sm" />
            </LazyBoundary>
          )}
        </span>
      }
      triggerClassName={`flex h-8 items-center rounded-full border px-2.5 text-xs whitespace-nowrap ${PILL[tone]}`}
      panelLabel={source.name}
      panelClassName="w-80"
      onPrepare={loadDetails}
    >
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h3 className="font-semibold">{source.name}</h3>
        <Link href="/sources" className="text-xs text-brand-700 hover:underline dark:text-brand-400">
          {t("allSources")}
        </Link>
      </div>
      <SourceSyncDetails source={source} canSync={canSync} />
    </Popover>
  );
}

/** One pill per source: synced when, syncing (with progress), or failed; details and "sync now" on click. */
export function SyncStrip({ canSync }: { canSync: boolean }) {
  const t = useTranslations("sources");
  const sources = useQuery(sourcesOptions());
  if (!sources.data) return null;
  return (
    <div role="group" aria-label={t("stripLabel")} className="flex flex-wrap items-center gap-1.5">
      {sources.data.map((source) => (
        <SourcePill key={source.id} source={source} canSync={canSync} />
      ))}
    </div>
  );
}
