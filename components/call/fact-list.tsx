import type { ReactNode } from "react";

/** A two-column definition list: quiet labels, values that line up. */
export function FactList({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">{children}</dl>;
}

export function Fact({ label, children, mono }: { label: ReactNode; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd
        className={`min-w-0 break-words text-zinc-900 dark:text-zinc-100 ${mono ? "font-mono text-[13px]" : ""}`}
      >
        {children}
      </dd>
    </>
  );
}

/** A titled block of the side column. */
export function SidePanel({ title, children, id }: { title: ReactNode; children: ReactNode; id: string }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id={id}
        className="mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}
