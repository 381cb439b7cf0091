"use client";

import { useTranslations } from "next-intl";

/** A batch's list query, readable: `result=answered&intent=A,B` → "result: answered · intent: A, B". */
export function QuerySummary({ query }: { query: string }) {
  const t = useTranslations("reviews");
  const params = [...new URLSearchParams(query)];
  if (params.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">{t("allCalls")}</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {params.map(([name, value]) => (
        <span
          key={name}
          className="rounded bg-zinc-100 px-1.5 py-px font-mono text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          {name}={value}
        </span>
      ))}
    </span>
  );
}
