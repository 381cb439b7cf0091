import { memo, type CSSProperties } from "react";
import type { Span } from "./timeline";

/**
 * Who speaks when, as bands behind the waveform: robot blue, customer orange. Drawn once per
 * transcript and zoom (memoized), so the play head moving never touches these hundreds of elements.
 * Positions are percentages of the box it fills — wavesurfer's scrolling wrapper, so the bands
 * scroll and scale with the bars at every zoom. That box is inside wavesurfer's shadow root, where
 * the app's classes do not reach: inline styles only (CSS variables do inherit into it).
 */
export const SpeechShading = memo(function SpeechShading({
  spans,
  durationMs,
  heightPx,
  dark,
}: {
  spans: readonly (Span | null)[];
  durationMs: number;
  heightPx: number;
  dark: boolean;
}) {
  if (durationMs <= 0) return null;
  const tone = {
    robot: bandStyle("--color-robot", dark ? 20 : 12),
    customer: bandStyle("--color-customer", dark ? 22 : 15),
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
        // Both edges as offsets (not left + width): a band ending where the next begins then lands
        // on the very same pixel, with no hairline seam between them at any zoom.
        const left = (span.startMs / durationMs) * 100;
        const right = 100 - (Math.min(span.endMs, durationMs) / durationMs) * 100;
        return (
          <div
            key={span.index}
            data-utterance={span.index}
            style={{ ...tone[span.speaker], left: `${left}%`, right: `${right}%`, minWidth: 2 }}
          />
        );
      })}
    </div>
  );
});

function bandStyle(color: string, percent: number): CSSProperties {
  return {
    position: "absolute",
    top: 0,
    bottom: 0,
    background: `color-mix(in oklab, var(${color}) ${percent}%, transparent)`,
    borderBottom: `3px solid var(${color})`,
  };
}
