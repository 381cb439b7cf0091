"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, type RefObject } from "react";
import { ChevronIcon } from "@/components/player/icons";
import { ProgressBar } from "@/components/reviews/progress-bar";
import type { BatchContext } from "./use-batch";

const kbd = "rounded border border-white/40 px-1 font-mono text-[10px] leading-4 dark:border-zinc-900/30";

/**
 * Over the call, when it was opened from a review batch: where this call sits in the batch, how far
 * the batch has got, and "save and next" (key s) — the review is saved and the batch's next
 * unreviewed call opens, or the batch page once every call is done.
 */
export function BatchBar({
  context,
  canReview,
  saveNext,
}: {
  context: BatchContext;
  canReview: boolean;
  saveNext: RefObject<(() => void) | null>;
}) {
  const t = useTranslations("reviews.bar");
  const { batch, position } = context;

  const trigger = useRef(saveNext);
  useEffect(() => {
    if (!canReview) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "s" || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey)
        return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      trigger.current.current?.();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [canReview]);

  const finished = batch ? batch.total > 0 && batch.done >= batch.total : false;
  return (
    <section
      aria-label={t("label")}
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-sm dark:border-brand-900 dark:bg-brand-950/50"
    >
      <Link
        href={`/reviews/${context.id}`}
        className="inline-flex items-center gap-0.5 text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100"
      >
        <ChevronIcon direction="left" />
        {t("back")}
      </Link>
      <span className="font-medium text-zinc-900 dark:text-zinc-100">{batch?.name ?? "…"}</span>
      {batch && (
        <>
          <span className="text-zinc-700 tabular-nums dark:text-zinc-300" data-testid="batch-position">
            {position >= 0 ? t("position", { n: position + 1, total: batch.total }) : t("notInBatch")}
          </span>
          <span className="flex w-40 items-center gap-2">
            <ProgressBar done={batch.done} total={batch.total} label={t("label")} />
          </span>
          <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="batch-done">
            {finished ? `✓ ${t("finished")}` : t("done", { done: batch.done, total: batch.total })}
          </span>
        </>
      )}
      {canReview && (
        <button
          type="button"
          onClick={() => saveNext.current?.()}
          title={`${t("saveNext")} (s)`}
          className="ml-auto inline-flex h-8 items-center gap-2 rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700 dark:bg-brand-500 dark:text-zinc-950 dark:hover:bg-brand-400"
        >
          {t("saveNext")}
          <kbd className={kbd}>s</kbd>
        </button>
      )}
    </section>
  );
}
