import type { ReactNode } from "react";

/** One analytics panel: title, a line saying how to read it, a CSV link, the figure. */
export function Section({
  id,
  title,
  hint,
  csv,
  csvLabel,
  children,
  aside,
}: {
  id: string;
  title: string;
  hint: string;
  csv?: string;
  csvLabel?: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {aside}
        {csv && (
          <a
            href={csv}
            download
            className="ml-auto rounded border border-zinc-300 px-2 py-0.5 text-xs text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            {csvLabel}
          </a>
        )}
        <p className="w-full text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>
      </div>
      {children}
    </section>
  );
}
