"use client";

import { useTable, type ReactTable, type SortingState, type Updater } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";
import { SORT_FIELDS, type CallQuery, type SortField } from "@/lib/calls/query";
import type { CallSummary } from "@/lib/model";
import { callColumns } from "./call-columns";
import { callTableFeatures, type CallTableFeatures } from "./call-table-features";
import { useColumnVisibility } from "./use-column-visibility";

export type CallTable = ReactTable<CallTableFeatures, CallSummary>;

interface UseCallTableOptions {
  rows: CallSummary[];
  sort: CallQuery["sort"];
  onSortChange: (sort: CallQuery["sort"]) => void;
  sourceName: (id: string) => string;
  onOpen: () => void;
}

function isSortField(id: string): id is SortField {
  return (SORT_FIELDS as readonly string[]).includes(id);
}

/**
 * The table model over the loaded rows. The server sorts (the sort lives in the URL like the
 * filters), so sorting here only reflects and toggles that state; visibility is the user's, per browser.
 */
export function useCallTable({ rows, sort, onSortChange, sourceName, onOpen }: UseCallTableOptions) {
  const { visibility, setVisibility, reset } = useColumnVisibility();
  const sorting = useMemo<SortingState>(
    () => [{ id: sort.field, desc: sort.dir === "desc" }],
    [sort.field, sort.dir],
  );

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first && isSortField(first.id)) onSortChange({ field: first.id, dir: first.desc ? "desc" : "asc" });
    },
    [sorting, onSortChange],
  );

  const meta = useMemo(() => ({ sourceName, onOpen }), [sourceName, onOpen]);

  const table = useTable({
    features: callTableFeatures,
    columns: callColumns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility: visibility },
    onSortingChange,
    onColumnVisibilityChange: setVisibility,
    meta,
  });
  return { table, resetColumns: reset };
}
