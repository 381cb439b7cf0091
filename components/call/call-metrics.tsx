"use client";

import { useTranslations } from "next-intl";
import type { CallMetrics } from "@/lib/model";
import { secondsOf } from "@/lib/format";
import { LONG_DEAD_AIR_MS, SLOW_REPLY_MS } from "@/lib/metric-thresholds";

/**
 * The call's conversation measures in one quiet line under the player: how fast the robot answered
 * (median, worst), the longest dead air, the customer's share of the talk, barge-ins. The line is
 * there from the first paint ("—" while the alignment is on its way), so nothing moves when it comes.
 */
export function CallMetricsLine({ metrics, pending }: { metrics: CallMetrics | null; pending: boolean }) {
  const t = useTranslations("call.metrics");
  const s = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? "—" : t("seconds", { value: secondsOf(ms) });
  const items: { key: string; label: string; value: string; title: string; warn?: boolean }[] = [
    {
      key: "latency",
      label: t("latency"),
      value: metrics
        ? t("latencyValue", { median: s(metrics.robotLatencyMedianMs), worst: s(metrics.robotLatencyMaxMs) })
        : "—",
      title: t("latencyHint"),
      warn: (metrics?.robotLatencyMaxMs ?? 0) >= SLOW_REPLY_MS,
    },
    {
      key: "deadAir",
      label: t("deadAir"),
      value: metrics ? s(metrics.deadAirMaxMs) : "—",
      title: t("deadAirHint"),
      warn: (metrics?.deadAirMaxMs ?? 0) >= LONG_DEAD_AIR_MS,
    },
    {
      key: "talk",
      label: t("customerTalk"),
      value:
        metrics?.customerTalkRatio !== null && metrics?.customerTalkRatio !== undefined
          ? `${Math.round(metrics.customerTalkRatio * 100)}%`
          : "—",
      title: t("customerTalkHint"),
    },
    {
      key: "bargeIns",
      label: t("bargeIns"),
      value: metrics ? String(metrics.bargeIns) : "—",
      title: t("bargeInsHint"),
    },
  ];
  return (
    <dl
      aria-label={t("label")}
      aria-busy={pending || undefined}
      data-testid="call-metrics"
      className="flex flex-wrap items-baseline gap-x-5 gap-y-1 border-t border-zinc-100 pt-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400"
    >
      {items.map((item) => (
        <div key={item.key} className="flex items-baseline gap-1.5" title={item.title} data-metric={item.key}>
          <dt>{item.label}</dt>
          <dd
            className={`font-medium tabular-nums ${
              item.warn ? "text-amber-700 dark:text-amber-400" : "text-zinc-800 dark:text-zinc-200"
            }`}
          >
            {item.value}
          </dd>
        </div>
      ))}
      {!pending && !metrics && <span className="text-zinc-500 dark:text-zinc-400">{t("unavailable")}</span>}
    </dl>
  );
}
