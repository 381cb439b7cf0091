"use client";

import type { Column } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { CallSummary } from "@/lib/model";
import type { CallTableFeatures } from "./call-table-features";
import { PanelAction } from "./panel-parts";

/** The column menu's checkboxes, loaded when first opened (see Popover's onPrepare). */
/** Declared here, beside the panel the menu loads lazily, so the two files do not import each other. */
export interface ColumnMenuProps {
  columns: Column<CallTableFeatures, CallSummary, unknown>[];
  onReset: () => void;
}

export function ColumnMenuPanel({ columns, onReset }: ColumnMenuProps) {
  const t = useTranslations("calls");
  return (
    <>
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
          {t("columnsMenu.title")}
        </legend>
        {columns.map((column) => {
          const label = column.columnDef.meta?.label ?? column.id;
          return (
            <label
              key={column.id}
              className={`flex items-center gap-2 rounded px-1.5 py-1 ${column.getCanHide() ? "cursor-pointer hover:bg-zinc-100 dark:hover:bg-zinc-800" : "opacity-60"}`}
            >
              <input
                type="checkbox"
                checked={column.getIsVisible()}
                disabled={!column.getCanHide()}
                onChange={(event) => column.toggleVisibility(event.target.checked)}
                className="h-4 w-4 accent-brand-600"
              />
              {t(`columns.${label}`)}
            </label>
          );
        })}
      </fieldset>
      <PanelAction label={t("columnsMenu.reset")} onClick={onReset} />
    </>
  );
}
