"use client";

import { useTranslations } from "next-intl";
import type { Intent } from "@/lib/model";

/** A → F from hot to cold. */
const TONE: Record<Intent, string> = {
  A: "bg-emerald-600 text-white",
  B: "bg-emerald-500/85 text-white",
  C: "bg-sky-500/85 text-white",
  D: "bg-zinc-400 text-white dark:bg-zinc-500",
  E: "bg-amber-500/90 text-white",
  F: "bg-zinc-200 text-zinc-600 dark:bg-zinc-700 dark:text-zinc-300",
};

/**
 * The intent level as a square letter badge. When a supervisor re-labelled the call, the corrected
 * level shows, with the vendor's original on hover and a small mark.
 */
export function IntentBadge({
  intent,
  original,
  label,
}: {
  intent: Intent | null;
  original?: Intent | null;
  label?: string | null;
}) {
  const t = useTranslations("model");
  if (!intent) return <span className="text-zinc-400 dark:text-zinc-600">{t("none")}</span>;
  const relabelled = original !== undefined && original !== intent;
  const title = [
    t(`intentMeaning.${intent}`),
    label,
    relabelled ? t("relabelled", { intent: original ?? t("none") }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <span className="inline-flex items-center gap-1" title={title}>
      <span
        aria-label={`${t(`intent.${intent}`)} · ${t(`intentMeaning.${intent}`)}`}
        className={`inline-flex h-5 w-5 items-center justify-center rounded text-xs font-semibold ${TONE[intent]}`}
      >
        {intent}
      </span>
      {relabelled && <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-brand-500" />}
    </span>
  );
}
