"use client";

import { lazy } from "react";
import { FilterTriggerContent, filterTriggerClass, summarize } from "./filter-trigger";
import type { MultiSelectPanelProps } from "./multi-select-panel";
import { Popover } from "./popover";

const loadPanel = () => import("./multi-select-panel");
const MultiSelectPanel = lazy(() => loadPanel().then((module) => ({ default: module.MultiSelectPanel })));

export type { FilterOption } from "./multi-select-panel";

/** A filter over a list parameter (`result=answered,busy`): a button with a checkbox panel. */
export function MultiSelectFilter<V extends string>(props: MultiSelectPanelProps<V>) {
  const { label, options, selected, columns = 1 } = props;
  const chosen = options.filter((option) => selected.includes(option.value));
  const value = summarize(chosen.map((option) => option.short ?? option.label));

  return (
    <Popover
      trigger={<FilterTriggerContent label={label} value={value} />}
      triggerLabel={value ? `${label}: ${chosen.map((option) => option.label).join(", ")}` : label}
      triggerClassName={filterTriggerClass(chosen.length > 0)}
      panelLabel={label}
      panelClassName={columns === 2 ? "w-80" : "w-56"}
      onPrepare={loadPanel}
    >
      {/* React.lazy drops the generic; the props are the filter's own, values of one V throughout. */}
      <MultiSelectPanel {...(props as unknown as MultiSelectPanelProps<string>)} />
    </Popover>
  );
}
