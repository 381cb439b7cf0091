"use client";

import { useEffect, useRef, useState } from "react";
import { formatClock } from "@/lib/format";

/** A line and the time under the pointer, so a reader can aim a click on the waveform. */
export function HoverTime({ durationMs }: { durationMs: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ x: number; width: number } | null>(null);

  useEffect(() => {
    const area = ref.current?.parentElement;
    if (!area) return;
    const move = (event: PointerEvent) => {
      const box = area.getBoundingClientRect();
      setHover({ x: Math.max(0, Math.min(box.width, event.clientX - box.left)), width: box.width });
    };
    const leave = () => setHover(null);
    area.addEventListener("pointermove", move);
    area.addEventListener("pointerleave", leave);
    return () => {
      area.removeEventListener("pointermove", move);
      area.removeEventListener("pointerleave", leave);
    };
  }, []);

  const ms = hover && hover.width > 0 ? (hover.x / hover.width) * durationMs : 0;
  const flip = hover !== null && hover.x > hover.width - 56;
  return (
    <div ref={ref} aria-hidden className="pointer-events-none absolute inset-0">
      {hover && durationMs > 0 && (
        <>
          <div className="absolute inset-y-0 w-px bg-zinc-900/40 dark:bg-white/50" style={{ left: hover.x }} />
          <div
            className="absolute -top-0.5 rounded bg-zinc-900 px-1 py-px text-[11px] text-white tabular-nums dark:bg-zinc-100 dark:text-zinc-900"
            style={flip ? { right: hover.width - hover.x + 4 } : { left: hover.x + 4 }}
          >
            {formatClock(ms, true)}
          </div>
        </>
      )}
    </div>
  );
}
