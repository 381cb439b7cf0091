"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ChevronIcon } from "@/components/player/icons";
import { IntentBadge } from "@/components/ui/intent-badge";
import { ReviewBadge } from "@/components/ui/review-badge";
import { formatDateTime } from "@/lib/format";
import { batchOptions, callInBatchHref, nextInBatch } from "@/lib/queries/reviews";
import { ProgressBar } from "./progress-bar";
import { QuerySummary } from "./query-summary";

/** One batch: progress overall and by reviewer, its calls in working order, and "start / continue". */
export function BatchView({ id, canReview }: { id: string; canReview: boolean }) {
  const t = useTranslations("reviews");
  const locale = useLocale();
  const router = useRouter();
  const batch = useQuery(batchOptions(id));
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (batch.isError)
    return (
      <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
        {t("batch.loadFailed", { message: batch.error.message })}
      </p>
    );
  const data = batch.data;
  if (!data) return <div className="h-40 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800" />;

  const finished = data.total > 0 && data.done >= data.total;
  const open = async () => {
    setOpening(true);
    setError(null);
    try {
      const next = await nextInBatch(id);
      if (next) router.push(callInBatchHref(next, id));
      else await batch.refetch();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setOpening(false);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <Link
        href="/reviews"
        className="inline-flex w-fit items-center gap-0.5 text-sm text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronIcon direction="left" />
        {t("batch.back")}
      </Link>
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">{data.name}</h1>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
            {t("batch.drawn", {
              by: data.createdBy,
              at: formatDateTime(data.createdAt, locale),
              matched: data.matched,
              total: data.total,
              seed: data.seed,
            })}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
            <span className="text-zinc-600 dark:text-zinc-300">
              {t(`stratify.${data.stratify ?? "none"}`)}
            </span>
            <QuerySummary query={data.query} />
            <Link
              href={data.query ? `/calls?${data.query}` : "/calls"}
              className="text-brand-700 hover:underline dark:text-brand-400"
            >
              {t("batch.openFilter")}
            </Link>
          </div>
        </div>
        <div className="ml-auto flex items-center gap-3">
          {finished ? (
            <p
              role="status"
              className="rounded-md bg-emerald-50 px-3 py-1.5 text-sm font-medium text-emerald-800 ring-1 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300"
            >
              ✓ {t("batch.finished")}
            </p>
          ) : (
            canReview && (
              <button
                type="button"
                onClick={open}
                disabled={opening}
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50 dark:bg-brand-500 dark:text-zinc-950 dark:hover:bg-brand-400"
              >
                {data.done > 0 ? t("batch.continue") : t("batch.start")}
              </button>
            )
          )}
        </div>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_320px]">
        <section
          aria-labelledby="batch-calls"
          className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2
            id="batch-calls"
            className="border-b border-zinc-200 px-4 py-2.5 text-sm font-semibold dark:border-zinc-800"
          >
            {t("batch.calls")}
            <span className="ml-2 font-normal text-zinc-500 tabular-nums dark:text-zinc-400">
              {t("progress", { done: data.done, total: data.total })}
            </span>
          </h2>
          <div className="max-h-[calc(100dvh-18rem)] overflow-y-auto">
            <table className="w-full text-sm">
              <thead className="sticky top-0 bg-white text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
                <tr>
                  <th className="w-12 px-4 py-2 font-medium">{t("batch.columns.position")}</th>
                  <th className="px-4 py-2 font-medium">{t("batch.columns.callee")}</th>
                  <th className="px-4 py-2 font-medium">{t("batch.columns.startedAt")}</th>
                  <th className="px-4 py-2 font-medium">{t("batch.columns.intent")}</th>
                  <th className="px-4 py-2 font-medium">{t("batch.columns.status")}</th>
                  <th className="px-4 py-2 font-medium">{t("batch.columns.reviewer")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {data.calls.map((call, index) => (
                  <tr key={call.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                    <td className="px-4 py-2 text-zinc-500 tabular-nums">{index + 1}</td>
                    <td className="px-4 py-2">
                      <Link
                        href={callInBatchHref(call.id, id)}
                        className="font-mono text-zinc-900 tabular-nums hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-400"
                      >
                        {call.callee ?? call.id}
                      </Link>
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-300">
                      {formatDateTime(call.startedAt, locale)}
                    </td>
                    <td className="px-4 py-2">
                      <IntentBadge intent={call.intent} />
                    </td>
                    <td className="px-4 py-2">
                      <ReviewBadge status={call.status} />
                    </td>
                    <td className="px-4 py-2 text-zinc-600 dark:text-zinc-300">{call.by ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <aside className="flex flex-col gap-4">
          <section
            aria-labelledby="batch-progress"
            className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2
              id="batch-progress"
              className="mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
            >
              {t("columns.progress")}
            </h2>
            <div className="flex items-center gap-3">
              <ProgressBar done={data.done} total={data.total} label={t("columns.progress")} />
              <span className="shrink-0 text-sm font-medium tabular-nums" data-testid="batch-progress">
                {t("progress", { done: data.done, total: data.total })}
              </span>
            </div>
            <h3 className="mt-5 mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {t("batch.byReviewer")}
            </h3>
            {data.byReviewer.length === 0 ? (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("batch.noReviewer")}</p>
            ) : (
              <ul className="flex flex-col gap-2.5">
                {data.byReviewer.map((reviewer) => (
                  <li key={reviewer.by} className="flex flex-col gap-1">
                    <div className="flex justify-between text-sm">
                      <span className="text-zinc-800 dark:text-zinc-200">{reviewer.by}</span>
                      <span className="text-zinc-500 tabular-nums dark:text-zinc-400">{reviewer.done}</span>
                    </div>
                    <ProgressBar done={reviewer.done} total={data.total} label={reviewer.by} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
