import type { ReactNode } from "react";

/** The look of every filter button: quiet when off, tinted with its value when on. */
export function filterTriggerClass(active: boolean): string {
  return [
    "inline-flex h-8 max-w-[16rem] items-center gap-1.5 rounded-md border px-2 text-sm whitespace-nowrap transition-colors",
    active
      ? "border-brand-500/50 bg-brand-50 text-brand-900 hover:bg-brand-100 dark:border-brand-400/40 dark:bg-brand-900/40 dark:text-brand-100 dark:hover:bg-brand-900/60"
      : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
  ].join(" ");
}

export function FilterTriggerContent({ label, value }: { label: string; value: ReactNode | null }) {
  return (
    <>
      <span className={value ? "text-brand-800 dark:text-brand-200" : undefined}>{label}</span>
      {value !== null && (
        <>
          <span aria-hidden className="text-brand-500/70">
            ·
          </span>
          <span className="truncate font-medium">{value}</span>
        </>
      )}
      <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3 shrink-0 opacity-60">
        <path
          d="M3 4.5 6 7.5 9 4.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
    </>
  );
}

/** "已接听, 未接听 +2": what a multi-choice filter holds, short enough for its button. */
export function summarize(labels: string[], max = 2): string | null {
  if (!labels.length) return null;
  const shown = labels.slice(0, max).join(", ");
  return labels.length > max ? `${shown} +${labels.length - max}` : shown;
}
