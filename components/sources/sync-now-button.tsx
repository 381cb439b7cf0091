"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { callKeys } from "@/lib/queries/calls";
import { ApiError, fetchJson } from "@/lib/queries/fetch-json";

/** Admins only (the server refuses others with 403; the page does not offer it to them at all). */
export function SyncNowButton({
  sourceId,
  syncing,
  size = "md",
}: {
  sourceId: string;
  syncing: boolean;
  size?: "sm" | "md";
}) {
  const t = useTranslations("sources");
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => fetchJson(`/api/sources/${encodeURIComponent(sourceId)}/sync`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: callKeys.sources }),
  });
  const busy = syncing || mutation.isPending;
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => mutation.mutate()}
        disabled={busy}
        className={`inline-flex items-center gap-1.5 rounded-md border border-zinc-300 bg-white font-medium text-zinc-800 hover:bg-zinc-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 ${
          size === "sm" ? "h-7 px-2 text-xs" : "h-8 px-3 text-sm"
        }`}
      >
        <svg aria-hidden viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${busy ? "animate-spin" : ""}`}>
          <path
            d="M13.5 8A5.5 5.5 0 1 1 11.9 4.1M13.5 2.5v3h-3"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {busy ? t("syncing") : t("syncNow")}
      </button>
      {mutation.error && (
        <p role="alert" className="text-xs text-rose-600 dark:text-rose-400">
          {mutation.error instanceof ApiError ? mutation.error.message : t("syncFailed")}
        </p>
      )}
    </div>
  );
}
