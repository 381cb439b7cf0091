"use client";

import { useTranslations } from "next-intl";
import { memo, useContext, useMemo } from "react";
import { formatClock } from "@/lib/format";
import type { Utterance } from "@/lib/model";
import { splitStageDirections } from "@/lib/transcript/stage-directions";
import { findPhrase } from "@/lib/alerts/match";
import { isLowConfidence } from "./aligned-timing";
import { LineAddonContext } from "./line-addon";

interface UtteranceBubbleProps {
  index: number;
  utterance: Utterance;
  /** Under the play head (aria-current). */
  active: boolean;
  /** Active and the audio is running: a small live mark. */
  live: boolean;
  /** There is a recording to seek in. */
  playable: boolean;
  onPlay: (index: number) => void;
  /** Alert phrases to mark in this line. */
  highlight?: readonly string[];
}

/**
 * One line of the call as a chat bubble: the robot on the left, the customer on the right, its time
 * above it (≈ when estimated, a small wave when aligned to the audio; the source and the alignment's
 * confidence on hover; a chip when the alignment is unsure). Its spoken words are marked
 * `data-spoken` for the character highlight. Memoized: the play head moving re-renders only
 * the bubble that gains or loses the highlight.
 */
export const UtteranceBubble = memo(function UtteranceBubble({
  index,
  utterance,
  active,
  live,
  playable,
  onPlay,
  highlight,
}: UtteranceBubbleProps) {
  const t = useTranslations("call.transcript");
  const tm = useTranslations("model");
  const parts = useMemo(() => splitStageDirections(utterance.text), [utterance.text]);
  const addon = useContext(LineAddonContext);
  const robot = utterance.speaker === "robot";
  const timed = utterance.startMs !== null;
  const canPlay = playable && timed;
  const time = timed ? formatClock(utterance.startMs!) : "—";
  const estimated = utterance.timing === "estimated";
  const aligned = utterance.timing === "aligned";
  const unsure = isLowConfidence(utterance);
  const timingLabel = [
    t("timingSource", { source: t(`timingName.${utterance.timing}`) }),
    utterance.confidence !== undefined
      ? t("confidence", { percent: Math.round(utterance.confidence * 100) })
      : null,
  ]
    .filter(Boolean)
    .join(" · ");
  // Says where the time comes from in every line: ≈ estimated, a small wave aligned, nothing for the vendor's.
  const mark = estimated && timed ? "≈" : aligned ? <AlignedMark /> : null;

  return (
    <li
      role="listitem"
      data-index={index}
      aria-current={active ? "true" : undefined}
      onClick={canPlay ? () => clickUnlessSelecting(() => onPlay(index)) : undefined}
      className={`group flex scroll-my-24 flex-col gap-1 px-1 ${robot ? "items-start pr-10 xl:pr-16" : "items-end pl-10 xl:pl-16"} ${canPlay ? "cursor-pointer" : ""}`}
    >
      <div
        className={`flex items-center gap-2 px-1 text-xs text-zinc-500 dark:text-zinc-400 ${robot ? "" : "flex-row-reverse"}`}
      >
        <span
          className={`font-medium ${robot ? "text-[oklch(0.5_0.13_250)] dark:text-[oklch(0.68_0.12_250)]" : "text-[oklch(0.52_0.14_50)] dark:text-customer"}`}
        >
          {tm(`speaker.${utterance.speaker}`)}
        </span>
        {canPlay ? (
          <button
            type="button"
            onClick={(event) => {
              event.stopPropagation();
              onPlay(index);
            }}
            aria-label={`${t("playFrom", { time })} (${t(`timingName.${utterance.timing}`)})`}
            title={timingLabel}
            data-timing={utterance.timing}
            className="inline-flex items-center gap-0.5 rounded px-1 font-mono tabular-nums hover:bg-zinc-200/70 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            {mark}
            {time}
          </button>
        ) : (
          <span
            className="inline-flex items-center gap-0.5 px-1 font-mono tabular-nums"
            title={timingLabel}
            data-timing={utterance.timing}
          >
            {mark}
            {time}
          </span>
        )}
        <span className="hidden text-[11px] text-zinc-400 group-hover:inline dark:text-zinc-500">
          {t(`timingName.${utterance.timing}`)}
        </span>
        {unsure && (
          <span
            title={timingLabel}
            data-testid="low-confidence"
            className="rounded bg-amber-50 px-1.5 py-px text-[11px] font-medium text-amber-800 ring-1 ring-amber-600/25 ring-inset dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30"
          >
            {t("lowConfidence")}
          </span>
        )}
        {utterance.interrupted && (
          <span className="rounded bg-rose-50 px-1.5 py-px text-[11px] font-medium text-rose-700 ring-1 ring-rose-600/20 ring-inset dark:bg-rose-950 dark:text-rose-300 dark:ring-rose-400/30">
            {t("bargeIn")}
          </span>
        )}
        {live && <LiveBars />}
      </div>
      <div
        className={`max-w-full rounded-2xl px-3.5 py-2 text-[15px] leading-relaxed break-words whitespace-pre-wrap ${
          robot
            ? "rounded-tl-sm bg-robot/10 text-zinc-900 dark:bg-robot/20 dark:text-zinc-100"
            : "rounded-tr-sm bg-customer/12 text-zinc-900 dark:bg-customer/20 dark:text-zinc-100"
        } ${active ? (robot ? "shadow-sm ring-2 ring-robot" : "shadow-sm ring-2 ring-customer") : canPlay ? "group-hover:ring-1 group-hover:ring-zinc-300 dark:group-hover:ring-zinc-600" : ""}`}
      >
        {parts.map((part, i) =>
          part.kind === "speech" ? (
            <span key={i} data-spoken>
              {highlight?.length ? <Marked text={part.text} phrases={highlight} /> : part.text}
            </span>
          ) : (
            <span
              key={i}
              title={t("stageDirection")}
              className="mx-0.5 inline-flex translate-y-[-1px] items-center rounded bg-zinc-500/10 px-1.5 align-middle text-[11px] leading-5 text-zinc-700 dark:bg-zinc-400/15 dark:text-zinc-300"
            >
              <span className="sr-only">{t("stageDirection")}: </span>
              {part.text}
            </span>
          ),
        )}
      </div>
      {addon?.(index)}
    </li>
  );
});

