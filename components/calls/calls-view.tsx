"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { CreateBatchButton } from "@/components/reviews/create-batch";
import { SyncStrip } from "@/components/sources/sync-strip";
import { hasFilters, type CallQuery } from "@/lib/calls/query";
import type { CallResult, CallSummary, Intent } from "@/lib/model";
import { callListOptions, callStatsOptions, sourcesOptions } from "@/lib/queries/calls";
import { ApiError } from "@/lib/queries/fetch-json";
import { CallsTable } from "./calls-table";
import { ColumnMenu } from "./column-menu";
import { ExportButton } from "./export-button";
import { FilterBar } from "./filter-bar";
import { listHref } from "./list-query";
import { useCallQuery } from "./use-call-query";
import { saveListContext } from "./list-context";
import { ShortcutsHelp } from "./shortcuts-help";
import { IgnoredFilters } from "./ignored-filters";
import { SummaryBar } from "./summary-bar";
import { useCallTable } from "./use-call-table";
import { useRefreshOnSync } from "./use-refresh-on-sync";

const NO_ROWS: CallSummary[] = [];

/** What the list says when it failed: the server's words, or ours for the failures we know. */
function messageOf(
  error: Error | null,
  t: (key: "error.generic" | "error.busy" | "error.tooManyNumbers", values?: { minutes: number }) => string,
): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return t("error.generic");
  if (error.code === "busy") return t("error.busy");
  // An operator's hourly number searches are used up: how long until the next, in their language.
  if (error.code === "too_many_requests" && error.retryAfter !== null)
    return t("error.tooManyNumbers", { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) });
  return error.message;
}

/** The calls list: filters (in the URL), summary, sync status, and the virtualized table. */
export function CallsView({ canSync, canReview = false }: { canSync: boolean; canReview?: boolean }) {
  const t = useTranslations("calls");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const { query, update, clear, ignored } = useCallQuery();
  const searchRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  const sources = useQuery(sourcesOptions());
  const list = useInfiniteQuery({ ...callListOptions(query), placeholderData: keepPreviousData });
  const stats = useQuery({ ...callStatsOptions(query), placeholderData: keepPreviousData });

  const { fetchNextPage } = list;
  const fetchNext = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? NO_ROWS, [list.data]);
  const total = list.data?.pages[0]?.total ?? null;
  // Many matches the count tables cannot count (a common text search with other filters, a rounds or
  // duration range): the server estimates the total and says so.
  const totalIsEstimate = list.data?.pages[0]?.totalIsEstimate === true;
  const listKey = listHref(query);
  const syncing = sources.data?.some((source) => source.sync.state === "syncing") ?? false;
  useRefreshOnSync(sources.data, total === 0);

  const names = useMemo(
    () => new Map(sources.data?.map((source) => [source.id, source.name])),
    [sources.data],
  );
  const sourceName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const onOpen = useCallback(() => saveListContext(query), [query]);
  const onSortChange = useCallback((sort: CallQuery["sort"]) => update({ sort }), [update]);
  const { table, resetColumns } = useCallTable({ rows, sourceName, onOpen });

  const onResult = (result: CallResult) =>
    update({ result: query.result.length === 1 && query.result[0] === result ? [] : [result] });
  const onIntent = (intent: Intent | "none") =>
    update({ intent: query.intent.length === 1 && query.intent[0] === intent ? [] : [intent] });
  const retry = () => {
    void list.refetch();
    void stats.refetch();
  };

  const refreshing =
    list.isPlaceholderData ||
    (list.isFetching && !list.isFetchingNextPage && !list.isPending && !list.isError);
  const sortLabel = t(`sortedBy.${query.sort.field}.${query.sort.dir}`);

  return (
    <div className="flex h-[calc(100dvh-5.6rem)] min-h-[30rem] flex-col gap-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
        <SyncStrip canSync={canSync} />
        <div className="ml-auto flex items-center gap-2">
          {canReview && <CreateBatchButton query={query} total={total} totalIsEstimate={totalIsEstimate} />}
          <ExportButton query={query} total={total} totalIsEstimate={totalIsEstimate} />
          <ColumnMenu columns={table.getAllLeafColumns()} onReset={resetColumns} />
          <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
        </div>
      </div>

      <IgnoredFilters
        ignored={ignored}
        action={
          <button
            type="button"
            // The link as the list reads it: the filters it understood, the others gone.
            onClick={() => window.history.replaceState(null, "", listHref(query, window.location.pathname))}
            className="underline"
          >
            {t("filters.dropIgnored")}
          </button>
        }
      />

      <FilterBar
        query={query}
        sources={sources.data ?? []}
        update={update}
        clear={clear}
        searchRef={searchRef}
      />

      <SummaryBar
        stats={stats.data}
        loading={stats.isPlaceholderData}
        failed={stats.isError}
        query={query}
        onResult={onResult}
        onIntent={onIntent}
      />

      <CallsTable
        table={table}
        sort={query.sort}
        onSortChange={onSortChange}
        listKey={listKey}
        // The table's row count (aria-rowcount) is exact or unknown (-1): an estimate is not a count of rows.
        total={totalIsEstimate ? null : total}
        status={list.status}
        errorMessage={messageOf(list.error, t)}
        refreshing={refreshing}
        hasNextPage={list.hasNextPage}
        fetchingNextPage={list.isFetchingNextPage}
        nextPageFailed={list.isFetchNextPageError}
        fetchNextPage={fetchNext}
        onRetry={retry}
        retrying={list.isFetching}
        filtered={hasFilters(query)}
        syncing={syncing}
        onClearFilters={clear}
        onOpen={onOpen}
        onSearchShortcut={() => searchRef.current?.focus()}
        onHelpShortcut={() => setHelpOpen((open) => !open)}
      />

      <div className="flex min-h-4 flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        {total !== null && total > 0 && (
          <span className="tabular-nums" data-testid="loaded-count">
            {t(totalIsEstimate ? "table.loadedOfAbout" : "table.loadedOf", {
              loaded: number.format(rows.length),
              total: number.format(total),
            })}
          </span>
        )}
        <span>{sortLabel}</span>
        <span className="ml-auto hidden md:inline">{t("keyboard.hint")}</span>
      </div>
    </div>
  );
}
