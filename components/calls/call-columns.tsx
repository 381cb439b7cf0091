"use client";

import { createColumnHelper, type CellContext } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { AlertBadge } from "@/components/ui/alert-badge";
import { IntentBadge } from "@/components/ui/intent-badge";
import { ResultBadge } from "@/components/ui/result-badge";
import { ReviewBadge } from "@/components/ui/review-badge";
import { formatDateTime, formatDuration, secondsOf } from "@/lib/format";
import { LONG_DEAD_AIR_MS, SLOW_REPLY_MS } from "@/lib/metric-thresholds";
import type { CallSummary } from "@/lib/model";
import { knownVendor } from "@/lib/vocabulary";
import type { CallTableFeatures } from "./call-table-features";
import { callHref } from "./list-context";

type Ctx<V> = CellContext<CallTableFeatures, CallSummary, V>;

const helper = createColumnHelper<CallTableFeatures, CallSummary>();

function StartedCell({ row, table }: Ctx<string | null>) {
  const locale = useLocale();
  const t = useTranslations("calls.table");
  const call = row.original;
  const time = formatDateTime(call.startedAt, locale);
  return (
    <Link
      href={callHref(call.id)}
      prefetch={false}
      onClick={() => table.options.meta?.onOpen()}
      aria-label={t("openCall", { time, callee: call.callee })}
      className="rounded-sm font-medium text-zinc-900 tabular-nums decoration-brand-500/60 underline-offset-4 hover:underline dark:text-zinc-100"
    >
      {time}
    </Link>
  );
}

function SourceCell({ row, table }: Ctx<string>) {
  const t = useTranslations("model.vendor");
  const call = row.original;
  const vendor = knownVendor(call.vendor);
  return (
    <span className="truncate" title={`${vendor ? t(vendor) : call.vendor} · ${call.taskId}`}>
      {table.options.meta?.sourceName(call.sourceId) ?? call.sourceId}
    </span>
  );
}

function MonoCell({ getValue }: Ctx<string | null>) {
  const value = getValue();
  return value ? (
    <span className="truncate font-mono text-[13px] tracking-tight text-zinc-800 dark:text-zinc-200">
      {value}
    </span>
  ) : (
    <Dash />
  );
}

function TaskCell({ getValue }: Ctx<string>) {
  return (
    <span className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={getValue()}>
      {getValue()}
    </span>
  );
}

function ResultCell({ row }: Ctx<string>) {
  return <ResultBadge result={row.original.result} label={row.original.resultLabel} />;
}

function DurationCell({ getValue }: Ctx<number | null>) {
  const value = getValue();
  return value === null ? <Dash /> : <span className="tabular-nums">{formatDuration(value)}</span>;
}

function RoundsCell({ getValue }: Ctx<number | null>) {
  const value = getValue();
  return value === null ? <Dash /> : <span className="tabular-nums">{value}</span>;
}

/** A conversation measure in seconds, amber past the point worth a glance; "—" until the audio is analysed. */
function SecondsCell({ getValue, row, column }: Ctx<number | null>) {
  const t = useTranslations("calls.table");
  const value = getValue();
  if (value === null) return <Dash />;
  const metrics = row.original.metrics;
  const slow = column.id === "latency" ? value >= SLOW_REPLY_MS : value >= LONG_DEAD_AIR_MS;
  const title =
    column.id === "latency" && metrics?.robotLatencyMedianMs != null
      ? t("latencyTitle", { worst: secondsOf(value), median: secondsOf(metrics.robotLatencyMedianMs) })
      : undefined;
  return (
    <span
      title={title}
      className={`tabular-nums ${slow ? "font-medium text-amber-700 dark:text-amber-400" : ""}`}
    >
      {t("seconds", { value: secondsOf(value) })}
    </span>
  );
}

