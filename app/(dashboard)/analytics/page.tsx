import { headers } from "next/headers";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AlertCounts } from "@/components/analytics/alert-counts";
import { DailyTrends } from "@/components/analytics/daily-trends";
import { FilterForm } from "@/components/analytics/filter-form";
import { IntentMatrix } from "@/components/analytics/intent-matrix";
import { LastLines } from "@/components/analytics/last-lines";
import { csvHref } from "@/components/analytics/links";
import { RoundFunnel } from "@/components/analytics/round-funnel";
import { Section } from "@/components/analytics/section";
import { IgnoredFilters } from "@/components/calls/ignored-filters";
import { listHref } from "@/components/calls/list-query";
import { atLeast, seesFullNumbers } from "@/lib/auth/roles";
import { readCallQueryLenient, serializeCallQuery } from "@/lib/calls/query";
import { isBusy } from "@/lib/server/in-line";
import { scopeListQuery } from "@/lib/server/number-search";
import { requirePageSession } from "@/lib/server/page-session";
import { maskNumbers } from "@/lib/auth/pii";
import { sourceName } from "@/lib/sync/source-name";
import { Busy } from "../busy";
import { toParams, type SearchParams } from "../search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics");
  return { title: t("title") };
}

/**
 * /analytics: drop-off, trends, intent agreement and alerts for the filter in the URL (the list's
 * names and values). Rendered on the server from the index, charts included (hand-drawn SVG), so
 * the page ships no chart code and the list route's JavaScript is untouched.
 */
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = toParams(await searchParams);
  const returnTo = params.size ? `/analytics?${params.toString()}` : "/analytics";
  const { runtime, session } = await requirePageSession(returnTo);
  const t = await getTranslations("analytics");
  const tFilters = await getTranslations("calls.filters");
  const format = await getFormatter();

  const { query: parsed, ignored } = readCallQueryLenient(params);
  const alertNames = new Set(runtime.config.alerts.map((alert) => alert.name));
  // Numbers in `q` match as this viewer's list matches them (operators: whole numbers, audited).
  const query = await scopeListQuery(
    { ...parsed, alert: parsed.alert.filter((name) => alertNames.has(name)) },
    { runtime, session, req: { headers: await headers() }, via: "/analytics" },
  );
  const { calls } = runtime;
  const zone = calls.timeZone;

  // In the same line as the analytics API (lib/server/in-line.ts). Stats exact for filters the
  // drop-off counts exactly: its answered calls are shown as a share of these.
  const figures = await runtime.indexReads
    .run(async () => ({
      stats: await calls.stats(query, { exactFilters: true }),
      // Answered calls whose vendor says who hung up (Tanyi does not): the hang-up share is of these.
      sided: await calls.stats(
        {
          ...query,
          result: query.result.length ? query.result.filter((result) => result === "answered") : ["answered"],
          hangup: query.hangup.length ? query.hangup : ["robot", "customer"],
        },
        { exactFilters: true },
      ),
      dropoff: await calls.dropoff(query),
      days: await calls.daily(query),
      agreement: atLeast(session.role, "supervisor") ? await calls.intentAgreement(query) : null,
    }))
    .catch((err: unknown) => {
      if (isBusy(err)) return null;
      throw err;
    });
  if (!figures) return <Busy title={t("title")} href={returnTo} />;
  const { stats, sided, dropoff, days, agreement } = figures;
  // A filter of results without "answered" leaves the sided count over every result: none answered, none sided.
  const sidedAnswered = dropoff.answered === 0 ? 0 : Math.min(sided.total, dropoff.answered);
  const sideUnknown = dropoff.answered - sidedAnswered;
  if (!seesFullNumbers(session.role))
    for (const line of dropoff.byLastRobotLine) line.text = maskNumbers(line.text);
  const sources = [...runtime.sources.values()].map((source) => ({
    id: source.config.id,
    name: sourceName(source.config),
  }));
  const others = serializeCallQuery({ ...query, source: [], from: null, to: null });
  // A common text search: figures counted over a sample of its matches, said as such.
  const estimate = stats.estimate ?? dropoff.estimate ?? days.find((day) => day.estimate)?.estimate;
  const num = (n: number) => (estimate ? t("about", { n: format.number(n) }) : format.number(n));
  const pct = (n: number, d: number) =>
    d ? format.number(n / d, { style: "percent", maximumFractionDigits: 1 }) : "—";

  const kpi = (label: string, value: string, sub?: string, testId?: string) => (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
      {sub && <div className="text-xs text-zinc-500 dark:text-zinc-400">{sub}</div>}
    </div>
  );

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("subtitle")}</p>
        </div>
        <FilterForm query={query} sources={sources} />
      </div>
      <IgnoredFilters
        ignored={ignored}
        action={
          <Link href={listHref(parsed, "/analytics")} className="underline">
            {tFilters("dropIgnored")}
          </Link>
        }
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {others.size > 0 && (
          <span className="text-zinc-500 dark:text-zinc-400">
            {t("filters.also", { filters: decodeURIComponent(others.toString()).replaceAll("&", " · ") })}
          </span>
        )}
        <Link href={listHref(query)} className="text-brand-700 hover:underline dark:text-brand-400">
          {t("filters.openList", { count: num(stats.total) })}
        </Link>
      </div>
      {estimate && (
        <p className="text-sm text-amber-700 dark:text-amber-400" data-testid="analytics-estimate">
          {t("estimate", {
            sampled: format.number(estimate.sampled),
            matches: format.number(estimate.matches),
          })}
        </p>
      )}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {kpi(t("kpi.calls"), num(stats.total))}
        {kpi(t("kpi.answered"), num(dropoff.answered), pct(dropoff.answered, stats.total))}
        {kpi(
          t("kpi.customerHangups"),
          num(dropoff.customerHangups),
          sideUnknown > 0
            ? t("kpi.ofSided", {
                share: pct(dropoff.customerHangups, sidedAnswered),
                unknown: num(sideUnknown),
              })
            : t("kpi.ofAnswered", { share: pct(dropoff.customerHangups, dropoff.answered) }),
          "kpi-hangups",
        )}
        {kpi(t("kpi.alerting"), num(stats.alerting), pct(stats.alerting, stats.total))}
      </div>

      <Section
        id="lines"
        title={t("lines.title")}
        hint={t("lines.hint")}
        csv={csvHref(query, "lines")}
        csvLabel={t("csv")}
      >
        <LastLines dropoff={dropoff} query={query} />
      </Section>

      <Section
        id="rounds"
        title={t("rounds.title")}
        hint={t("rounds.hint")}
        csv={csvHref(query, "dropoff")}
        csvLabel={t("csv")}
      >
        <RoundFunnel dropoff={dropoff} query={query} />
      </Section>

      <Section
        id="daily"
        title={t("daily.title")}
        hint={t("daily.hint", { zone })}
        csv={csvHref(query, "daily")}
        csvLabel={t("csv")}
      >
        <DailyTrends days={days} query={query} />
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        {agreement && (
          <Section
            id="agreement"
            title={t("agreement.title")}
            hint={t("agreement.hint")}
            csv={csvHref(query, "intent-agreement")}
            csvLabel={t("csv")}
            aside={
              agreement.compared > 0 && (
                <span
                  className="text-sm font-medium text-emerald-700 dark:text-emerald-400"
                  data-testid="agreement-rate"
                >
                  {t("agreement.rate", {
                    rate: pct(agreement.agreed, agreement.compared),
                    agreed: format.number(agreement.agreed),
                    compared: format.number(agreement.compared),
                  })}
                </span>
              )
            }
          >
            <IntentMatrix agreement={agreement} query={query} />
          </Section>
        )}
        <Section id="alerts" title={t("alerts.title")} hint={t("alerts.hint")}>
          <AlertCounts alerts={runtime.config.alerts} byAlert={stats.byAlert} query={query} />
        </Section>
      </div>
    </div>
  );
}