/** A click that ends a text selection is the reader copying words, not asking to play. */
function clickUnlessSelecting(action: () => void) {
  if (window.getSelection()?.toString()) return;
  action();
}

/** A tiny waveform: this line's time was found in the audio. */
function AlignedMark() {
  return (
    <svg aria-hidden viewBox="0 0 10 10" className="h-2.5 w-2.5 text-brand-600 dark:text-brand-400">
      <path
        d="M1 5h1M3 3v4M5 1.5v7M7 3v4M9 5h0"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}

function LiveBars() {
  return (
    <span aria-hidden className="inline-flex h-3 items-end gap-px">
      <span className="w-0.5 animate-pulse bg-brand-500 [height:40%]" />
      <span className="w-0.5 animate-pulse bg-brand-500 [height:100%] [animation-delay:150ms]" />
      <span className="w-0.5 animate-pulse bg-brand-500 [height:65%] [animation-delay:300ms]" />
    </span>
  );
}

/** Text with every occurrence of an alert phrase in a <mark> (the same matching as the index's). */
function Marked({ text, phrases }: { text: string; phrases: readonly string[] }) {
  const out: React.ReactNode[] = [];
  let rest = text;
  for (let guard = 0; guard < 50; guard++) {
    const hit = findPhrase(rest, phrases);
    if (!hit) break;
    if (hit.start > 0) out.push(rest.slice(0, hit.start));
    out.push(
      <mark
        key={out.length}
        data-testid="alert-phrase"
        className="rounded bg-amber-200 px-0.5 text-amber-950 dark:bg-amber-500/40 dark:text-amber-50"
      >
        {rest.slice(hit.start, hit.end)}
      </mark>,
    );
    rest = rest.slice(hit.end);
  }
  out.push(rest);
  return <>{out}</>;
}
