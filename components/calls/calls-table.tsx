"use client";

import type { Column, Header } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import {
  lazy,
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from "react";
import { LazyBoundary } from "@/components/ui/lazy-boundary";
import type { CallQuery } from "@/lib/calls/query";
import type { CallSummary } from "@/lib/model";
import type { CallTableFeatures } from "./call-table-features";
import { callHref } from "./list-context";
import { nextSort } from "./list-query";
import { SkeletonRows } from "./skeleton-rows";
import { useListKeyboard } from "./use-list-keyboard";
import { useListPlace } from "./use-list-place";
import { useRowWindow } from "./use-row-window";
import type { CallTable } from "./use-call-table";

// The empty and error states show in place of rows, on the rare load that has none: loaded then.
const loadStates = () => import("./table-states");
const EmptyState = lazy(() => loadStates().then((module) => ({ default: module.EmptyState })));
const ErrorState = lazy(() => loadStates().then((module) => ({ default: module.ErrorState })));

export const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 36;
/** Ask for the next page while this many loaded rows are still below the screen. */
const PREFETCH_ROWS = 60;

interface CallsTableProps {
  table: CallTable;
  /** The server's order (from the URL); a sortable column's header shows and toggles it. */
  sort: CallQuery["sort"];
  onSortChange: (sort: CallQuery["sort"]) => void;
  /** Changes whenever the filters or sort change: resets the highlight and scroll. */
  listKey: string;
  total: number | null;
  status: "pending" | "error" | "success";
  errorMessage: string | null;
  refreshing: boolean;
  hasNextPage: boolean;
  fetchingNextPage: boolean;
  nextPageFailed: boolean;
  fetchNextPage: () => void;
  onRetry: () => void;
  retrying: boolean;
  filtered: boolean;
  syncing: boolean;
  onClearFilters: () => void;
  onOpen: () => void;
  onSearchShortcut: () => void;
  onHelpShortcut: () => void;
}

function columnWidth(column: Column<CallTableFeatures, CallSummary, unknown>): number {
  return column.columnDef.meta?.width ?? 100;
}

function cellStyle(size: number, grow: boolean | undefined): CSSProperties {
  return { flex: grow ? `1 0 ${size}px` : `0 0 ${size}px`, width: size, minWidth: grow ? size : undefined };
}

/**
 * The list as an ARIA table: a sticky header row and a virtualized body. Only the rows on screen
 * (plus a margin) exist in the DOM; every row still carries its place in the whole list
 * (aria-rowindex) and the table says how many there are (aria-rowcount, header row included).
 */
export function CallsTable(props: CallsTableProps) {
  const { table, listKey, total, status, hasNextPage, fetchingNextPage, nextPageFailed, fetchNextPage } =
    props;
  const t = useTranslations("calls");
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const minWidth = columns.reduce((sum, column) => sum + columnWidth(column), 0) + 24;

  // The highlight holds a call, not a position: a sync that ends refreshes the list under the
  // reader, rows move, and Enter must still open the call they highlighted.
  const [cursor, setCursor] = useState<{ key: string; id: string } | null>(null);
  const current = cursor?.key === listKey ? cursor : null;
  const found = current ? rows.findIndex((row) => row.original.id === current.id) : -1;
  const active = found >= 0 ? found : null;
  // Where the call was last seen (refetches move it), so that j/k go on from there if it left the list.
  const seenAt = useRef(0);
  useEffect(() => {
    if (found >= 0) seenAt.current = found;
  }, [found]);

  // One extra row at the end holds "loading more" (or the retry after a failed page).
  const count = rows.length + (hasNextPage || nextPageFailed ? 1 : 0);
  const { first, last: lastIndex } = useRowWindow(scrollRef, {
    count,
    rowHeight: ROW_HEIGHT,
    offset: HEADER_HEIGHT,
    overscan: 10,
    // The server renders the first screen of rows too (before the browser can measure).
    initialHeight: 720,
  });
  const indexes = Array.from({ length: Math.max(0, lastIndex - first + 1) }, (_, i) => first + i);

  useEffect(() => {
    if (hasNextPage && !fetchingNextPage && !nextPageFailed && lastIndex >= rows.length - PREFETCH_ROWS)
      fetchNextPage();
  }, [hasNextPage, fetchingNextPage, nextPageFailed, lastIndex, rows.length, fetchNextPage]);

  // A new filter or sort starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listKey]);

  const openRow = (index: number, newTab = false) => {
    const row = rows[index];
    if (!row) return;
    props.onOpen();
    if (newTab) window.open(callHref(row.original.id), "_blank", "noopener");
    else {
      setCursor({ key: listKey, id: row.original.id });
      router.push(callHref(row.original.id));
    }
  };

  // The call the highlight was last moved to: a focus still pending for an earlier move gives way.
  const movedTo = useRef<string | null>(null);
  const focusRow = (id: string, attempt = 0) => {
    if (movedTo.current !== id) return;
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(`[data-call-id="${CSS.escape(id)}"] a`);
    if (link) link.focus({ preventScroll: true });
    else if (attempt < 8) requestAnimationFrame(() => focusRow(id, attempt + 1));
  };

  const moveTo = (index: number) => {
    const element = scrollRef.current;
    if (!element || !rows.length) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    const id = rows[next]!.original.id;
    movedTo.current = id;
    setCursor({ key: listKey, id });
    // Rows have one height, so the arithmetic is exact; the sticky header covers the top HEADER_HEIGHT px.
    const top = HEADER_HEIGHT + next * ROW_HEIGHT;
    if (top - HEADER_HEIGHT < element.scrollTop) element.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    requestAnimationFrame(() => focusRow(id));
  };

  const restorePlace = useCallback(
    (id: string) => {
      movedTo.current = id;
      setCursor({ key: listKey, id });
      requestAnimationFrame(() => focusRow(id));
    },
    // focusRow reads only refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [listKey],
  );
  useListPlace({
    scrollRef,
    listKey,
    highlighted: current?.id ?? null,
    rowsLoaded: rows.length,
    rowHeight: ROW_HEIGHT,
    restore: restorePlace,
  });

  useListKeyboard({
    onSearch: props.onSearchShortcut,
    onHelp: props.onHelpShortcut,
    onMove: (delta) => {
      if (active !== null) moveTo(active + delta);
      // The highlighted call is gone: the row now at its place comes first, as if it had moved up.
      else if (current) moveTo(delta === 1 ? seenAt.current : seenAt.current - 1);
      else moveTo(0);
    },
    onOpen: () => {
      if (active === null || !rows[active]) return false;
      openRow(active);
      return true;
    },
  });

  const onRowClick = (event: MouseEvent<HTMLDivElement>, index: number) => {
    // The link handles its own clicks; selecting text (to copy a number) is not a click on the row.
    if ((event.target as HTMLElement).closest("a, button") || window.getSelection()?.toString()) return;
    openRow(index, event.metaKey || event.ctrlKey);
  };

  const showRows = status === "success" || (rows.length > 0 && status !== "error");
  const empty = status === "success" && rows.length === 0;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      {props.refreshing && (
        <div aria-hidden className="absolute inset-x-0 top-0 z-20 h-0.5 animate-pulse bg-brand-500" />
      )}
      <div
        ref={scrollRef}
        role="table"
        aria-label={t("table.label")}
        aria-rowcount={total === null ? -1 : total + 1}
        aria-busy={props.refreshing || status === "pending" || undefined}
        className="min-h-0 flex-1 overflow-auto overscroll-contain"
      >
        <div role="rowgroup" className="sticky top-0 z-10" style={{ minWidth }}>
          <div
            role="row"
            aria-rowindex={1}
            className="flex border-b border-zinc-200 bg-zinc-50 px-3 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
            style={{ height: HEADER_HEIGHT }}
          >
            {headers.map((header) => (
              <HeaderCell
                key={header.id}
                header={header}
                sort={props.sort}
                onSortChange={props.onSortChange}
              />
            ))}
          </div>
        </div>

        {status === "pending" && rows.length === 0 && (
          <div style={{ minWidth }}>
            <SkeletonRows count={14} widths={columns.map(columnWidth)} />
          </div>
        )}
        {status === "error" && rows.length === 0 && (
          <StateRow>
            <LazyBoundary loading={null}>
              <ErrorState
                message={props.errorMessage ?? ""}
                onRetry={props.onRetry}
                retrying={props.retrying}
              />
            </LazyBoundary>
          </StateRow>
        )}
        {empty && (
          <StateRow>
            <LazyBoundary loading={null}>
              <EmptyState filtered={props.filtered} syncing={props.syncing} onClear={props.onClearFilters} />
            </LazyBoundary>
          </StateRow>
        )}

        {showRows && rows.length > 0 && (
          <div
            role="rowgroup"
            className={`relative transition-opacity ${props.refreshing ? "opacity-60" : ""}`}
            style={{ height: count * ROW_HEIGHT, minWidth }}
          >
            {indexes.map((index) => {
              const row = rows[index];
              const style: CSSProperties = {
                height: ROW_HEIGHT,
                transform: `translateY(${index * ROW_HEIGHT}px)`,
              };
              if (!row) {
                return (
                  <div
                    key="more"
                    role="row"
                    aria-hidden
                    className="absolute top-0 left-0 flex w-full items-center px-3"
                    style={style}
                  >
                    <div
                      role="cell"
                      className="sticky left-3 flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400"
                    >
                      {nextPageFailed ? (
                        <>
                          {t("table.moreFailed")}
                          <button
                            type="button"
                            onClick={fetchNextPage}
                            className="rounded px-2 py-0.5 text-brand-700 underline underline-offset-2 hover:bg-brand-50 dark:text-brand-400 dark:hover:bg-brand-900/40"
                          >
                            {t("error.retry")}
                          </button>
                        </>
                      ) : (
                        <>
                          <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-zinc-300 border-t-brand-500 dark:border-zinc-700 dark:border-t-brand-400" />
                          {t("table.loadingMore")}
                        </>
                      )}
                    </div>
                  </div>
                );
              }
              const isActive = active === index;
              return (
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-current={isActive || undefined}
                  data-row-index={index}
                  data-call-id={row.original.id}
                  onClick={(event) => onRowClick(event, index)}
                  // Tabbing onto a row's link highlights it: Enter then opens the row that has focus.
                  onFocus={() => {
                    if (current?.id === row.original.id) return;
                    movedTo.current = row.original.id;
                    setCursor({ key: listKey, id: row.original.id });
                  }}
                  className={`absolute top-0 left-0 flex w-full cursor-pointer items-center border-b border-zinc-100 px-3 text-sm dark:border-zinc-800/70 ${
                    isActive
                      ? "bg-brand-50 shadow-[inset_3px_0_0_var(--color-brand-500)] dark:bg-brand-900/30"
                      : "hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
                  }`}
                  style={style}
                >
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <div
                        key={cell.id}
                        role="cell"
                        className={`flex min-w-0 items-center pr-4 last:pr-0 ${meta?.align === "end" ? "justify-end" : ""}`}
                        style={cellStyle(columnWidth(cell.column), meta?.grow)}
                      >
                        <table.FlexRender cell={cell} />
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

/** A message in place of rows, kept inside the table's structure (a row with one cell). */
function StateRow({ children }: { children: ReactNode }) {
  return (
    <div role="rowgroup" className="sticky left-0 w-full">
      <div role="row">
        <div role="cell">{children}</div>
      </div>
    </div>
  );
}

function HeaderCell({
  header,
  sort,
  onSortChange,
}: {
  header: Header<CallTableFeatures, CallSummary, unknown>;
  sort: CallQuery["sort"];
  onSortChange: (sort: CallQuery["sort"]) => void;
}) {
  const t = useTranslations("calls");
  const meta = header.column.columnDef.meta;
  const label = t(`columns.${meta?.label ?? header.column.id}`);
  const sortField = meta?.sortField;
  const sorted = sortField !== undefined && sort.field === sortField ? sort.dir : false;
  const canSort = sortField !== undefined;
  const align = meta?.align === "end" ? "justify-end text-right" : "";
  return (
    <div
      role="columnheader"
      aria-sort={
        canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined
      }
      className={`flex min-w-0 items-center pr-4 last:pr-0 ${align}`}
      style={cellStyle(columnWidth(header.column), meta?.grow)}
    >
      {canSort ? (
        <button
          type="button"
          onClick={() => sortField && onSortChange(nextSort(sort, sortField))}
          title={t("table.sortHint")}
          className={`-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 whitespace-nowrap hover:bg-zinc-200/60 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${
            sorted ? "text-zinc-900 dark:text-zinc-100" : ""
          }`}
        >
          {label}
          <SortIcon direction={sorted} />
        </button>
      ) : (
        <span className="truncate whitespace-nowrap">{label}</span>
      )}
    </div>
  );
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  return (
    <svg aria-hidden viewBox="0 0 10 12" className="h-3 w-2.5">
      <path
        d="M5 1.5 8 5H2z"
        className={
          direction === "asc" ? "fill-brand-600 dark:fill-brand-400" : "fill-zinc-300 dark:fill-zinc-600"
        }
      />
      <path
        d="M5 10.5 2 7h6z"
        className={
          direction === "desc" ? "fill-brand-600 dark:fill-brand-400" : "fill-zinc-300 dark:fill-zinc-600"
        }
      />
    </svg>
  );
}
