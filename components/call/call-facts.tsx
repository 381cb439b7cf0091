"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { IntentBadge } from "@/components/ui/intent-badge";
import { ResultBadge } from "@/components/ui/result-badge";
import { formatDateTime, formatDuration } from "@/lib/format";
import type { CallDetail } from "@/lib/model";
import { sourcesOptions } from "@/lib/queries/calls";
import { Fact, FactList, SidePanel } from "./fact-list";

/** The call's facts in the deployment's zone (Asia/Shanghai): who, when, how long, how it ended, where from. */
export function CallFacts({ call }: { call: CallDetail }) {
  const t = useTranslations("call.facts");
  const tm = useTranslations("model");
  const locale = useLocale();
  // Only the source's name is wanted here: no polling while a reviewer listens.
  const sources = useQuery({ ...sourcesOptions(), refetchInterval: false, staleTime: 5 * 60_000 });
  const source = sources.data?.find((candidate) => candidate.id === call.sourceId);
  const started = formatDateTime(call.startedAt, locale);
  const sameDay = (iso: string | null) => {
    const value = formatDateTime(iso, locale);
    return value.slice(0, 10) === started.slice(0, 10) ? value.slice(11) : value;
  };
  const vendorName = tm.has(`vendor.${call.vendor}`) ? tm(`vendor.${call.vendor}`) : call.vendor;

  return (
    <SidePanel title={t("title")} id="facts-title">
      <FactList>
        <Fact label={t("callee")} mono>
          {call.callee}
        </Fact>
        <Fact label={t("caller")} mono>
          {call.caller ?? "—"}
        </Fact>
        <Fact label={t("result")}>
          <span className="inline-flex flex-wrap items-center gap-2">
            <ResultBadge result={call.result} label={call.resultLabel} />
            {call.resultLabel && (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">{call.resultLabel}</span>
            )}
          </span>
        </Fact>
        <Fact label={t("startedAt")}>
          <span className="tabular-nums">{started}</span>
        </Fact>
        <Fact label={t("answeredAt")}>
          <span className="tabular-nums">{call.answeredAt ? sameDay(call.answeredAt) : "—"}</span>
        </Fact>
        <Fact label={t("endedAt")}>
          <span className="tabular-nums">{call.endedAt ? sameDay(call.endedAt) : "—"}</span>
        </Fact>
        <Fact label={t("talkTime")}>
          <span className="tabular-nums">{formatDuration(call.durationSec)}</span>
        </Fact>
        <Fact label={t("rounds")}>
          <span className="tabular-nums">{call.rounds ?? "—"}</span>
        </Fact>
        <Fact label={t("hangup")}>{tm(`hangup.${call.hangupBy ?? "unknown"}`)}</Fact>
        <Fact label={t("intent")}>
          <span className="inline-flex items-center gap-2">
            <IntentBadge intent={call.intent} label={call.intentLabel} />
            {call.intent && (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {call.intentLabel ?? tm(`intentMeaning.${call.intent}`)}
              </span>
            )}
          </span>
        </Fact>
        <Fact label={t("source")}>
          <span>{source?.name ?? call.sourceId}</span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">{vendorName}</span>
        </Fact>
        <Fact label={t("task")} mono>
          {call.taskId}
        </Fact>
        <Fact label={t("vendorCallId")} mono>
          <span className="break-all select-all">{call.vendorCallId ?? "—"}</span>
        </Fact>
        {call.tags.length > 0 && (
          <Fact label={t("tags")}>
            <span className="flex flex-wrap gap-1">
              {call.tags.map((tag) => (
                <span
                  key={tag}
                  className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                >
                  {tag}
                </span>
              ))}
            </span>
          </Fact>
        )}
      </FactList>
    </SidePanel>
  );
}
