"use client";

import { useTranslations } from "next-intl";
import { DISPLAY_TIME_ZONE } from "@/lib/format";
import { PanelAction, PresetChips } from "./panel-parts";
import type { UpdateMode } from "./use-call-query";

/** Declared here, beside the panel the filter loads lazily, so the two files do not import each other. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

export interface DateRangeFilterProps {
  value: DateRange;
  onChange: (range: DateRange, mode: UpdateMode) => void;
}

/** Today's date where the calls were made (not where the browser is), as YYYY-MM-DD. */
export function todayInDisplayZone(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: DISPLAY_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export function shiftDate(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The inside of the date filter's panel, loaded when first opened (see Popover's onPrepare). */
export function DateRangePanel({ value, onChange }: DateRangeFilterProps) {
  const t = useTranslations("calls.filters");
  const today = todayInDisplayZone();
  const presets: { label: string; range: DateRange }[] = [
    { label: t("today"), range: { from: today, to: today } },
    { label: t("yesterday"), range: { from: shiftDate(today, -1), to: shiftDate(today, -1) } },
    { label: t("lastDays", { days: 7 }), range: { from: shiftDate(today, -6), to: today } },
    { label: t("lastDays", { days: 30 }), range: { from: shiftDate(today, -29), to: today } },
  ];
  const input =
    "h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm tabular-nums dark:border-zinc-700 dark:bg-zinc-950 dark:[color-scheme:dark]";

  return (
    <>
      <div className="flex flex-col gap-2">
        <div className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("dateHint")}</div>
        <div className="flex items-end gap-2">
          <label className="flex flex-1 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            {t("from")}
            <input
              type="date"
              value={value.from?.slice(0, 10) ?? ""}
              max={value.to?.slice(0, 10)}
              onChange={(event) => onChange({ ...value, from: event.target.value || null }, "push")}
              className={input}
            />
          </label>
          <span aria-hidden className="pb-1.5 text-zinc-400">
            –
          </span>
          <label className="flex flex-1 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            {t("to")}
            <input
              type="date"
              value={value.to?.slice(0, 10) ?? ""}
              min={value.from?.slice(0, 10)}
              onChange={(event) => onChange({ ...value, to: event.target.value || null }, "push")}
              className={input}
            />
          </label>
        </div>
        <PresetChips presets={presets} onPick={(range) => onChange(range, "push")} />
      </div>
      <PanelAction
        label={t("clear")}
        disabled={!value.from && !value.to}
        onClick={() => onChange({ from: null, to: null }, "push")}
      />
    </>
  );
}
