"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Fact, FactList, SidePanel } from "./fact-list";

/**
 * What the vendor said beyond the canonical fields (counters, variables, concerns, the customer's
 * name…), whatever its shape: counters as a compact grid, lists as chips, small objects as nested
 * pairs, anything else as text. Known keys get a name in the reader's language.
 */
export function VendorExtras({ extra }: { extra: Record<string, unknown> }) {
  const t = useTranslations("call.extra");
  const label = (key: string) => (t.has(`keys.${key}`) ? t(`keys.${key}`) : humanize(key));
  const entries = Object.entries(extra).filter(([, value]) => !isEmpty(value));
  const counts = entries.filter(([key, value]) => /count$/i.test(key) && typeof value === "number");
  const rest = entries.filter((entry) => !counts.includes(entry));
  if (entries.length === 0) return null;

  return (
    <SidePanel title={t("title")} id="extras-title">
      <div className="flex flex-col gap-4">
        {counts.length > 0 && (
          <div className="grid grid-cols-3 gap-2">
            {counts.map(([key, value]) => (
              <div key={key} className="rounded-md bg-zinc-50 px-2 py-1.5 dark:bg-zinc-800/60">
                <div className="text-base font-semibold tabular-nums">{String(value)}</div>
                <div className="truncate text-[11px] text-zinc-500 dark:text-zinc-400" title={label(key)}>
                  {label(key)}
                </div>
              </div>
            ))}
          </div>
        )}
        {rest.length > 0 && (
          <FactList>
            {rest.map(([key, value]) => (
              <Fact key={key} label={label(key)}>
                <ExtraValue value={value} yes={t("yes")} no={t("no")} />
              </Fact>
            ))}
          </FactList>
        )}
      </div>
    </SidePanel>
  );
}

function ExtraValue({
  value,
  yes,
  no,
  depth = 0,
}: {
  value: unknown;
  yes: string;
  no: string;
  depth?: number;
}): ReactNode {
  if (typeof value === "boolean") return value ? yes : no;
  if (typeof value === "string" || typeof value === "number")
    return <span className="whitespace-pre-wrap">{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "string" || typeof item === "number")) {
      return (
        <span className="flex flex-wrap gap-1">
          {value.map((item, i) => (
            <span
              key={i}
              className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
            >
              {String(item)}
            </span>
          ))}
        </span>
      );
    }
    return (
      <ul className="flex flex-col gap-1">
        {value.map((item, i) => (
          <li key={i}>
            <ExtraValue value={item} yes={yes} no={no} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (value && typeof value === "object") {
    // Deeper than two levels is noise for a reviewer: show it compactly.
    if (depth >= 2) return <code className="text-xs break-all">{JSON.stringify(value)}</code>;
    return (
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 rounded-md bg-zinc-50 px-2 py-1.5 text-[13px] dark:bg-zinc-800/60">
        {Object.entries(value as Record<string, unknown>)
          .filter(([, inner]) => !isEmpty(inner))
          .map(([key, inner]) => (
            <div key={key} className="contents">
              <dt className="text-zinc-500 dark:text-zinc-400">{key}</dt>
              <dd className="min-w-0 break-words">
                <ExtraValue value={inner} yes={yes} no={no} depth={depth + 1} />
              </dd>
            </div>
          ))}
      </dl>
    );
  }
  return "—";
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** `knowledgeBusinessCount` → "Knowledge business count". */
function humanize(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
