"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { PanelAction, PresetChips } from "./panel-parts";
import type { UpdateMode } from "./use-call-query";

/** Declared here, beside the panel the filter loads lazily, so the two files do not import each other. */
export interface Range {
  min: number | null;
  max: number | null;
}

export interface RangeFilterProps {
  label: string;
  /** Unit shown beside the inputs ("秒"), if any. */
  unit?: string;
  integer?: boolean;
  /** Only a lower bound ("dead air ≥ 5 s"): the max input is left out and max stays null. */
  minOnly?: boolean;
  value: Range;
  onChange: (range: Range, mode: UpdateMode) => void;
  presets?: { label: string; range: Range }[];
}

function parse(text: string, integer: boolean): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return "invalid";
  const n = Number(trimmed);
  if (integer && !Number.isInteger(n)) return "invalid";
  return n;
}

/** The inside of a range filter's panel, loaded when first opened (see Popover's onPrepare). */
export function RangePanel({
  label,
  unit,
  integer = false,
  minOnly = false,
  value,
  onChange,
  presets = [],
}: RangeFilterProps) {
  const t = useTranslations("calls.filters");
  const id = useId();
  const [min, setMin] = useState(value.min?.toString() ?? "");
  const [max, setMax] = useState(value.max?.toString() ?? "");
  // The first change of an opening is a new history entry; refinements while typing replace it.
  const committed = useRef(false);

  const parsedMin = parse(min, integer);
  const parsedMax = parse(max, integer);
  const badNumber = parsedMin === "invalid" || parsedMax === "invalid";
  const reversed = !badNumber && parsedMin !== null && parsedMax !== null && parsedMin > parsedMax;
  const error = badNumber ? t(integer ? "wholeNumber" : "number") : reversed ? t("rangeReversed") : null;

  const changed =
    !error &&
    parsedMin !== "invalid" &&
    parsedMax !== "invalid" &&
    (parsedMin !== value.min || parsedMax !== value.max);
  // What is typed but not yet in the URL: written after a pause, on Enter, or when the panel closes.
  const pending = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!changed) {
      pending.current = null;
      return;
    }
    const commit = () => {
      pending.current = null;
      onChange({ min: parsedMin, max: parsedMax }, committed.current ? "replace" : "push");
      committed.current = true;
    };
    pending.current = commit;
    const timer = setTimeout(commit, 450);
    return () => clearTimeout(timer);
  }, [changed, parsedMin, parsedMax, onChange]);
  useEffect(() => () => pending.current?.(), []);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") pending.current?.();
  };

  const apply = (range: Range) => {
    setMin(range.min?.toString() ?? "");
    setMax(range.max?.toString() ?? "");
    onChange(range, committed.current ? "replace" : "push");
    committed.current = true;
  };

  const input =
    "h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm tabular-nums aria-invalid:border-rose-500 dark:border-zinc-700 dark:bg-zinc-950";
  return (
    <>
      <div className="flex flex-col gap-2">
        <div className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
          {label}
          {unit ? ` (${unit})` : ""}
        </div>
        <div className="flex items-end gap-2">
          <label className="flex flex-1 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400">
            {t("min")}
            <input
              inputMode={integer ? "numeric" : "decimal"}
              value={min}
              onChange={(event) => setMin(event.target.value)}
              onKeyDown={onKeyDown}
              aria-invalid={parsedMin === "invalid" || reversed || undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              placeholder={t("any")}
              className={input}
            />
          </label>
          {!minOnly && (
            <span aria-hidden className="pb-1.5 text-zinc-400">
              –
            </span>
          )}
          <label
            className={`flex flex-1 flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400 ${minOnly ? "hidden" : ""}`}
          >
            {t("max")}
            <input
              inputMode={integer ? "numeric" : "decimal"}
              value={max}
              onChange={(event) => setMax(event.target.value)}
              onKeyDown={onKeyDown}
              aria-invalid={parsedMax === "invalid" || reversed || undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              placeholder={t("any")}
              className={input}
            />
          </label>
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="text-xs text-rose-600 dark:text-rose-400">
            {error}
          </p>
        )}
        <PresetChips presets={presets} onPick={apply} />
      </div>
      <PanelAction
        label={t("clear")}
        disabled={value.min === null && value.max === null && min === "" && max === ""}
        onClick={() => apply({ min: null, max: null })}
      />
    </>
  );
}
