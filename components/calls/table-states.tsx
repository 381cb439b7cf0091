"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

// What the table says in place of rows: no match, or the server's error. Loaded only when one of
// them shows (calls-table.tsx), so neither is in the list route's first-load JavaScript.

function StateFrame({
  icon,
  title,
  children,
  tone = "neutral",
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  tone?: "neutral" | "error";
}) {
  return (
    <div className="flex min-h-64 flex-col items-center justify-center gap-3 px-6 py-12 text-center">
      <div
        aria-hidden
        className={`flex h-11 w-11 items-center justify-center rounded-full ${
          tone === "error"
            ? "bg-rose-50 text-rose-600 dark:bg-rose-950 dark:text-rose-400"
            : "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400"
        }`}
      >
        {icon}
      </div>
      <p className="text-base font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      {children}
    </div>
  );
}

const searchIcon = (
  <svg viewBox="0 0 20 20" className="h-5 w-5">
    <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
    <path d="m13 13 4 4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
  </svg>
);

const buttonClass =
  "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";

/** No call matches: say so, and offer the way out. */
export function EmptyState({
  filtered,
  syncing,
  onClear,
}: {
  filtered: boolean;
  syncing: boolean;
  onClear: () => void;
}) {
  const t = useTranslations("calls.empty");
  if (filtered) {
    return (
      <StateFrame icon={searchIcon} title={t("filteredTitle")}>
        <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{t("filteredBody")}</p>
        <button type="button" onClick={onClear} className={buttonClass}>
          {t("clear")}
        </button>
      </StateFrame>
    );
  }
  return (
    <StateFrame
      icon={
        syncing ? (
          <svg viewBox="0 0 20 20" className="h-5 w-5 animate-spin">
            <path
              d="M10 3a7 7 0 1 1-7 7"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
        ) : (
          searchIcon
        )
      }
      title={syncing ? t("firstSyncTitle") : t("noCallsTitle")}
    >
      <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
        {syncing ? t("firstSyncBody") : t("noCallsBody")}
      </p>
    </StateFrame>
  );
}

/** The server said no: its words, and a way to try again. Never a blank page. */
export function ErrorState({
  message,
  onRetry,
  retrying,
}: {
  message: string;
  onRetry: () => void;
  retrying: boolean;
}) {
  const t = useTranslations("calls.error");
  return (
    <div role="alert">
      <StateFrame
        tone="error"
        icon={
          <svg viewBox="0 0 20 20" className="h-5 w-5">
            <path d="M10 6v5M10 14h.01" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        }
        title={t("title")}
      >
        <p
          className="max-w-md rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
          data-testid="list-error-message"
        >
          {message}
        </p>
        <button type="button" onClick={onRetry} disabled={retrying} className={buttonClass}>
          {retrying ? t("retrying") : t("retry")}
        </button>
      </StateFrame>
    </div>
  );
}
