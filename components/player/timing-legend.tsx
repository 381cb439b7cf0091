"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { Timing, Utterance } from "@/lib/model";

/**
 * Where the page's alignment stands. "none": the call has no recording to align to;
 * "pending": asked for, not here yet; "aligned": the lines carry it; "unavailable": it failed, found
 * no speech, or belongs to another version of the transcript — the estimates stand.
 */
export type AlignmentState = "none" | "pending" | "aligned" | "unavailable";

/**
 * Once per transcript: where its times come from (the vendor, aligned to the audio, or estimated from
 * text length), and the two voices' colours. Estimated times carry "≈" on each line. One line that
 * truncates rather than wraps, so the transcript below never moves when the alignment arrives.
 */
export function TimingLegend({
  transcript,
  alignment = "none",
}: {
  transcript: readonly Utterance[];
  alignment?: AlignmentState;
}) {
  const t = useTranslations("call.transcript");
  const tm = useTranslations("model");
  const timings = useMemo(() => {
    const seen = new Set<Timing>();
    for (const utterance of transcript) if (utterance.startMs !== null) seen.add(utterance.timing);
    // Aligned first: it is the one worth noticing.
    return (["aligned", "vendor", "estimated"] as const).filter((timing) => seen.has(timing));
  }, [transcript]);
  const sources = timings
    .map((timing) => (timing === "estimated" ? `≈ ${t(`timingName.${timing}`)}` : t(`timingName.${timing}`)))
    .join(" / ");
  const status =
    alignment === "pending" ? t("aligning") : alignment === "unavailable" ? t("notAligned") : null;
  const hint = [
    timings.includes("aligned") ? t("alignedHint") : null,
    timings.includes("estimated") ? t("estimatedHint") : null,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="ml-auto flex min-w-0 items-center gap-x-4 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="h-2.5 w-2.5 rounded-sm bg-robot" />
        {tm("speaker.robot")}
      </span>
      <span className="inline-flex items-center gap-1.5">
        <span aria-hidden className="h-2.5 w-2.5 rounded-sm bg-customer" />
        {tm("speaker.customer")}
      </span>
      {timings.length > 0 && (
        <span
          className="min-w-0 truncate"
          title={hint || undefined}
          data-testid="timing-legend"
          data-alignment={alignment}
        >
          {t("timingLegend", { sources })}
          {status && <span className="ml-1.5 text-zinc-500 dark:text-zinc-400">· {status}</span>}
        </span>
      )}
    </div>
  );
}
