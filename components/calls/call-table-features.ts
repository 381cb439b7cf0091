import { columnVisibilityFeature, metaHelper, tableFeatures } from "@tanstack/react-table";
import type { SortField } from "@/lib/calls/query";

/** Per column: its label in the `calls.columns` messages, alignment, and whether it takes the spare width. */
export interface CallColumnMeta {
  label: string;
  /** Width in px (the minimum, for the column that takes the spare width). */
  width: number;
  align?: "end";
  grow?: boolean;
  /** The API's sort value, for the columns the server can sort by. */
  sortField?: SortField;
}

/** What cells need from around the table. */
export interface CallTableMeta {
  sourceName: (id: string) => string;
  /** Called when the user opens a call from the list (to remember the list for the call page). */
  onOpen: () => void;
}

/**
 * Visibility drives the rendered columns; widths are fixed per column (meta.width), so the table
 * needs no sizing feature. Sorting is the server's and lives in the URL: a header reads and toggles
 * it through meta.sortField (calls-table.tsx), so the table needs no sorting feature either — its
 * code (~1 KB gzipped) stays out of the list route's first load.
 */
export const callTableFeatures = tableFeatures({
  columnVisibilityFeature,
  columnMeta: metaHelper<CallColumnMeta>(),
  tableMeta: metaHelper<CallTableMeta>(),
});

export type CallTableFeatures = typeof callTableFeatures;
