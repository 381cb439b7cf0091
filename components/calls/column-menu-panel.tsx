"use client";

import { useTranslations } from "next-intl";
import type { ColumnMenuProps } from "./column-menu";

/** The column menu's checkboxes, loaded when first opened (see Popover's onPrepare). */
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
      <div className="mt-2 flex justify-end border-t border-zinc-100 pt-2 dark:border-zinc-800">
        <button
          type="button"
          onClick={onReset}
          className="rounded px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
        >
          {t("columnsMenu.reset")}
        </button>
      </div>
    </>
  );
}
