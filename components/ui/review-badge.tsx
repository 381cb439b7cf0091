"use client";

import { useTranslations } from "next-intl";
import type { ReviewStatus } from "@/lib/model";

const TONE: Record<ReviewStatus, string> = {
  unreviewed: "text-zinc-500 dark:text-zinc-400",
  reviewed: "text-emerald-700 dark:text-emerald-400",
  flagged: "text-rose-700 dark:text-rose-400",
};

const ICON: Record<ReviewStatus, string> = { unreviewed: "○", reviewed: "✓", flagged: "⚑" };

export function ReviewBadge({ status, by }: { status: ReviewStatus; by?: string | null }) {
  const t = useTranslations("model.review");
  return (
    <span
      className={`inline-flex items-center gap-1 text-xs whitespace-nowrap ${TONE[status]}`}
      title={by ?? undefined}
    >
      <span aria-hidden>{ICON[status]}</span>
      {t(status)}
    </span>
  );
}
