"use client";

import { useTranslations } from "next-intl";
import { useCallback, type Ref } from "react";
import { hasFilters, type CallQuery, type IntentFilter } from "@/lib/calls/query";
import { ANNOTATION_LABELS, CALL_RESULTS, INTENTS, REVIEW_STATUSES, SPEAKERS } from "@/lib/vocabulary";
import type { SourceStatus } from "@/lib/model";
import { DateRangeFilter, type DateRange } from "./date-range-filter";
import { MultiSelectFilter, type FilterOption } from "./multi-select-filter";
import { RangeFilter, type Range } from "./range-filter";
import { SearchBox } from "./search-box";
import { SourceTaskFilter } from "./source-task-filter";
import { RESULT_BAR } from "./tones";
import type { UpdateMode } from "./use-call-query";

interface FilterBarProps {
  query: CallQuery;
  sources: SourceStatus[];
  update: (patch: Partial<CallQuery>, mode?: UpdateMode) => void;
  clear: () => void;
  searchRef: Ref<HTMLInputElement>;
}

/** Every filter of `GET /api/calls`, as labelled, keyboard-usable controls that write the URL. */
export function FilterBar({ query, sources, update, clear, searchRef }: FilterBarProps) {
  const t = useTranslations("calls.filters");
  const tm = useTranslations("model");
  const ta = useTranslations("reviews.annotations");

  const resultOptions: FilterOption<(typeof CALL_RESULTS)[number]>[] = CALL_RESULTS.map((result) => ({
    value: result,
    label: tm(`result.${result}`),
    visual: <span className={`block h-2 w-2 rounded-sm ${RESULT_BAR[result]}`} />,
  }));
  const intentOptions: FilterOption<IntentFilter>[] = [
    ...INTENTS.map((intent) => ({
      value: intent,
      label: `${tm(`intent.${intent}`)} · ${tm(`intentMeaning.${intent}`)}`,
      short: intent,
    })),
    { value: "none" as const, label: tm("intent.none") },
  ];
  const hangupOptions = SPEAKERS.map((speaker) => ({
    value: speaker,
    label: tm(`hangup.${speaker}`),
    short: tm(`speaker.${speaker}`),
  }));
  const reviewOptions = REVIEW_STATUSES.map((status) => ({ value: status, label: tm(`review.${status}`) }));
  const annotationOptions = ANNOTATION_LABELS.map((label) => ({
    value: label,
    label: ta(`labels.${label}`),
  }));
  const onRounds = useCallback(
    (range: Range, mode: UpdateMode) => update({ roundsMin: range.min, roundsMax: range.max }, mode),
    [update],
  );
  const onDuration = useCallback(
    (range: Range, mode: UpdateMode) => update({ durationMin: range.min, durationMax: range.max }, mode),
    [update],
  );
  const onDeadAir = useCallback(
    (range: Range, mode: UpdateMode) => update({ deadAirMin: range.min }, mode),
    [update],
  );
  const onLatency = useCallback(
    (range: Range, mode: UpdateMode) => update({ latencyMin: range.min }, mode),
    [update],
  );
  const onDate = useCallback(
    (range: DateRange, mode: UpdateMode) => update({ from: range.from, to: range.to }, mode),
    [update],
  );
  const onSearch = useCallback((q: string | null, mode: UpdateMode) => update({ q }, mode), [update]);

  return (
    <div role="search" aria-label={t("label")} className="flex flex-wrap items-center gap-1.5">
      <SearchBox value={query.q} onChange={onSearch} inputRef={searchRef} />
      <MultiSelectFilter
        label={t("result")}
        options={resultOptions}
        selected={query.result}
        onChange={(result) => update({ result })}
        columns={2}
      />
      <MultiSelectFilter
        label={t("intent")}
        options={intentOptions}
        selected={query.intent}
        onChange={(intent) => update({ intent })}
      />
      <MultiSelectFilter
        label={t("hangup")}
        options={hangupOptions}
        selected={query.hangup}
        onChange={(hangup) => update({ hangup })}
      />
      <RangeFilter
        label={t("rounds")}
        integer
        value={{ min: query.roundsMin, max: query.roundsMax }}
        onChange={onRounds}
        presets={[
          { label: "≥ 1", range: { min: 1, max: null } },
          { label: "≥ 3", range: { min: 3, max: null } },
          { label: "≥ 5", range: { min: 5, max: null } },
        ]}
      />
      <RangeFilter
        label={t("duration")}
        unit={t("seconds")}
        value={{ min: query.durationMin, max: query.durationMax }}
        onChange={onDuration}
        presets={[
          { label: t("atLeastSeconds", { n: 30 }), range: { min: 30, max: null } },
          { label: t("atLeastSeconds", { n: 60 }), range: { min: 60, max: null } },
          { label: t("atLeastMinutes", { n: 3 }), range: { min: 180, max: null } },
        ]}
      />
      <RangeFilter
        label={t("deadAir")}
        unit={t("seconds")}
        minOnly
        value={{ min: query.deadAirMin, max: null }}
        onChange={onDeadAir}
        presets={[3, 5, 10].map((n) => ({
          label: t("atLeastSeconds", { n }),
          range: { min: n, max: null },
        }))}
      />
      <RangeFilter
        label={t("latency")}
        unit={t("seconds")}
        minOnly
        value={{ min: query.latencyMin, max: null }}
        onChange={onLatency}
        presets={[1.5, 2, 3].map((n) => ({
          label: t("atLeastSeconds", { n }),
          range: { min: n, max: null },
        }))}
      />
      <DateRangeFilter value={{ from: query.from, to: query.to }} onChange={onDate} />
      <MultiSelectFilter
        label={t("review")}
        options={reviewOptions}
        selected={query.review}
        onChange={(review) => update({ review })}
      />
      <MultiSelectFilter
        label={ta("filter")}
        options={annotationOptions}
        selected={query.annotation}
        onChange={(annotation) => update({ annotation })}
      />
      {sources.length > 0 && (
        <SourceTaskFilter
          sources={sources}
          source={query.source}
          task={query.task}
          onChange={(patch) => update(patch)}
        />
      )}
      {hasFilters(query) && (
        <button
          type="button"
          onClick={clear}
          aria-label={t("clearAll")}
          className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3">
            <path d="m3 3 6 6M9 3 3 9" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          {t("clearAllShort")}
        </button>
      )}
    </div>
  );
}
