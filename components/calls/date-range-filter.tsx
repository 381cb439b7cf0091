"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import { FilterTriggerContent, filterTriggerClass } from "./filter-trigger";
import { Popover } from "./popover";
import type { DateRange, DateRangeFilterProps } from "./date-range-panel";

const loadPanel = () => import("./date-range-panel");
const DateRangePanel = lazy(() => loadPanel().then((module) => ({ default: module.DateRangePanel })));

export type { DateRange, DateRangeFilterProps } from "./date-range-panel";

function short(value: string, sameYear: boolean): string {
  const day = value.slice(0, 10);
  return sameYear ? day.slice(5) : day;
}

export function formatDateRange({ from, to }: DateRange): string | null {
  if (from && to) {
    const sameYear = from.slice(0, 4) === to.slice(0, 4);
    return from.slice(0, 10) === to.slice(0, 10)
      ? from.slice(0, 10)
      : `${short(from, sameYear)} – ${short(to, sameYear)}`;
  }
  if (from) return `≥ ${from.slice(0, 10)}`;
  if (to) return `≤ ${to.slice(0, 10)}`;
  return null;
}

/** `from` / `to` as whole days in the calls' time zone (`to` includes its day, as the API reads it). */
export function DateRangeFilter({ value, onChange }: DateRangeFilterProps) {
  const t = useTranslations("calls.filters");
  const shown = formatDateRange(value);
  return (
    <Popover
      trigger={<FilterTriggerContent label={t("date")} value={shown} />}
      triggerLabel={shown ? `${t("date")}: ${shown}` : t("date")}
      triggerClassName={filterTriggerClass(shown !== null)}
      panelLabel={t("date")}
      panelClassName="w-72"
      onPrepare={loadPanel}
    >
      <DateRangePanel value={value} onChange={onChange} />
    </Popover>
  );
}
