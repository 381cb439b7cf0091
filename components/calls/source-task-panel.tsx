"use client";

import { useTranslations } from "next-intl";
import type { SourceStatus } from "@/lib/model";
import { PanelAction } from "./panel-parts";

/** Declared here, beside the panel the filter loads lazily, so the two files do not import each other. */
export interface SourceTaskFilterProps {
  sources: SourceStatus[];
  source: string[];
  task: string[];
  onChange: (patch: { source?: string[]; task?: string[] }) => void;
}

const checkbox = "h-4 w-4 shrink-0 accent-brand-600";
const row =
  "flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800";

/** The source and task checkboxes, loaded when first opened (see Popover's onPrepare). */
export function SourceTaskPanel({ sources, source, task, onChange }: SourceTaskFilterProps) {
  const t = useTranslations("calls.filters");
  const chosenSources = sources.filter((item) => source.includes(item.id));
  const shownSources = chosenSources.length ? chosenSources : sources;
  // A task the URL names but no source lists (a task since removed from the config) stays visible, to be unticked.
  const orphanTasks = task.filter((id) => !sources.some((item) => item.taskIds.includes(id)));
  const toggle = (list: string[], id: string, on: boolean, order: string[]) => {
    const next = new Set(list);
    if (on) next.add(id);
    else next.delete(id);
    return order.filter((item) => next.has(item));
  };
  const allTasks = [...sources.flatMap((item) => item.taskIds), ...orphanTasks];

  return (
    <>
      <div className="flex max-h-[60vh] flex-col gap-3 overflow-y-auto">
        {sources.length > 1 && (
          <fieldset>
            <legend className="mb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
              {t("source")}
            </legend>
            {sources.map((item) => (
              <label key={item.id} className={row}>
                <input
                  type="checkbox"
                  className={checkbox}
                  checked={source.includes(item.id)}
                  onChange={(event) =>
                    onChange({
                      source: toggle(
                        source,
                        item.id,
                        event.target.checked,
                        sources.map((s) => s.id),
                      ),
                    })
                  }
                />
                <span className="truncate">{item.name}</span>
              </label>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend className="mb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("task")}</legend>
          {shownSources.map((item) => (
            <div key={item.id} className="mb-1">
              {sources.length > 1 && (
                <div className="px-1.5 pt-1 text-xs text-zinc-600 dark:text-zinc-400">{item.name}</div>
              )}
              {item.taskIds.map((id) => (
                <label key={id} className={row}>
                  <input
                    type="checkbox"
                    className={checkbox}
                    checked={task.includes(id)}
                    onChange={(event) => onChange({ task: toggle(task, id, event.target.checked, allTasks) })}
                  />
                  <span className="truncate font-mono text-xs">{id}</span>
                </label>
              ))}
            </div>
          ))}
          {orphanTasks.map((id) => (
            <label key={id} className={row}>
              <input
                type="checkbox"
                className={checkbox}
                checked
                onChange={() => onChange({ task: task.filter((item) => item !== id) })}
              />
              <span className="truncate font-mono text-xs">{id}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <PanelAction
        label={t("clear")}
        disabled={!source.length && !task.length}
        onClick={() => onChange({ source: [], task: [] })}
      />
    </>
  );
}
