"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/format";
import type { Annotation } from "@/lib/model";
import { useAnnotations } from "./annotations-provider";
import { LABEL_CHIP } from "./labels";

/** One annotation on its line: the label, the note, who and when on hover; × for its author or an admin. */
export function AnnotationChip({ annotation }: { annotation: Annotation }) {
  const t = useTranslations("reviews.annotations");
  const locale = useLocale();
  const api = useAnnotations();
  const label = t(`labels.${annotation.label}`);
  return (
    <span
      data-annotation={annotation.label}
      title={`${annotation.by} · ${formatDateTime(annotation.at, locale)}`}
      className={`inline-flex max-w-full items-center gap-1 rounded-full py-px pr-1 pl-2 text-xs ring-1 ring-inset ${LABEL_CHIP[annotation.label]}`}
    >
      <span className="font-medium whitespace-nowrap">{label}</span>
      {annotation.note && <span className="truncate opacity-80">· {annotation.note}</span>}
      {api.canDelete(annotation) ? (
        <button
          type="button"
          onClick={(event) => {
            event.stopPropagation();
            api.remove(annotation.id);
          }}
          disabled={api.busy}
          aria-label={t("deleteLabel", { label })}
          className="ml-0.5 inline-flex h-4 w-4 items-center justify-center rounded-full opacity-60 hover:bg-black/10 hover:opacity-100 dark:hover:bg-white/10"
        >
          <svg aria-hidden viewBox="0 0 12 12" className="h-2.5 w-2.5">
            <path d="m3 3 6 6M9 3 3 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      ) : (
        <span className="w-1" />
      )}
    </span>
  );
}
