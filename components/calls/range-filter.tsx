"use client";

import { lazy } from "react";
import { FilterTriggerContent, filterTriggerClass } from "./filter-trigger";
import { Popover } from "./popover";
import type { Range, RangeFilterProps } from "./range-panel";

const loadPanel = () => import("./range-panel");
const RangePanel = lazy(() => loadPanel().then((module) => ({ default: module.RangePanel })));

export type { Range, RangeFilterProps } from "./range-panel";

/** "3–8", "≥ 3", "≤ 8" (+ unit), or null when the range is open on both ends. */
export function formatRange(range: Range, unit = ""): string | null {
  const u = unit ? ` ${unit}` : "";
  if (range.min !== null && range.max !== null)
    return range.min === range.max ? `${range.min}${u}` : `${range.min}–${range.max}${u}`;
  if (range.min !== null) return `≥ ${range.min}${u}`;
  if (range.max !== null) return `≤ ${range.max}${u}`;
  return null;
}

/**
 * A min/max filter (dialog rounds, talk time), or a lower bound only (`minOnly`: dead air, robot reply).
 * Applies as the user types, once the numbers make sense.
 */
export function RangeFilter({
  label,
  unit,
  integer = false,
  minOnly = false,
  value,
  onChange,
  presets = [],
}: RangeFilterProps) {
  const shown = formatRange(value, unit);
  return (
    <Popover
      trigger={<FilterTriggerContent label={label} value={shown} />}
      triggerLabel={shown ? `${label}: ${shown}` : label}
      triggerClassName={filterTriggerClass(shown !== null)}
      panelLabel={label}
      panelClassName="w-64"
      onPrepare={loadPanel}
    >
      <RangePanel
        label={label}
        unit={unit}
        integer={integer}
        minOnly={minOnly}
        value={value}
        onChange={onChange}
        presets={presets}
      />
    </Popover>
  );
}
