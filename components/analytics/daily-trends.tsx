import { getFormatter, getTranslations } from "next-intl/server";
import type { CallQuery } from "@/lib/calls/query";
import type { DailyRow } from "@/lib/queries/analytics";
import { INTENTS } from "@/lib/vocabulary";
import { DAILY_CHART, dayStep, dayX } from "./daily-layout";
import { DayAxis } from "./day-axis";
import { drillDown } from "./links";

/** The intent levels' SVG fills, in the summary bar's families (A hot … F cold, none grey). */
const INTENT_FILL: Record<string, string> = {
  A: "fill-emerald-600",
  B: "fill-emerald-400",
  C: "fill-sky-500",
  D: "fill-zinc-400",
  E: "fill-amber-500",
  F: "fill-zinc-300 dark:fill-zinc-600",
  none: "fill-zinc-200 dark:fill-zinc-700",
};
const STACK = [...INTENTS, "none"] as const;

/**
 * Calls per day, stacked by intent, with the answer rate and the customer hang-up rate (of answered
 * calls) as lines on a 0–100 % scale. Hand-drawn SVG; a day's column links to that day's calls. The
 * day labels are HTML under it, so they stay legible on a phone, where the SVG's own text would scale
 * down to a few pixels; CSS container queries show as many as fit the chart's width (day-axis.tsx).
 */
export async function DailyTrends({ days, query }: { days: DailyRow[]; query: CallQuery }) {
  const t = await getTranslations("analytics.daily");
  const tm = await getTranslations("model");
  const format = await getFormatter();
  if (days.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("empty")}</p>;

  const { width: W, left: LEFT, right: RIGHT } = DAILY_CHART;
  const H = 204;
  const BOTTOM = 6;
  const plotH = H - BOTTOM - 8;
  const step = dayStep(days.length);
  const bar = Math.max(2, Math.min(28, step * 0.7));
  const maxCalls = Math.max(1, ...days.map((d) => d.calls));
  const x = (i: number) => dayX(i, days.length);
  const yRate = (rate: number) => 8 + plotH * (1 - rate);
  const line = (rate: (d: DailyRow) => number) =>
    days.map((d, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${yRate(rate(d)).toFixed(1)}`).join(" ");
  const answerRate = (d: DailyRow) => (d.calls ? d.answered / d.calls : 0);
  const hangupRate = (d: DailyRow) => (d.answered ? d.customerHangups / d.answered : 0);
  const pct = (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 1 });

  return (
    <figure className="@container">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="group" aria-label={t("title")}>
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line
              x1={LEFT}
              x2={W - RIGHT}
              y1={yRate(tick)}
              y2={yRate(tick)}
              className="stroke-zinc-100 dark:stroke-zinc-800"
            />
            <text x={W - RIGHT + 4} y={yRate(tick) + 4} className="fill-zinc-400 text-[10px]">
              {pct(tick)}
            </text>
            <text x={LEFT - 4} y={yRate(tick) + 4} textAnchor="end" className="fill-zinc-400 text-[10px]">
              {format.number(Math.round(maxCalls * tick))}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          let top = 8 + plotH;
          const title = t("dayTitle", {
            date: d.date,
            calls: format.number(d.calls),
            answered: format.number(d.answered),
            hangups: format.number(d.customerHangups),
          });
          return (
            <a key={d.date} href={drillDown(query, { from: d.date, to: d.date })} aria-label={title}>
              <title>{title}</title>
              <rect
                x={x(i) - step / 2}
                y={8}
                width={step}
                height={plotH}
                className="fill-transparent hover:fill-zinc-100/60 dark:hover:fill-zinc-800/60"
              />
              {STACK.map((intent) => {
                const n = d.byIntent[intent] ?? 0;
                if (!n) return null;
                const h = (n / maxCalls) * plotH;
                top -= h;
                return (
                  <rect
                    key={intent}
                    x={x(i) - bar / 2}
                    y={top}
                    width={bar}
                    height={h}
                    className={INTENT_FILL[intent]}
                  />
                );
              })}
            </a>
          );
        })}
        <path d={line(answerRate)} className="fill-none stroke-emerald-600 stroke-2" pointerEvents="none" />
        <path
          d={line(hangupRate)}
          className="fill-none stroke-rose-500 stroke-2"
          strokeDasharray="5 3"
          pointerEvents="none"
        />
      </svg>
      <DayAxis dates={days.map((d) => d.date)} />
      <figcaption className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-0.5 w-4 bg-emerald-600" /> {t("answerRate")}
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-0.5 w-4 border-t-2 border-dashed border-rose-500" />{" "}
          {t("hangupRate")}
        </span>
        <span>{t("intentMix")}:</span>
        {STACK.map((intent) => (
          <span key={intent} className="flex items-center gap-1">
            <svg width="10" height="10" aria-hidden>
              <rect width="10" height="10" className={INTENT_FILL[intent]} />
            </svg>
            {tm(`intent.${intent}`)}
          </span>
        ))}
      </figcaption>
      <div className="sr-only">
        <table>
          <caption>{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("date")}</th>
              <th scope="col">{t("calls")}</th>
              <th scope="col">{t("answerRate")}</th>
              <th scope="col">{t("hangupRate")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.calls}</td>
                <td>{pct(answerRate(d))}</td>
                <td>{pct(hangupRate(d))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
