"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/format";
import { batchesOptions } from "@/lib/queries/reviews";
import { ProgressBar } from "./progress-bar";
import { QuerySummary } from "./query-summary";

/** Every review batch, newest first, with how far it has got. */
export function BatchesView() {
  const t = useTranslations("reviews");
  const locale = useLocale();
  const batches = useQuery(batchesOptions());
  const rows = batches.data ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t("intro")}</p>
      </div>
      {batches.isError && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {t("batch.loadFailed", { message: batches.error.message })}
        </p>
      )}
      {batches.isSuccess && rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          <p>{t("empty")}</p>
          <Link
            href="/calls"
            className="mt-3 inline-block text-brand-700 hover:underline dark:text-brand-400"
          >
            {t("toCalls")}
          </Link>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th className="px-4 py-2.5 font-medium">{t("columns.name")}</th>
                <th className="w-72 px-4 py-2.5 font-medium">{t("columns.progress")}</th>
                <th className="px-4 py-2.5 font-medium">{t("columns.filter")}</th>
                <th className="px-4 py-2.5 font-medium">{t("columns.createdBy")}</th>
                <th className="px-4 py-2.5 font-medium">{t("columns.createdAt")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {rows.map((batch) => (
                <tr key={batch.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                  <td className="px-4 py-3">
                    <Link
                      href={`/reviews/${batch.id}`}
                      className="font-medium text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-400"
                    >
                      {batch.name}
                    </Link>
                    <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                      {t(`stratify.${batch.stratify ?? "none"}`)}
                      {batch.share !== null && ` · ${batch.share}%`}
                    </div>
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex items-center gap-3">
                      <ProgressBar done={batch.done} total={batch.total} label={batch.name} />
                      <span className="w-20 shrink-0 text-right text-xs text-zinc-600 tabular-nums dark:text-zinc-300">
                        {t("progress", { done: batch.done, total: batch.total })}
                      </span>
                    </div>
                  </td>
                  <td className="px-4 py-3">
                    <QuerySummary query={batch.query} />
                  </td>
                  <td className="px-4 py-3 text-zinc-700 dark:text-zinc-300">{batch.createdBy}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400">
                    {formatDateTime(batch.createdAt, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
