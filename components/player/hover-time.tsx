"use client";

import { useEffect, useRef, useState } from "react";
import { formatClock } from "@/lib/format";

interface HoverTimeProps {
  /** The moment (ms) under a pointer at this clientX — the waveform knows its zoom and scroll. */
  timeAt: (clientX: number) => number | null;
}

/** A line and the time under the pointer, so a reader can aim a click on the waveform. */
export function HoverTime({ timeAt }: HoverTimeProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ x: number; width: number; ms: number } | null>(null);
  const timeAtRef = useRef(timeAt);
  useEffect(() => {
    timeAtRef.current = timeAt;
  });

  useEffect(() => {
    const area = ref.current?.parentElement;
    if (!area) return;
    const move = (event: PointerEvent) => {
      const box = area.getBoundingClientRect();
      const ms = timeAtRef.current(event.clientX);
      setHover(
        ms === null
          ? null
          : { x: Math.max(0, Math.min(box.width, event.clientX - box.left)), width: box.width, ms },
      );
    };
    const leave = () => setHover(null);
    area.addEventListener("pointermove", move);
    area.addEventListener("pointerleave", leave);
    return () => {
      area.removeEventListener("pointermove", move);
      area.removeEventListener("pointerleave", leave);
    };
  }, []);

  const flip = hover !== null && hover.x > hover.width - 56;
  return (
    <div ref={ref} aria-hidden className="pointer-events-none absolute inset-0 z-10">
      {hover && (
        <>
          <div
            className="absolute inset-y-0 w-px bg-zinc-900/40 dark:bg-white/50"
            style={{ left: hover.x }}
          />
          <div
            className="absolute -top-0.5 rounded bg-zinc-900 px-1 py-px text-[11px] text-white tabular-nums dark:bg-zinc-100 dark:text-zinc-900"
            style={flip ? { right: hover.width - hover.x + 4 } : { left: hover.x + 4 }}
          >
            {formatClock(hover.ms, true)}
          </div>
        </>
      )}
    </div>
  );
}
