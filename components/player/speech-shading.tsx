import { memo } from "react";
import type { Span } from "./timeline";

/**
 * Who speaks when, as bands behind the waveform: robot blue, customer orange. Drawn once per
 * transcript (memoized), so the play head moving never touches these hundreds of elements.
 */
export const SpeechShading = memo(function SpeechShading({ spans, durationMs }: { spans: readonly (Span | null)[]; durationMs: number }) {
  if (durationMs <= 0) return null;
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0">
      {spans.map((span) => {
        if (!span || span.startMs >= durationMs) return null;
        const left = (span.startMs / durationMs) * 100;
        const width = (Math.min(span.endMs, durationMs) - span.startMs) / durationMs * 100;
        return (
          <div
            key={span.index}
            className={`absolute inset-y-0 border-b-[3px] ${
              span.speaker === "robot" ? "border-robot bg-robot/12 dark:bg-robot/20" : "border-customer bg-customer/15 dark:bg-customer/22"
            }`}
            style={{ left: `${left}%`, width: `max(${width}%, 2px)` }}
          />
        );
      })}
    </div>
  );
});
