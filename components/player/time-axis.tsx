import { memo } from "react";
import { formatDuration } from "@/lib/format";

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
/** Room one label needs ("1:02:05" at 11 px), so labels never collide. */
const MIN_LABEL_PX = 72;
export const AXIS_HEIGHT = 16;

/** Seconds between labels at this scale (a fitted 30 s call ticks every 5 s, a fitted 30 min one every 5 min). */
export function axisStep(pxPerSec: number): number {
  return STEPS.find((candidate) => candidate * pxPerSec >= MIN_LABEL_PX) ?? STEPS[STEPS.length - 1]!;
}

/**
 * Second marks under the waveform, spaced to the scale it is drawn at. Like the speech shading it
 * lives inside wavesurfer's scrolling wrapper (percent positions, inline styles), so it scrolls and
 * scales with the bars.
 */
export const TimeAxis = memo(function TimeAxis({
  durationMs,
  pxPerSec,
  dark,
}: {
  durationMs: number;
  pxPerSec: number;
  dark: boolean;
}) {
  const seconds = durationMs / 1000;
  const box = { position: "relative", height: AXIS_HEIGHT, overflow: "hidden" } as const;
  if (seconds <= 0 || pxPerSec <= 0) return <div aria-hidden style={box} />;
  const step = axisStep(pxPerSec);
  const marks: number[] = [];
  // Leave out a mark that would crowd the end of the axis.
  for (let s = 0; s <= seconds - step * 0.4; s += step) marks.push(s);
  return (
    <div
      aria-hidden
      data-time-axis
      style={{
        ...box,
        fontSize: 11,
        lineHeight: `${AXIS_HEIGHT}px`,
        fontVariantNumeric: "tabular-nums",
        color: dark ? "#71717a" : "#a1a1aa",
        userSelect: "none",
      }}
    >
      {marks.map((s) => (
        <span
          key={s}
          style={{
            position: "absolute",
            top: 0,
            left: `${(s / seconds) * 100}%`,
            paddingLeft: 4,
            borderLeft: `1px solid ${dark ? "#3f3f46" : "#d4d4d8"}`,
            whiteSpace: "nowrap",
          }}
        >
          {formatDuration(s)}
        </span>
      ))}
    </div>
  );
});
