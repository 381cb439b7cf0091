"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { PanelAction } from "./panel-parts";

export interface FilterOption<V extends string> {
  value: V;
  /** Plain words: the checkbox's accessible name and what the button summarizes. */
  label: string;
  /** Optional decoration beside the words (a badge); hidden from assistive technology. */
  visual?: ReactNode;
  /** Short form for the button ("A" rather than "A 级 · 意向强"). */
  short?: string;
}

export interface MultiSelectPanelProps<V extends string> {
  label: string;
  options: FilterOption<V>[];
  selected: V[];
  onChange: (values: V[]) => void;
  columns?: 1 | 2;
}

/** The checkboxes of a multi-select filter, and its clear action (loaded when the filter opens). */
export function MultiSelectPanel<V extends string>({
  label,
  options,
  selected,
  onChange,
  columns = 1,
}: MultiSelectPanelProps<V>) {
  const t = useTranslations("calls.filters");
  const toggle = (option: V, on: boolean) => {
    // Keep the options' order, whatever order they were clicked in: the URL stays canonical.
    const next = new Set(selected);
    if (on) next.add(option);
    else next.delete(option);
    onChange(options.map((item) => item.value).filter((item) => next.has(item)));
  };

  return (
    <>
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</legend>
        <div className={columns === 2 ? "grid grid-cols-2 gap-x-2" : "flex flex-col"}>
          {options.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <input
                type="checkbox"
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
                className="h-4 w-4 shrink-0 accent-brand-600"
              />
              {option.visual && <span aria-hidden>{option.visual}</span>}
              <span className="truncate">{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <PanelAction label={t("clear")} disabled={!selected.length} onClick={() => onChange([])} />
    </>
  );
}
