import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CallQuery } from "@/lib/calls/query";
import type { Dropoff } from "@/lib/queries/analytics";
import { drillDown } from "./links";

/** Lines shown before "show all": a campaign owner reads the top of the list; the rest folds. */
const TOP = 15;

/**
 * The robot lines after which customers hung up, most frequent first: the script line that loses
 * customers is the first row. Each line links to the list of exactly those calls.
 */
export async function LastLines({ dropoff, query }: { dropoff: Dropoff; query: CallQuery }) {
  const t = await getTranslations("analytics.lines");
  const format = await getFormatter();
  const lines = dropoff.byLastRobotLine;
  if (lines.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("empty")}</p>;
  const max = Math.max(...lines.map((line) => line.share));
  const row = (line: Dropoff["byLastRobotLine"][number], index: number) => {
    const href = drillDown(query, { result: "answered", hangup: "customer", lastRobotLine: line.text });
    return (
      <tr key={line.text} className="border-t border-zinc-100 align-top dark:border-zinc-800">
        <td className="py-1.5 pr-2 text-right text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
          {index + 1}
        </td>
        <td className="py-1.5 pr-3">
          <Link
            href={href}
            title={t("listCalls", { count: line.customerHangups })}
            data-testid="last-line"
            className="text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-300"
          >
            {line.text}
          </Link>
        </td>
        <td className="py-1.5 pr-3 text-right tabular-nums">
          <Link href={href} className="hover:underline">
            {format.number(line.customerHangups)}
          </Link>
        </td>
        <td className="w-48 py-1.5">
          <div className="flex items-center gap-2">
            <div className="h-2 flex-1 rounded-full bg-zinc-100 dark:bg-zinc-800">
              <div
                className="h-2 rounded-full bg-rose-500"
                style={{ width: `${max ? (line.share / max) * 100 : 0}%` }}
              />
            </div>
            <span className="w-12 text-right text-xs tabular-nums text-zinc-600 dark:text-zinc-300">
              {format.number(line.share, { style: "percent", maximumFractionDigits: 1 })}
            </span>
          </div>
        </td>
      </tr>
    );
  };
  const head = (
    <thead>
      <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
        <th scope="col" className="w-8 pr-2 text-right font-normal">
          {t("rank")}
        </th>
        <th scope="col" className="pr-3 font-normal">
          {t("line")}
        </th>
        <th scope="col" className="pr-3 text-right font-normal">
          {t("hangups")}
        </th>
        <th scope="col" className="font-normal">
          {t("share")}
        </th>
      </tr>
    </thead>
  );
  return (
    <div>
      <table className="w-full text-sm" aria-label={t("title")}>
        {head}
        <tbody>{lines.slice(0, TOP).map(row)}</tbody>
      </table>
      {lines.length > TOP && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs text-brand-700 dark:text-brand-300">
            {t("more", { count: lines.length })}
          </summary>
          <table className="w-full text-sm">
            <tbody>{lines.slice(TOP).map((line, i) => row(line, i + TOP))}</tbody>
          </table>
        </details>
      )}
    </div>
  );
}
