"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChevronIcon } from "@/components/player/icons";
import { LeaveConfirm } from "./leave-confirm";
import type { CallNeighbors } from "./use-call-neighbors";
import type { LeaveGuard } from "./use-leave-guard";

const button =
  "inline-flex h-8 items-center gap-1 rounded-md border border-zinc-200 bg-white px-2.5 text-sm text-zinc-700 shadow-xs hover:bg-zinc-50 aria-disabled:pointer-events-none aria-disabled:opacity-40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800";

/**
 * Small previous/next buttons (n/p on the keyboard), in the order of the list the reader came from;
 * with an unsaved review they ask first.
 */
export function CallNavigation({ neighbors, guard }: { neighbors: CallNeighbors; guard: LeaveGuard }) {
  const t = useTranslations("call.nav");
  const { prev, next } = neighbors;
  const href = neighbors.href ?? ((id: string) => `/calls/${id}`);
  return (
    <nav aria-label={t("label")} className="relative flex items-center gap-1.5">
      <Link
        href={prev ? href(prev) : "#"}
        aria-disabled={!prev}
        tabIndex={prev ? undefined : -1}
        title={`${t("prev")} (p)`}
        className={button}
        rel="prev"
        onClick={(event) => guard.intercept("prev") && event.preventDefault()}
      >
        <ChevronIcon direction="left" />
        {t("prev")}
      </Link>
      <Link
        href={next ? href(next) : "#"}
        aria-disabled={!next}
        tabIndex={next ? undefined : -1}
        title={`${t("next")} (n)`}
        className={button}
        rel="next"
        onClick={(event) => guard.intercept("next") && event.preventDefault()}
      >
        {t("next")}
        <ChevronIcon direction="right" />
      </Link>
      {guard.pending && <LeaveConfirm onLeave={guard.leave} onStay={guard.stay} />}
    </nav>
  );
}

/** Back to the list the reader came from, with its filters. */
export function BackToList({ listQuery }: { listQuery: string | null }) {
  const t = useTranslations("call.nav");
  return (
    <Link
      href={listQuery ? `/calls?${listQuery}` : "/calls"}
      className="inline-flex items-center gap-0.5 text-sm text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <ChevronIcon direction="left" />
      {t("back")}
    </Link>
  );
}
