"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { Timing, Utterance } from "@/lib/model";

/**
 * Once per transcript: where its times come from (the vendor, or estimated from text length across
 * the recording), and the two voices' colours. Estimated times carry "≈" on each line.
 */
export function TimingLegend({ transcript }: { transcript: readonly Utterance[] }) {
  const t = useTranslations("call.transcript");
  const tm = useTranslations("model");
  const timings = useMemo(() => {
    const seen = new Set<Timing>();
    for (const utterance of transcript) if (utterance.startMs !== null) seen.add(utterance.timing);
    return [...seen];
  }, [transcript]);

  return (
    <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="h-2.5 w-2.5 rounded-sm bg-robot" />
        {tm("speaker.robot")}
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="h-2.5 w-2.5 rounded-sm bg-customer" />
        {tm("speaker.customer")}
      </span>
      {timings.length > 0 && (
        <span title={timings.includes("estimated") ? t("estimatedHint") : undefined}>
          {t("timingLegend", {
            sources: timings
              .map((timing) =>
                timing === "estimated" ? `≈ ${t(`timingName.${timing}`)}` : t(`timingName.${timing}`),
              )
              .join(" / "),
          })}
        </span>
      )}
    </div>
  );
}
