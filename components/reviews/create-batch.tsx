"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import { Popover } from "@/components/calls/popover";
import type { CurrentList } from "@/components/calls/list-query";

const loadPanel = () => import("./create-batch-panel");
const CreateBatchPanel = lazy(() => loadPanel().then((module) => ({ default: module.CreateBatchPanel })));

/**
 * "Create review batch" on the list: one click opens a small form over the current filter. The form
 * loads when first pointed at, so it adds nothing to the list page's first load.
 */
export function CreateBatchButton({ query, total, totalIsEstimate = false }: CurrentList) {
  const t = useTranslations("reviews.create");
  return (
    <Popover
      trigger={
        <>
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4">
            <path
              d="M3 3.5h10M3 8h6M3 12.5h4M11.5 9.5v5M9 12h5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinecap="round"
            />
          </svg>
          <span>{t("button")}</span>
        </>
      }
      triggerClassName="inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
      panelLabel={t("title")}
      panelClassName="w-80"
      align="end"
      onPrepare={loadPanel}
    >
      <CreateBatchPanel query={query} total={total} totalIsEstimate={totalIsEstimate} />
    </Popover>
  );
}
