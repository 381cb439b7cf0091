"use client";

import { useTranslations } from "next-intl";
import { AnnotationChip } from "./annotation-chip";
import { AnnotationEditor } from "./annotation-editor";
import { useAnnotations } from "./annotations-provider";

/** Under a transcript line: its annotations, and (for supervisors) a quiet "annotate" that opens the editor. */
export function LineAnnotations({ index }: { index: number }) {
  const t = useTranslations("reviews.annotations");
  const api = useAnnotations();
  const items = api.byLine.get(index);
  const editing = api.editing?.utterance === index;
  if (!items?.length && !api.canAnnotate) return null;
  return (
    // Clicks here are about annotations, not a request to play the line.
    <div className="flex max-w-full flex-col gap-1" onClick={(event) => event.stopPropagation()}>
      <div className="flex flex-wrap items-center gap-1 px-1">
        {items?.map((annotation) => (
          <AnnotationChip key={annotation.id} annotation={annotation} />
        ))}
        {api.canAnnotate && !editing && (
          <button
            type="button"
            onClick={() => api.edit(api.lineTarget(index))}
            className={`rounded px-1.5 py-px text-[11px] text-zinc-500 hover:bg-zinc-200/70 hover:text-zinc-900 focus:opacity-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${
              items?.length ? "" : "opacity-0 group-hover:opacity-100"
            }`}
          >
            + {t("annotateLine")}
          </button>
        )}
      </div>
      {editing && api.editing && <AnnotationEditor target={api.editing} />}
    </div>
  );
}
