"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Span as SpeechSpan, Utterance } from "@/lib/model";
import { FollowController } from "./follow-controller";
import { ChevronIcon } from "./icons";
import { activeIndexAt, type Span } from "./timeline";
import { TimingLegend, type AlignmentState } from "./timing-legend";
import { useSpokenHighlight } from "./use-spoken-highlight";
import { usePlayer, usePlayerState } from "./use-player";
import { UtteranceBubble } from "./utterance-bubble";

interface TranscriptProps {
  /** With the best timing each line has (see aligned-timing.ts). */
  transcript: readonly Utterance[];
  spans: readonly (Span | null)[];
  /** Per line, its own detected speech: the character being spoken lights up. */
  speech?: readonly (readonly SpeechSpan[] | null)[];
  /** Where the alignment stands: the legend says it (in one line, so nothing below moves). */
  alignment?: AlignmentState;
  /** There is a recording: lines seek and play, and the one under the play head is highlighted. */
  playable: boolean;
  /** Shown when the transcript is empty. */
  emptyMessage: string;
  /** Alert phrases to mark where they occur (the call raised those alerts). */
  highlight?: readonly string[];
}

/**
 * The call as a chat, following the play head: the line being spoken carries aria-current and a
 * ring, and the list scrolls to keep it in view — until the reader scrolls away; a button brings
 * the follow back. Only the active index is subscribed to, so a tick re-renders nothing here; the
 * character being spoken is marked outside React (useSpokenHighlight).
 */
export function Transcript({
  transcript,
  spans,
  speech,
  alignment = "none",
  playable,
  emptyMessage,
  highlight,
}: TranscriptProps) {
  const t = useTranslations("call.transcript");
  const store = usePlayer();
  const active = usePlayerState((state) => (playable ? activeIndexAt(spans, state.timeMs) : -1));
  const playing = usePlayerState((state) => state.playing);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const followerRef = useRef<FollowController | null>(null);
  const [follow, setFollow] = useState(true);
  const firstScroll = useRef(true);
  const texts = useMemo(() => transcript.map((line) => line.text), [transcript]);
  useSpokenHighlight(store, scrollerRef, texts, spans, speech, playable);

  const onPlay = useCallback(
    (index: number) => {
      const start = spans[index]?.startMs;
      if (start === undefined) return;
      followerRef.current?.resume();
      setFollow(true);
      store.playFrom(start);
    },
    [spans, store],
  );

  const scrollToActive = useCallback((index: number, smooth: boolean) => {
    const scroller = scrollerRef.current;
    const follower = followerRef.current;
    const item = scroller?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!scroller || !item || !follower) return;
    const view = scroller.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    // Leave the line where it is while it sits comfortably in view; otherwise bring it to a third from the top.
    const comfortable = box.top >= view.top + 8 && box.bottom <= view.top + view.height * 0.75;
    if (comfortable) return;
    const top = scroller.scrollTop + (box.top - view.top) - view.height * 0.3;
    // A far jump (the overview strip, a click far along the waveform) is made at once: a long glide
    // through hundreds of lines outlasts its settling time and would read as the reader scrolling away.
    const glide = smooth && Math.abs(top - scroller.scrollTop) < view.height * 3;
    follower.scroll(
      () => scroller.scrollTo({ top: Math.max(0, top), behavior: glide ? "smooth" : "auto" }),
      glide ? 900 : 100,
    );
  }, []);

  useEffect(() => {
    if (!follow || active < 0) return;
    // The first highlight (a `?t=` link) jumps; later ones glide.
    scrollToActive(active, !firstScroll.current);
    firstScroll.current = false;
  }, [active, follow, scrollToActive]);

  // The reader has "scrolled away" when the line being spoken is no longer in sight; a scroll that
  // keeps it visible (a nudge, or the browser bringing a clicked line into view) keeps the follow.
  // In a silence, the line last spoken stands in for the current one. The rule is the
  // FollowController's, shared with the waveform.
  const activeRef = useRef(active);
  useEffect(() => {
    if (active >= 0) activeRef.current = active;
  }, [active]);
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const controller = new AbortController();
    followerRef.current = new FollowController(scroller, {
      mode: "away",
      signal: controller.signal,
      isAway: () => {
        const item = scroller.querySelector<HTMLElement>(`[data-index="${activeRef.current}"]`);
        if (!item) return false;
        const view = scroller.getBoundingClientRect();
        const box = item.getBoundingClientRect();
        return box.bottom < view.top || box.top > view.bottom;
      },
      onChange: setFollow,
    });
    return () => {
      controller.abort();
      followerRef.current = null;
    };
  }, []);

  const backToNow = () => {
    followerRef.current?.resume();
    setFollow(true);
    if (active >= 0) {
      firstScroll.current = false;
      // Force the jump even when the line is "comfortably" in view at the edge.
      const scroller = scrollerRef.current;
      const item = scroller?.querySelector<HTMLElement>(`[data-index="${active}"]`);
      if (item)
        followerRef.current?.scroll(() => item.scrollIntoView({ block: "center", behavior: "smooth" }), 900);
    }
  };

  return (
    <section aria-labelledby="transcript-title" className="relative flex min-h-0 flex-1 flex-col">
      <header className="flex items-center gap-x-4 border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
        <h2 id="transcript-title" className="shrink-0 text-sm font-semibold whitespace-nowrap">
          {t("title")}
          {transcript.length > 0 && (
            <span className="ml-2 font-normal text-zinc-500 tabular-nums dark:text-zinc-400">
              {t("count", { count: transcript.length })}
            </span>
          )}
        </h2>
        {transcript.length > 0 && <TimingLegend transcript={transcript} alignment={alignment} />}
      </header>
      <div
        ref={scrollerRef}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-3 py-4"
        data-player-keys
        tabIndex={-1}
      >
        {transcript.length === 0 ? (
          <p className="mx-auto max-w-sm py-12 text-center text-sm text-zinc-500 dark:text-zinc-400">
            {emptyMessage}
          </p>
        ) : (
          <ol role="list" aria-label={t("title")} className="flex flex-col gap-3">
            {transcript.map((utterance, index) => (
              <UtteranceBubble
                key={index}
                index={index}
                utterance={utterance}
                active={index === active}
                live={index === active && playing}
                playable={playable}
                onPlay={onPlay}
                highlight={highlight}
              />
            ))}
          </ol>
        )}
      </div>
      {!follow && playable && (active >= 0 || playing) && (
        <button
          type="button"
          onClick={backToNow}
          className="absolute bottom-4 left-1/2 inline-flex -translate-x-1/2 items-center gap-1 rounded-full bg-zinc-900 px-3.5 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-white"
        >
          <ChevronIcon direction="down" />
          {t("backToNow")}
        </button>
      )}
    </section>
  );
}
