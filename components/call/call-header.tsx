"use client";

import { useLocale, useTranslations } from "next-intl";
import { IntentBadge } from "@/components/ui/intent-badge";
import { ResultBadge } from "@/components/ui/result-badge";
import { ReviewBadge } from "@/components/ui/review-badge";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { CallDetail } from "@/lib/model";
import { BackToList, CallNavigation } from "./call-navigation";
import type { CallNeighbors } from "./use-call-neighbors";
import type { LeaveGuard } from "./use-leave-guard";

/** The strip over the player: who was called, how it went, and the way to the neighbouring calls. */
export function CallHeader({
  call,
  neighbors,
  guard,
  batchId = null,
}: {
  call: CallDetail;
  neighbors: CallNeighbors;
  guard: LeaveGuard;
  /** Opened from a review batch: the batch bar above leads back; no "back to the list" here. */
  batchId?: string | null;
}) {
  const t = useTranslations("call.header");
  const tm = useTranslations("model");
  const locale = useLocale();
  const intent = call.review.intent ?? call.intent;
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
      <div className="flex min-w-0 flex-col gap-1">
        {!batchId && <BackToList listQuery={neighbors.listQuery} />}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1
            className="font-mono text-2xl font-semibold tracking-wide tabular-nums"
            aria-label={t("title", { callee: call.callee })}
          >
            {call.callee}
          </h1>
          <ResultBadge result={call.result} label={call.resultLabel} />
          {intent && (
            <span className="inline-flex items-center gap-1.5 text-sm">
              <IntentBadge intent={intent} original={call.intent} label={call.intentLabel} />
              <span className="text-zinc-600 dark:text-zinc-400">{tm(`intentMeaning.${intent}`)}</span>
            </span>
          )}
          <ReviewBadge status={call.review.status} by={call.review.by} />
        </div>
      </div>
      <p className="flex flex-wrap items-center gap-x-3 pb-1 text-sm text-zinc-500 tabular-nums dark:text-zinc-400">
        <span>{formatDateTime(call.startedAt, locale)}</span>
        <span aria-hidden>·</span>
        <span>
          {t("talk")} {formatDuration(call.durationSec)}
        </span>
        {call.rounds !== null && (
          <>
            <span aria-hidden>·</span>
            <span>{t("rounds", { count: call.rounds })}</span>
          </>
        )}
        {call.hangupBy && (
          <>
            <span aria-hidden>·</span>
            <span>{tm(`hangup.${call.hangupBy}`)}</span>
          </>
        )}
      </p>
      <div className="ml-auto pb-0.5">
        <CallNavigation neighbors={neighbors} guard={guard} />
      </div>
    </div>
  );
}
