"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState, type RefObject } from "react";
import { IntentBadge } from "@/components/ui/intent-badge";
import { ReviewBadge } from "@/components/ui/review-badge";
import { formatDateTime } from "@/lib/format";
import { INTENTS, REVIEW_STATUSES } from "@/lib/vocabulary";
import type { CallDetail, Intent, Review, ReviewStatus } from "@/lib/model";
import { callKeys } from "@/lib/queries/calls";
import { patchReview, reviewInvalidates, type ReviewPatch } from "@/lib/queries/call";
import { ApiError } from "@/lib/queries/fetch-json";
import { Fact, FactList, SidePanel } from "./fact-list";
import { keepDraft, readDraft } from "./review-draft";

interface ReviewPanelProps {
  callId: string;
  review: Review;
  /** The vendor's own intent, to show what a correction departs from. */
  vendorIntent: Intent | null;
  canReview: boolean;
  /** Save, then open the next call of the list (when there is one). */
  onNext?: () => void;
  /** Told whenever the form starts or stops holding unsaved changes (leaving then asks first). */
  onDirtyChange?: (dirty: boolean) => void;
  /** Filled with the form's "save and next", for the batch bar's button and its key. */
  saveNextRef?: RefObject<(() => void) | null>;
}

/** Supervisors review here (status, corrected intent, note); operators see the verdict read-only. */
export function ReviewPanel(props: ReviewPanelProps) {
  const t = useTranslations("call.review");
  return (
    <SidePanel title={t("title")} id="review-title">
      {props.canReview ? (
        <ReviewForm {...props} />
      ) : (
        <ReviewReadOnly review={props.review} vendorIntent={props.vendorIntent} />
      )}
    </SidePanel>
  );
}

function ReviewReadOnly({ review, vendorIntent }: { review: Review; vendorIntent: Intent | null }) {
  const t = useTranslations("call.review");
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-3">
      <FactList>
        <Fact label={t("status")}>
          <ReviewBadge status={review.status} />
        </Fact>
        <Fact label={t("intent")}>
          {review.intent ? (
            <IntentBadge intent={review.intent} original={vendorIntent} />
          ) : (
            <span className="text-zinc-500 dark:text-zinc-400">{t("keepVendor")}</span>
          )}
        </Fact>
        <Fact label={t("note")}>
          {review.note ? <span className="whitespace-pre-wrap">{review.note}</span> : "—"}
        </Fact>
        {review.by && (
          <Fact label={t("by")}>
            {review.by} · <span className="tabular-nums">{formatDateTime(review.at, locale)}</span>
          </Fact>
        )}
      </FactList>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("readOnly")}</p>
    </div>
  );
}

const STATUS_TONE: Record<ReviewStatus, string> = {
  unreviewed:
    "peer-checked:bg-zinc-700 peer-checked:text-white dark:peer-checked:bg-zinc-200 dark:peer-checked:text-zinc-900",
  reviewed: "peer-checked:bg-emerald-600 peer-checked:text-white",
  flagged: "peer-checked:bg-rose-600 peer-checked:text-white",
};

