"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { listHref } from "./list-query";
import type { CallQuery } from "@/lib/calls/query";
import { CALL_RESULTS, INTENTS } from "@/lib/vocabulary";
import type { CallResult, Intent } from "@/lib/model";
import type { CallStats } from "@/lib/queries/calls";
import { INTENT_BAR, RESULT_BAR } from "./tones";

const FRAME =
  "flex min-h-12 min-w-0 flex-wrap items-center gap-x-6 gap-y-2 border-y border-zinc-200 py-1.5 dark:border-zinc-800";

interface SummaryBarProps {
  stats: CallStats | undefined;
  loading: boolean;
  failed: boolean;
  query: CallQuery;
  onResult: (result: CallResult) => void;
  onIntent: (intent: Intent | "none") => void;
}

/** Total, answer rate and two small charts for the current filter; a bar segment is also a filter. */
export function SummaryBar({ stats, loading, failed, query, onResult, onIntent }: SummaryBarProps) {
  const t = useTranslations("calls.summary");
  const tm = useTranslations("model");
  const ta = useTranslations("alerts");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  });

  if (!stats) {
    return (
      <div className={`${FRAME} text-sm text-zinc-500 dark:text-zinc-400`} aria-busy={loading || undefined}>
        {failed ? (
          t("unavailable")
        ) : (
          <div className="h-3 w-96 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        )}
      </div>
    );
  }

  const total = stats.total;
  const share = (n: number) => (total ? n / total : 0);
  const results = CALL_RESULTS.map((result) => ({ result, n: stats.byResult[result] ?? 0 })).filter(
    (entry) => entry.n > 0,
  );
  const intents = INTENTS.map((intent) => ({ intent, n: stats.byIntent[intent] ?? 0 }));
  // Scaled among the levels: calls without an intent (most unanswered ones) would flatten every bar.
  const maxIntent = Math.max(1, ...intents.map((entry) => entry.n));
  const noIntent = stats.byIntent.none ?? 0;
  // Every count of an estimate is one: said "about" wherever a count is shown.
  const count = (n: number) => (stats.estimate ? t("about", { n: number.format(n) }) : number.format(n));
  const noneLabel = `${tm("intent.none")} ${count(noIntent)}`;
  const nonePressed = query.intent.length === 1 && query.intent[0] === "none";
  const topResults = [...results].sort((a, b) => b.n - a.n).slice(0, 3);

  return (
    <section aria-label={t("label")} className={`${FRAME} ${loading ? "opacity-60" : ""}`}>
      <div className="flex items-baseline gap-1.5">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("total")}</span>
        <span
          className="text-lg font-semibold tabular-nums"
          data-testid="summary-total"
          title={
            stats.estimate
              ? t(stats.estimate.basis === "calls" ? "estimateCalls" : "estimate", {
                  sampled: number.format(stats.estimate.sampled),
                  matches: number.format(stats.estimate.matches),
                })
              : undefined
          }
        >
          {count(total)}
        </span>
      </div>
      <div className="flex items-baseline gap-1.5">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("answerRate")}</span>
        <span className="text-lg font-semibold tabular-nums">
          {total ? percent.format(stats.answered / total) : "—"}
        </span>
      </div>

      <div className="flex min-w-0 items-center gap-2.5">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("byResult")}</span>
        <div
          role="group"
          aria-label={t("byResult")}
          className="flex h-2.5 w-44 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
        >
          {results.map(({ result, n }) => {
            const label = `${tm(`result.${result}`)} ${count(n)} (${percent.format(share(n))})`;
            return (
              <button
                key={result}
                type="button"
                title={label}
                aria-label={t("filterBy", { what: label })}
                aria-pressed={query.result.length === 1 && query.result[0] === result}
                onClick={() => onResult(result)}
                className={`h-full min-w-[3px] border-r border-white/70 last:border-r-0 hover:brightness-110 focus-visible:outline-offset-0 dark:border-zinc-900/70 ${RESULT_BAR[result]}`}
                style={{ width: `${share(n) * 100}%` }}
              />
            );
          })}
        </div>
        <ul className="flex items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
          {topResults.map(({ result, n }) => (
            <li key={result} className="flex items-center gap-1 whitespace-nowrap">
              <span aria-hidden className={`h-2 w-2 rounded-sm ${RESULT_BAR[result]}`} />
              {tm(`result.${result}`)}
              <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                {percent.format(share(n))}
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div className="flex items-center gap-2.5">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("byIntent")}</span>
        <div role="group" aria-label={t("byIntent")} className="flex items-end gap-1">
          {intents.map(({ intent, n }) => {
            const label = `${tm(`intent.${intent}`)} ${count(n)}`;
            const pressed = query.intent.length === 1 && query.intent[0] === intent;
            return (
              <button
                key={intent}
                type="button"
                title={label}
                aria-label={t("filterBy", { what: label })}
                aria-pressed={pressed}
                onClick={() => onIntent(intent)}
                className={`group flex w-5 flex-col items-center gap-0.5 rounded-sm px-0.5 pt-0.5 ${pressed ? "bg-brand-50 ring-1 ring-brand-500 dark:bg-brand-900/40" : ""}`}
              >
                <span className="flex h-6 w-3 items-end overflow-hidden rounded-sm bg-zinc-100 dark:bg-zinc-800">
                  <span
                    className={`w-full rounded-sm group-hover:brightness-110 ${INTENT_BAR[intent]}`}
                    style={{ height: `${n ? Math.max(8, (n / maxIntent) * 100) : 0}%` }}
                  />
                </span>
                <span className="text-[10px] leading-none font-medium text-zinc-500 dark:text-zinc-400">
                  {intent}
                </span>
              </button>
            );
          })}
          <button
            type="button"
            title={noneLabel}
            aria-label={t("filterBy", { what: noneLabel })}
            aria-pressed={nonePressed}
            onClick={() => onIntent("none")}
            className={`ml-1.5 self-center rounded px-1.5 py-0.5 text-xs whitespace-nowrap text-zinc-500 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800 ${
              nonePressed ? "bg-brand-50 ring-1 ring-brand-500 dark:bg-brand-900/40" : ""
            }`}
          >
            {tm("intent.none")} <span className="tabular-nums">{count(noIntent)}</span>
          </button>
        </div>
      </div>

      {stats.byAlert && Object.keys(stats.byAlert).length > 0 && (
        <Link
          href={listHref({ ...query, alert: Object.keys(stats.byAlert) })}
          title={Object.entries(stats.byAlert)
            .map(([name, n]) => `${name} ${count(n)}`)
            .join(" · ")}
          data-testid="summary-alerts"
          className="flex items-baseline gap-1.5 rounded px-1 hover:bg-amber-50 dark:hover:bg-amber-950/40"
        >
          <span className="text-xs text-amber-700 dark:text-amber-400">{ta("summary")}</span>
          <span className="text-lg font-semibold tabular-nums text-amber-800 dark:text-amber-300">
            {count(stats.alerting ?? 0)}
          </span>
        </Link>
      )}
      <Link
        href={listHref(query, "/analytics")}
        className="ml-auto text-xs text-brand-700 hover:underline dark:text-brand-400"
        data-testid="open-analytics"
      >
        {ta("analytics")}
      </Link>
    </section>
  );
}
