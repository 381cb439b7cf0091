import { memo } from "react";
import { formatDuration } from "@/lib/format";

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** Room one label needs ("1:02:05" at 11 px), so labels never collide. */
const MIN_LABEL_PX = 72;

/** Second marks under the waveform, spaced to the width (a 30 s call ticks every 5 s, a 30 min one every 5 min). */
export const TimeAxis = memo(function TimeAxis({ durationMs, widthPx }: { durationMs: number; widthPx: number }) {
  const seconds = durationMs / 1000;
  if (seconds <= 0 || widthPx <= 0) return <div className="h-4" />;
  const fits = Math.max(1, Math.floor(widthPx / MIN_LABEL_PX));
  const step = STEPS.find((candidate) => seconds / candidate <= fits) ?? STEPS[STEPS.length - 1]!;
  const marks: number[] = [];
  // Leave out a mark that would crowd the end of the axis.
  for (let s = 0; s <= seconds - step * 0.4; s += step) marks.push(s);
  return (
    <div aria-hidden className="relative h-4 text-[11px] leading-4 text-zinc-400 tabular-nums select-none dark:text-zinc-500">
      {marks.map((s) => (
        <span key={s} className="absolute top-0 border-l border-zinc-300 pl-1 dark:border-zinc-700" style={{ left: `${(s / seconds) * 100}%` }}>
          {formatDuration(s)}
        </span>
      ))}
    </div>
  );
});
