"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { knownVendor } from "@/lib/vocabulary";
import type { SourceStatus } from "@/lib/model";
import { sourcesOptions } from "@/lib/queries/calls";
import { SourceSyncDetails } from "./source-sync-details";
import { SyncDot, syncTone } from "./sync-state";
import { SyncNowButton } from "./sync-now-button";

function SourceCard({ source, canSync }: { source: SourceStatus; canSync: boolean }) {
  const t = useTranslations("sources");
  const tv = useTranslations("model.vendor");
  const vendor = knownVendor(source.vendor);
  return (
    <article
      aria-labelledby={`source-${source.id}`}
      className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`source-${source.id}`} className="flex items-center gap-2 text-base font-semibold">
            <SyncDot tone={syncTone(source.sync)} />
            {source.name}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            {vendor ? tv(vendor) : source.vendor} · <span className="font-mono">{source.id}</span>
          </p>
        </div>
        {canSync && (
          <SyncNowButton sourceId={source.id} syncing={source.sync.state === "syncing"} size="sm" />
        )}
      </header>
      <SourceSyncDetails source={source} canSync={canSync} layout="row" />
      <div>
        <h3 className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
          {t("fields.tasks", { count: source.taskIds.length })}
        </h3>
        <ul className="flex flex-wrap gap-1">
          {source.taskIds.map((task) => (
            <li
              key={task}
              className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            >
              {task}
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

/** Each source with its sync state, progress, last error and quarantined records; "sync now" for admins. */
export function SourcesView({ canSync }: { canSync: boolean }) {
  const t = useTranslations("sources");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const sources = useQuery(sourcesOptions());
  const list = sources.data ?? [];
  const calls = list.reduce((sum, source) => sum + source.sync.calls, 0);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {t("summary", { sources: list.length, calls: number.format(calls) })}
        </p>
      </div>
      {sources.isError && (
        <p
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950/60 dark:text-rose-200"
        >
          {sources.error.message}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {list.map((source) => (
          <SourceCard key={source.id} source={source} canSync={canSync} />
        ))}
      </div>
    </div>
  );
}
