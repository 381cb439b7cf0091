import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CallQuery } from "@/lib/calls/query";
import type { AlertRule } from "@/lib/alerts/match";
import { drillDown } from "./links";

/** Each configured alert with the number of calls of this filter that raise it, linked to them. */
export async function AlertCounts({
  alerts,
  byAlert,
  query,
}: {
  alerts: AlertRule[];
  byAlert: Record<string, number>;
  query: CallQuery;
}) {
  const t = await getTranslations("analytics.alerts");
  const format = await getFormatter();
  if (alerts.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("none")}</p>;
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
      {alerts.map((alert) => (
        <li key={alert.name}>
          <Link
            href={drillDown(query, { alert: alert.name })}
            className="flex items-baseline gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 hover:border-amber-400 dark:border-amber-900 dark:bg-amber-950/40"
          >
            <span className="font-medium text-amber-900 dark:text-amber-200">{alert.name}</span>
            <span className="ml-auto text-lg font-semibold tabular-nums">
              {t("calls", { count: format.number(byAlert[alert.name] ?? 0) })}
            </span>
            <span className="sr-only">{t("phrases", { phrases: alert.phrases.join("、") })}</span>
          </Link>
          <p
            className="mt-0.5 truncate px-1 text-xs text-zinc-500 dark:text-zinc-400"
            title={alert.phrases.join("、")}
          >
            {t("phrases", { phrases: alert.phrases.join("、") })}
          </p>
        </li>
      ))}
    </ul>
  );
}
