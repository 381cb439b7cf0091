"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import type { ColumnMenuProps } from "./column-menu-panel";
import { Popover } from "./popover";

const loadPanel = () => import("./column-menu-panel");
const ColumnMenuPanel = lazy(() => loadPanel().then((module) => ({ default: module.ColumnMenuPanel })));

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
      onPrepare={loadPanel}
    >
      <ColumnMenuPanel columns={columns} onReset={onReset} />
    </Popover>
  );
}
