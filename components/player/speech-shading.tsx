import { memo, type CSSProperties } from "react";
import type { Span as SpeechSpan } from "@/lib/model";
import type { Span } from "./timeline";

/** Each party's detected speech (the alignment's lanes). */
export interface SpeechLanes {
  robot: readonly SpeechSpan[];
  customer: readonly SpeechSpan[];
}

/** Height of one party's lane under the bars. */
const LANE_PX = 3;

/**
 * Who speaks when, behind the waveform: robot blue, customer orange. Each line is a faint band over
 * its time (aligned when the alignment has come, else the vendor's or the estimate); under the bars,
 * each party's lane marks where speech was actually detected in the recording — or, before (or
 * without) an alignment, a line's edge marks its estimated extent. Drawn once per transcript and zoom
 * (memoized), so the play head moving never touches these hundreds of elements.
 * Positions are percentages of the box it fills — wavesurfer's scrolling wrapper, so the bands
 * scroll and scale with the bars at every zoom. That box is inside wavesurfer's shadow root, where
 * the app's classes do not reach: inline styles only (CSS variables do inherit into it).
 */
export const SpeechShading = memo(function SpeechShading({
  spans,
  lanes,
  durationMs,
  heightPx,
  dark,
}: {
  spans: readonly (Span | null)[];
  lanes?: SpeechLanes | null;
  durationMs: number;
  heightPx: number;
  dark: boolean;
}) {
  if (durationMs <= 0) return null;
  const tone = {
    robot: bandStyle("--color-robot", dark ? 20 : 12, !lanes),
    customer: bandStyle("--color-customer", dark ? 22 : 15, !lanes),
  };
  return (
    <div
      aria-hidden
      data-speech-shading
      style={{
        position: "absolute",
        top: 0,
        left: 0,
        right: 0,
        height: heightPx,
        zIndex: -1,
        overflow: "hidden",
        pointerEvents: "none",
      }}
    >
      {spans.map((span) => {
        if (!span || span.startMs >= durationMs) return null;
        return (
          <div
            key={span.index}
            data-utterance={span.index}
            style={{ ...tone[span.speaker], ...edges(span.startMs, span.endMs, durationMs) }}
          />
        );
      })}
      {lanes && (
        <>
          <Lane party="customer" spans={lanes.customer} durationMs={durationMs} bottomPx={LANE_PX} />
          <Lane party="robot" spans={lanes.robot} durationMs={durationMs} bottomPx={0} />
        </>
      )}
    </div>
  );
});

function Lane({
  party,
  spans,
  durationMs,
  bottomPx,
}: {
  party: "robot" | "customer";
  spans: readonly SpeechSpan[];
  durationMs: number;
  bottomPx: number;
}) {
  return (
    <div
      data-lane={party}
      style={{ position: "absolute", left: 0, right: 0, bottom: bottomPx, height: LANE_PX }}
    >
      {spans.map(([start, end], i) =>
        start >= durationMs || end <= start ? null : (
          <div
            key={i}
            data-speech
            style={{
              position: "absolute",
              top: 0,
              bottom: 0,
              background: `var(--color-${party})`,
              ...edges(start, end, durationMs),
            }}
          />
        ),
      )}
    </div>
  );
}

/**
 * Both edges as offsets (not left + width): a band ending where the next begins then lands on the
 * very same pixel, with no hairline seam between them at any zoom.
 */
function edges(startMs: number, endMs: number, durationMs: number): CSSProperties {
  const left = (startMs / durationMs) * 100;
  const right = 100 - (Math.min(endMs, durationMs) / durationMs) * 100;
  return { left: `${left}%`, right: `${right}%`, minWidth: 2 };
}

function bandStyle(color: string, percent: number, edge: boolean): CSSProperties {
  return {
    position: "absolute",
    top: 0,
    bottom: 0,
    background: `color-mix(in oklab, var(${color}) ${percent}%, transparent)`,
    ...(edge ? { borderBottom: `3px solid var(${color})` } : {}),
  };
}
