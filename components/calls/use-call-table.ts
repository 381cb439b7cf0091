"use client";

import { useTable, type ReactTable } from "@tanstack/react-table";
import { useMemo } from "react";
import type { CallSummary } from "@/lib/model";
import { callColumns } from "./call-columns";
import { callTableFeatures, type CallTableFeatures } from "./call-table-features";
import { useColumnVisibility } from "./use-column-visibility";

export type CallTable = ReactTable<CallTableFeatures, CallSummary>;

interface UseCallTableOptions {
  rows: CallSummary[];
  sourceName: (id: string) => string;
  onOpen: () => void;
}

/**
 * The table model over the loaded rows. The server sorts (the sort lives in the URL like the
 * filters, and the headers toggle it there); visibility is the user's, per browser.
 */
export function useCallTable({ rows, sourceName, onOpen }: UseCallTableOptions) {
  const { visibility, setVisibility, reset } = useColumnVisibility();
  const meta = useMemo(() => ({ sourceName, onOpen }), [sourceName, onOpen]);

  const table = useTable({
    features: callTableFeatures,
    columns: callColumns,
    data: rows,
    getRowId: (row) => row.id,
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: setVisibility,
    meta,
  });
  return { table, resetColumns: reset };
}
