"use client";

import { useLocale, useTranslations } from "next-intl";
import { SidePanel } from "@/components/call/fact-list";
import { usePlayer, usePlayerState } from "@/components/player/use-player";
import { formatClock, formatDateTime } from "@/lib/format";
import type { Annotation } from "@/lib/model";
import { AnnotationEditor } from "./annotation-editor";
import { useAnnotations } from "./annotations-provider";
import { LABEL_CHIP } from "./labels";

/** Every annotation of the call in the order of the call, each a way to its moment; "mark this moment" for supervisors. */
export function AnnotationsPanel({ playable }: { playable: boolean }) {
  const t = useTranslations("reviews.annotations");
  const locale = useLocale();
  const api = useAnnotations();
  const store = usePlayer();
  const second = usePlayerState((state) => Math.floor(state.timeMs / 1000));
  const whereMs = (annotation: Annotation) =>
    annotation.atMs ??
    (annotation.utterance !== null ? (api.spans[annotation.utterance]?.startMs ?? null) : null);
  const ordered = [...api.list].sort(
    (a, b) => (whereMs(a) ?? Infinity) - (whereMs(b) ?? Infinity) || Number(a.id) - Number(b.id),
  );
  const editingMoment = api.editing !== null && api.editing.utterance === null;

  return (
    <SidePanel
      id="annotations-title"
      title={
        <span className="flex items-center justify-between gap-2">
          <span>
            {t("title")}
            {api.list.length > 0 && <span className="ml-1.5 tabular-nums">{api.list.length}</span>}
          </span>
          {api.canAnnotate && playable && !editingMoment && (
            <button
              type="button"
              onClick={() => api.edit({ utterance: null, atMs: Math.round(store.getSnapshot().timeMs) })}
              className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs font-normal tracking-normal text-zinc-700 normal-case hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {t("markMoment")} <span className="font-mono tabular-nums">{formatClock(second * 1000)}</span>
            </button>
          )}
        </span>
      }
    >
      {editingMoment && api.editing && (
        <div className="mb-3">
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {t("markMoment")} · <span className="font-mono">{formatClock(api.editing.atMs ?? 0)}</span>
          </p>
          <AnnotationEditor target={api.editing} />
        </div>
      )}
      {ordered.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("empty")}</p>
      ) : (
        <ul aria-label={t("title")} className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800">
          {ordered.map((annotation) => {
            const ms = whereMs(annotation);
            const label = t(`labels.${annotation.label}`);
            return (
              <li
                key={annotation.id}
                data-annotation-item={annotation.label}
                className="flex items-start gap-2 py-2 first:pt-0 last:pb-0"
              >
                <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <span
                      className={`rounded-full px-2 py-px text-xs font-medium ring-1 ring-inset ${LABEL_CHIP[annotation.label]}`}
                    >
                      {label}
                    </span>
                    <button
                      type="button"
                      disabled={ms === null || !playable}
                      onClick={() => ms !== null && store.seek(ms)}
                      className="font-mono text-xs text-zinc-600 tabular-nums hover:text-brand-700 hover:underline disabled:no-underline disabled:hover:text-zinc-600 dark:text-zinc-300 dark:hover:text-brand-400"
                    >
                      {annotation.utterance !== null && `${t("line", { n: annotation.utterance + 1 })} · `}
                      {ms !== null ? formatClock(ms) : "—"}
                    </button>
                  </div>
                  {annotation.note && (
                    <p className="text-sm break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
                      {annotation.note}
                    </p>
                  )}
                  <p className="text-[11px] text-zinc-500 dark:text-zinc-400">
                    {annotation.by} ·{" "}
                    <span className="tabular-nums">{formatDateTime(annotation.at, locale)}</span>
                  </p>
                </div>
                {api.canDelete(annotation) && (
                  <button
                    type="button"
                    onClick={() => api.remove(annotation.id)}
                    disabled={api.busy}
                    aria-label={t("deleteLabel", { label })}
                    className="rounded px-1.5 py-0.5 text-xs text-zinc-500 hover:bg-rose-50 hover:text-rose-700 dark:text-zinc-400 dark:hover:bg-rose-950 dark:hover:text-rose-300"
                  >
                    {t("delete")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {api.error && !api.editing && (
        <p role="alert" className="mt-2 text-xs text-rose-700 dark:text-rose-400">
          {t("failed", { message: api.error })}
        </p>
      )}
      {!api.canAnnotate ? (
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">{t("readOnly")}</p>
      ) : (
        <p className="mt-3 text-[11px] text-zinc-500 dark:text-zinc-400">{t("keysHint")}</p>
      )}
    </SidePanel>
  );
}
