"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import { FilterTriggerContent, filterTriggerClass, summarize } from "./filter-trigger";
import { Popover } from "./popover";
import type { SourceTaskFilterProps } from "./source-task-panel";

export type { SourceTaskFilterProps } from "./source-task-panel";

const loadPanel = () => import("./source-task-panel");
const SourceTaskPanel = lazy(() => loadPanel().then((module) => ({ default: module.SourceTaskPanel })));

/**
 * `source` and `task` in one panel: tasks belong to a source, so they are listed under it (and
 * only the chosen sources' tasks are offered once a source is chosen). Two URL parameters, one button.
 */
export function SourceTaskFilter({ sources, source, task, onChange }: SourceTaskFilterProps) {
  const t = useTranslations("calls.filters");
  const label = t("sourceTask");
  const chosenSources = sources.filter((item) => source.includes(item.id));
  const value = summarize([
    ...chosenSources.map((item) => item.name),
    ...(task.length ? [t("tasksChosen", { count: task.length })] : []),
  ]);

  return (
    <Popover
      trigger={<FilterTriggerContent label={label} value={value} />}
      triggerLabel={value ? `${label}: ${value}` : label}
      triggerClassName={filterTriggerClass(value !== null)}
      panelLabel={label}
      panelClassName="w-80"
      onPrepare={loadPanel}
    >
      <SourceTaskPanel sources={sources} source={source} task={task} onChange={onChange} />
    </Popover>
  );
}
