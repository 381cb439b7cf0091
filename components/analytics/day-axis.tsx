import { LABEL_ROOM_PX, axisLabels } from "./axis-ticks";
import { dayFractions } from "./daily-layout";

/**
 * The trends chart's x axis: "MM-DD" labels under the SVG, placed at their day's column and kept
 * inside the chart as labelCenter() reckons, so the tick picker's collisions are the page's. Needs a
 * `@container` ancestor as wide as the chart (the container queries pick the label set).
 */
export function DayAxis({ dates }: { dates: string[] }) {
  const at = dayFractions(dates.length);
  return (
    <div aria-hidden className="relative h-4" data-testid="daily-axis">
      {axisLabels(at).map(({ index, className }) => (
        <span
          key={dates[index]}
          className={`absolute top-0 -translate-x-1/2 text-[11px] leading-4 whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400 ${className}`}
          style={{
            left: `clamp(${LABEL_ROOM_PX / 2}px, ${(at[index]! * 100).toFixed(3)}%, calc(100% - ${LABEL_ROOM_PX / 2}px))`,
          }}
        >
          {dates[index]!.slice(5)}
        </span>
      ))}
    </div>
  );
}
