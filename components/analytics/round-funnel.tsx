import { getFormatter, getTranslations } from "next-intl/server";
import type { CallQuery } from "@/lib/calls/query";
import type { Dropoff } from "@/lib/queries/analytics";
import { drillDown } from "./links";

/**
 * The funnel by dialog round, hand-drawn in SVG on the server (no chart library, no browser JS):
 * a grey bar per round for the answered calls that reached it, a red bar below for the customers
 * who hung up there, on its own scale (hang-ups are a small share of the reached). Every bar is a
 * link to its calls.
 */
export async function RoundFunnel({ dropoff, query }: { dropoff: Dropoff; query: CallQuery }) {
  const t = await getTranslations("analytics.rounds");
  const format = await getFormatter();
  const rounds = shownRounds(dropoff.byRound);
  if (rounds.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("empty")}</p>;

  const W = 960;
  const TOP_H = 140;
  const BOTTOM_H = 90;
  const AXIS = 18;
  const LEFT = 44;
  const H = TOP_H + BOTTOM_H + AXIS + 16;
  const step = (W - LEFT) / rounds.length;
  const bar = Math.max(2, Math.min(40, step * 0.7));
  const maxReached = Math.max(1, ...rounds.map((r) => r.reached));
  const maxHangups = Math.max(1, ...rounds.map((r) => r.customerHangups));
  const worst = rounds.reduce((a, b) => (b.customerHangups > a.customerHangups ? b : a));
  const labelEvery = Math.ceil(rounds.length / 24);
  const pct = (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 1 });

  return (
    <figure>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="group"
        aria-label={t("title")}
        data-testid="round-funnel"
      >
        {rounds.map((r, i) => {
          const x = LEFT + i * step + (step - bar) / 2;
          const h = (r.reached / maxReached) * (TOP_H - 20);
          const hh = (r.customerHangups / maxHangups) * (BOTTOM_H - 14);
          const rate = r.reached ? r.customerHangups / r.reached : 0;
          return (
            <g key={r.round}>
              <a
                href={drillDown(query, { result: "answered", roundsMin: String(r.round) })}
                aria-label={t("reachedTitle", { round: r.round, count: r.reached })}
              >
                <title>{t("reachedTitle", { round: r.round, count: format.number(r.reached) })}</title>
                <rect
                  x={x}
                  y={TOP_H - h}
                  width={bar}
                  height={Math.max(h, r.reached ? 1 : 0)}
                  className="fill-zinc-300 hover:fill-brand-400 dark:fill-zinc-600"
                />
              </a>
              <a
                href={drillDown(query, {
                  result: "answered",
                  hangup: "customer",
                  roundsMin: String(r.round),
                  roundsMax: String(r.round),
                })}
                aria-label={t("hangupsTitle", { round: r.round, count: r.customerHangups, rate: pct(rate) })}
                data-testid="round-hangups"
              >
                <title>
                  {t("hangupsTitle", {
                    round: r.round,
                    count: format.number(r.customerHangups),
                    rate: pct(rate),
                  })}
                </title>
                <rect
                  x={x}
                  y={TOP_H + 14}
                  width={bar}
                  height={Math.max(hh, r.customerHangups ? 1 : 0)}
                  className={
                    r === worst ? "fill-rose-600 hover:fill-rose-700" : "fill-rose-400 hover:fill-rose-600"
                  }
                />
              </a>
              {(i % labelEvery === 0 || r === worst) && (
                <text
                  x={x + bar / 2}
                  y={TOP_H + BOTTOM_H + AXIS}
                  textAnchor="middle"
                  className="fill-zinc-500 text-[11px]"
                >
                  {r.round}
                </text>
              )}
              {r === worst && r.customerHangups > 0 && (
                <text
                  x={x + bar / 2}
                  y={TOP_H + 14 + hh + 12}
                  textAnchor="middle"
                  className="fill-rose-700 text-[11px] font-semibold dark:fill-rose-300"
                >
                  {format.number(r.customerHangups)}
                </text>
              )}
            </g>
          );
        })}
        <text x={LEFT - 6} y={TOP_H + BOTTOM_H + AXIS} textAnchor="end" className="fill-zinc-500 text-[11px]">
          {t("round")}
        </text>
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-zinc-300 dark:bg-zinc-600" />
          {t("reached")}
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-rose-500" />
          {t("hangups")}
        </span>
      </figcaption>
      <div className="sr-only">
        <table>
          <caption>{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("round")}</th>
              <th scope="col">{t("reached")}</th>
              <th scope="col">{t("hangups")}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.round}>
                <td>{r.round}</td>
                <td>{r.reached}</td>
                <td>{r.customerHangups}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * The rounds worth drawing: through the last one where a customer hung up, and a few after it, but
 *  not a long tail of rounds only a handful of very long calls reached (those stay in the CSV and the
 * API).
 */
function shownRounds(rounds: Dropoff["byRound"]): Dropoff["byRound"] {
  const lastHangup = rounds.findLastIndex((r) => r.customerHangups > 0);
  const first = rounds[0]?.reached ?? 0;
  const thin = rounds.findIndex((r) => r.reached < first * 0.1);
  const end = Math.max(lastHangup + 3, thin === -1 ? rounds.length : thin + 1, 8);
  return rounds.slice(0, end);
}
