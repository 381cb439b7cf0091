"use client";

/** Placeholder rows in the table's own grid, so the first load does not jump when rows arrive. */
export function SkeletonRows({ count, widths }: { count: number; widths: number[] }) {
  return (
    <>
      {Array.from({ length: count }, (_, index) => (
        <div
          key={index}
          aria-hidden
          className="flex h-10 items-center border-b border-zinc-100 px-3 dark:border-zinc-800/70"
          style={{ opacity: 1 - index * (0.7 / count) }}
        >
          {widths.map((width, cell) => (
            <div key={cell} className="shrink-0 pr-4" style={{ width }}>
              <div
                className="h-3 animate-pulse rounded bg-zinc-200/80 dark:bg-zinc-800"
                style={{ width: `${50 + ((index * 7 + cell * 13) % 40)}%` }}
              />
            </div>
          ))}
        </div>
      ))}
    </>
  );
}
