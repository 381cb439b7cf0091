"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { AnnotationLabel } from "@/lib/model";
import { ANNOTATION_LABELS } from "@/lib/vocabulary";
import { useAnnotations, type Target } from "./annotations-provider";
import { LABEL_CHIP } from "./labels";

/** Pick a label (its key shown beside it), add an optional note, add. Escape or Cancel closes. */
export function AnnotationEditor({ target }: { target: Target }) {
  const t = useTranslations("reviews.annotations");
  const api = useAnnotations();
  const [label, setLabel] = useState<AnnotationLabel>("asr_error");
  const [note, setNote] = useState("");
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  return (
    <form
      aria-label={t("add")}
      className="mt-1 flex w-full max-w-md flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-2.5 text-left shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          api.edit(null);
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void api.add(label, note, target).catch(() => undefined);
      }}
    >
      <div role="radiogroup" aria-label={t("label")} className="flex flex-wrap gap-1">
        {ANNOTATION_LABELS.map((value, i) => (
          <label key={value}>
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name="annotation-label"
              value={value}
              checked={label === value}
              onChange={() => setLabel(value)}
              className="peer sr-only"
            />
            <span
              className={`inline-flex cursor-pointer items-center gap-1 rounded-full px-2 py-0.5 text-xs ring-1 ring-inset peer-checked:ring-2 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 ${
                label === value
                  ? LABEL_CHIP[value]
                  : "text-zinc-600 ring-zinc-200 dark:text-zinc-300 dark:ring-zinc-700"
              }`}
            >
              <kbd className="font-mono text-[10px] opacity-60">{i + 1}</kbd>
              {t(`labels.${value}`)}
            </span>
          </label>
        ))}
      </div>
      <input
        name="annotation-note"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={2000}
        placeholder={t("notePlaceholder")}
        aria-label={t("notePlaceholder")}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm focus:border-brand-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950"
      />
      <div className="flex items-center gap-2">
        <button
          type="submit"
          disabled={api.busy}
          className="h-7 rounded-md bg-brand-600 px-2.5 text-xs font-medium text-white hover:bg-brand-700 disabled:opacity-50 dark:bg-brand-500 dark:text-zinc-950"
        >
          {api.busy ? t("adding") : t("add")}
        </button>
        <button
          type="button"
          onClick={() => api.edit(null)}
          className="h-7 rounded-md px-2 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {t("cancel")}
        </button>
        {api.error && (
          <span role="alert" className="text-xs text-rose-700 dark:text-rose-400">
            {t("failed", { message: api.error })}
          </span>
        )}
      </div>
    </form>
  );
}
