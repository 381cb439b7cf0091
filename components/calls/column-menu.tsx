"use client";

import type { Column } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { CallSummary } from "@/lib/model";
import type { CallTableFeatures } from "./call-table-features";
import { Popover } from "./popover";

interface ColumnMenuProps {
  columns: Column<CallTableFeatures, CallSummary, unknown>[];
  onReset: () => void;
}

/** Show or hide columns; the table remembers the choice in this browser. */
export function ColumnMenu({ columns, onReset }: ColumnMenuProps) {
  const t = useTranslations("calls");
  return (
    <Popover
      trigger={
        <>
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4">
            <path
              d="M2.5 3h11M2.5 8h11M2.5 13h11M6 2v12M10 2v12"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.3"
            />
          </svg>
          <span>{t("columnsMenu.button")}</span>
        </>
      }
      triggerClassName="inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
      panelLabel={t("columnsMenu.title")}
      panelClassName="w-52"
      align="end"
    >
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
      <div className="mt-2 flex justify-end border-t border-zinc-100 pt-2 dark:border-zinc-800">
        <button
          type="button"
          onClick={onReset}
          className="rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          {t("columnsMenu.reset")}
        </button>
      </div>
    </Popover>
  );
}