function ReviewForm({ callId, review, vendorIntent, onNext, onDirtyChange, saveNextRef }: ReviewPanelProps) {
  const t = useTranslations("call.review");
  const tm = useTranslations("model");
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ReviewStatus>(review.status);
  const [intent, setIntent] = useState<Intent | null>(review.intent);
  const [note, setNote] = useState(review.note ?? "");
  const [saved, setSaved] = useState(false);
  const [restored, setRestored] = useState(false);
  // A draft kept from before a sign-in (review-draft.ts): after the first paint, as storage is the browser's.
  useEffect(() => {
    const draft = readDraft(callId, review);
    if (!draft) return;
    // Read from the browser's storage after hydration (the server has none): an external system, once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStatus(draft.status);
    setIntent(draft.intent);
    setNote(draft.note);
    setRestored(true);
    // Once per call: later changes of the review are saves, which end the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId]);

  const mutation = useMutation({
    mutationFn: (patch: ReviewPatch) => patchReview(callId, patch),
    onSuccess: (next) => {
      queryClient.setQueryData<CallDetail>(callKeys.detail(callId), (old) =>
        old ? { ...old, review: next } : old,
      );
      for (const key of reviewInvalidates) void queryClient.invalidateQueries({ queryKey: key });
      setSaved(true);
    },
  });

  const dirty = status !== review.status || intent !== review.intent || note.trim() !== (review.note ?? "");
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  useEffect(
    () => keepDraft(callId, review, dirty ? { status, intent, note } : null),
    [callId, review, dirty, status, intent, note],
  );
  const save = (thenNext: boolean) => {
    // Saving an untouched form "as reviewed" is the common case of save-and-next.
    const patch: ReviewPatch = {
      status: thenNext && status === "unreviewed" ? "reviewed" : status,
      intent,
      note: note.trim() || null,
    };
    setSaved(false);
    mutation.mutate(patch, { onSuccess: () => (thenNext ? onNext?.() : undefined) });
  };
  useEffect(() => {
    if (!saveNextRef) return;
    saveNextRef.current = () => {
      if (!mutation.isPending) save(true);
    };
  });

  const error = mutation.error;
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        save(false);
      }}
    >
      <fieldset>
        <legend className="mb-1.5 text-sm text-zinc-500 dark:text-zinc-400">{t("status")}</legend>
        <div
          role="radiogroup"
          aria-label={t("status")}
          className="grid grid-cols-3 gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800"
        >
          {REVIEW_STATUSES.map((value) => (
            <label key={value} className="relative">
              <input
                type="radio"
                name="status"
                value={value}
                checked={status === value}
                onChange={() => setStatus(value)}
                className="peer sr-only"
              />
              <span
                className={`block cursor-pointer rounded-md px-2 py-1 text-center text-sm text-zinc-600 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 dark:text-zinc-300 ${STATUS_TONE[value]}`}
              >
                {tm(`review.${value}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="mb-1.5 text-sm text-zinc-500 dark:text-zinc-400">
          {t("intent")}
          <span className="ml-2 text-xs">
            {t("vendorSaid")} {vendorIntent ?? tm("none")}
          </span>
        </legend>
        <div role="radiogroup" aria-label={t("intent")} className="flex flex-wrap gap-1">
          {[null, ...INTENTS].map((value) => (
            <label key={value ?? "none"} className="relative">
              <input
                type="radio"
                name="intent"
                value={value ?? ""}
                checked={intent === value}
                onChange={() => setIntent(value)}
                aria-label={
                  value ? `${tm(`intent.${value}`)} · ${tm(`intentMeaning.${value}`)}` : t("keepVendor")
                }
                className="peer sr-only"
              />
              <span
                title={value ? tm(`intentMeaning.${value}`) : undefined}
                className={`flex h-8 cursor-pointer items-center justify-center rounded-md border border-zinc-200 text-sm text-zinc-700 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 dark:border-zinc-700 dark:text-zinc-300 ${
                  value
                    ? "w-8 font-semibold peer-checked:border-brand-600 peer-checked:bg-brand-600"
                    : "px-2.5 peer-checked:border-zinc-700 peer-checked:bg-zinc-700 dark:peer-checked:border-zinc-300 dark:peer-checked:bg-zinc-200 dark:peer-checked:text-zinc-900"
                }`}
              >
                {value ?? t("keepVendor")}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <label className="flex flex-col gap-1.5">
        <span className="text-sm text-zinc-500 dark:text-zinc-400">{t("note")}</span>
        <textarea
          name="note"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={(event) => {
            // Ctrl/⌘+Enter saves without leaving the keyboard.
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && dirty && !mutation.isPending) {
              event.preventDefault();
              save(false);
            }
          }}
          maxLength={2000}
          rows={3}
          placeholder={t("notePlaceholder")}
          className="resize-y rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm placeholder:text-zinc-400 focus:border-brand-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950"
        />
      </label>

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          title="Ctrl+Enter"
          disabled={mutation.isPending || !dirty}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50 dark:bg-brand-500 dark:text-zinc-950 dark:hover:bg-brand-400"
        >
          {mutation.isPending ? t("saving") : t("save")}
        </button>
        {onNext && (
          <button
            type="button"
            disabled={mutation.isPending}
            onClick={() => save(true)}
            title={t("saveNextHint")}
            className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            {t("saveNext")}
          </button>
        )}
        <span aria-live="polite" className="text-xs text-zinc-500 dark:text-zinc-400">
          {saved && !dirty ? t("saved") : dirty ? t(restored ? "restored" : "unsaved") : ""}
        </span>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {error instanceof ApiError && error.status === 403
            ? t("forbidden")
            : t("failed", { message: error.message })}
        </p>
      )}
      {review.by && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {t("lastBy", { by: review.by, at: formatDateTime(review.at, locale) })}
        </p>
      )}
    </form>
  );
}