function HangupCell({ getValue }: Ctx<CallSummary["hangupBy"]>) {
  const t = useTranslations("model.speaker");
  const value = getValue();
  if (!value) return <Dash />;
  return (
    <span className="inline-flex items-center gap-1.5">
      <span
        aria-hidden
        className={`h-1.5 w-1.5 rounded-full ${value === "robot" ? "bg-robot" : "bg-customer"}`}
      />
      {t(value)}
    </span>
  );
}

function IntentCell({ row }: Ctx<unknown>) {
  const call = row.original;
  return (
    <IntentBadge intent={call.review.intent ?? call.intent} original={call.intent} label={call.intentLabel} />
  );
}

/** Tags, after the alerts the call raised (an alert is what a reviewer should see first). */
function TagsCell({ getValue, row }: Ctx<string[]>) {
  const tags = getValue();
  const alerts = row.original.alerts ?? [];
  if (!tags.length && !alerts.length) return <Dash />;
  const shown = tags.slice(0, alerts.length ? 1 : 2);
  return (
    <span
      className="flex min-w-0 items-center gap-1 overflow-hidden"
      title={[...alerts, ...tags].join(" · ")}
    >
      {alerts.map((name) => (
        <AlertBadge key={name} name={name} />
      ))}
      {shown.map((tag) => (
        <span
          key={tag}
          className="max-w-[9rem] truncate rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          {tag}
        </span>
      ))}
      {tags.length > shown.length && (
        <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
          +{tags.length - shown.length}
        </span>
      )}
    </span>
  );
}

function ReviewCell({ row }: Ctx<unknown>) {
  return <ReviewBadge status={row.original.review.status} by={row.original.review.by} />;
}

function Dash() {
  return <span className="text-zinc-300 dark:text-zinc-600">—</span>;
}

/** Column ids hidden until the user asks for them (the column menu remembers the choice). */
export const DEFAULT_HIDDEN_COLUMNS = { taskId: false, caller: false } as const;

export const callColumns = helper.columns([
  helper.accessor("startedAt", {
    cell: StartedCell,
    enableHiding: false,
    meta: { width: 172, label: "startedAt", sortField: "startedAt" },
  }),
  helper.accessor("sourceId", {
    cell: SourceCell,
    meta: { width: 120, label: "source" },
  }),
  helper.accessor("taskId", { cell: TaskCell, meta: { width: 150, label: "task" } }),
  helper.accessor("callee", { cell: MonoCell, meta: { width: 132, label: "callee" } }),
  helper.accessor("caller", { cell: MonoCell, meta: { width: 132, label: "caller" } }),
  helper.accessor("result", {
    cell: ResultCell,
    meta: { width: 100, label: "result" },
  }),
  helper.accessor("durationSec", {
    cell: DurationCell,
    meta: { width: 96, label: "durationSec", align: "end", sortField: "durationSec" },
  }),
  helper.accessor("rounds", {
    cell: RoundsCell,
    meta: { width: 96, label: "rounds", align: "end", sortField: "rounds" },
  }),
  // The conversation measures (from the aligned recording): sortable, the worst first.
  helper.accessor((call) => call.metrics?.robotLatencyMaxMs ?? null, {
    id: "latency",
    cell: SecondsCell,
    meta: { width: 104, label: "latency", align: "end", sortField: "latency" },
  }),
  helper.accessor((call) => call.metrics?.deadAirMaxMs ?? null, {
    id: "deadAir",
    cell: SecondsCell,
    meta: { width: 96, label: "deadAir", align: "end", sortField: "deadAir" },
  }),
  helper.accessor("hangupBy", {
    cell: HangupCell,
    meta: { width: 96, label: "hangupBy" },
  }),
  helper.accessor("intent", { cell: IntentCell, meta: { width: 72, label: "intent" } }),
  helper.accessor("tags", {
    cell: TagsCell,
    meta: { width: 160, label: "tags", grow: true },
  }),
  helper.accessor((call) => call.review.status, {
    id: "review",
    cell: ReviewCell,
    meta: { width: 92, label: "review" },
  }),
]);
