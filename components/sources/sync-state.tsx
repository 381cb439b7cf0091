"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { SourceStatus } from "@/lib/model";
import { useNow } from "./use-now";

type Sync = SourceStatus["sync"];

export type SyncTone = "ok" | "syncing" | "error" | "never";

export function syncTone(sync: Sync): SyncTone {
  if (sync.state === "syncing") return "syncing";
  if (sync.state === "error") return "error";
  return sync.lastSyncedAt ? "ok" : "never";
}

const DOT: Record<SyncTone, string> = {
  ok: "bg-emerald-500",
  syncing: "bg-brand-500 animate-pulse",
  error: "bg-rose-500",
  never: "bg-zinc-400",
};

export function SyncDot({ tone }: { tone: SyncTone }) {
  return <span aria-hidden className={`inline-block h-2 w-2 shrink-0 rounded-full ${DOT[tone]}`} />;
}

/** "同步中" / "同步失败" / "3 分钟前同步": one phrase for a source's state. */
export function SyncStateText({ sync, compact = false }: { sync: Sync; compact?: boolean }) {
  const t = useTranslations("sources.state");
  const locale = useLocale();
  const now = useNow();
  const tone = syncTone(sync);
  if (tone === "syncing") return <>{t("syncing")}</>;
  if (tone === "error") return <>{t("error")}</>;
  if (tone === "never") return <>{t("never")}</>;
  const exact = formatDateTime(sync.lastSyncedAt, locale);
  const last = sync.lastSyncedAt ? Date.parse(sync.lastSyncedAt) : 0;
  // The clock ticks every few seconds: anything within the last minute (or a hair ahead of it) is "just now".
  const recent = now !== null && now - last < 60_000;
  const relative =
    now === null ? null : recent ? t("justNow") : formatRelative(sync.lastSyncedAt, locale, now);
  return (
    <time dateTime={sync.lastSyncedAt ?? undefined} title={exact}>
      {relative === null
        ? compact
          ? exact.slice(11, 16)
          : exact
        : compact
          ? relative
          : t("syncedAgo", { when: relative })}
    </time>
  );
}
