import {
  UNREVIEWED,
  type CallMetrics,
  type CallResult,
  type CallSummary,
  type Intent,
  type Review,
  type Speaker,
  type Utterance,
} from "@/lib/model";
import type { Locator } from "@/lib/vendors/types";
import type { Dialect, Row } from "../sql/executor";

/** What the index keeps per call beyond the canonical summary: enough to fetch it live again, or stand in for it. */
export interface IndexedCall {
  summary: CallSummary;
  seq: number;
  callKey: string;
  locator: Locator;
  transcript: Utterance[] | null;
  transcriptState: "complete" | "pending" | "none";
  extra: Record<string, unknown>;
  recordingUrl: string | null;
  detailAt: string | null;
  /** Raised by every write to what the call's detail shows (CallRepository.revision). */
  revision: number;
}

/** The columns toSummary reads (calls `c`, reviews `r`). */
export function summaryColumns(dialect: Dialect): string {
  return `c.seq, c.id, c.source_id, c.vendor, c.task_id, c.vendor_call_id, c.callee, c.caller,
  c.started_at, c.answered_at, c.ended_at, c.duration_sec, c.result, c.result_label, c.hangup_by, c.rounds,
  c.intent, c.intent_label, c.tags, c.has_recording,
  c.metrics_hash, c.robot_latency_median_ms, c.robot_latency_max_ms, c.dead_air_max_ms, c.customer_talk_ratio,
  c.barge_ins,
  (SELECT ${dialect.jsonArray("name")} FROM call_alerts WHERE call_seq = c.seq) AS alerts,
  r.status AS review_status, r.intent AS review_intent, r.note AS review_note, r.updated_by AS review_by,
  r.updated_at AS review_at`;
}

export function toSummary(row: Row): CallSummary {
  const review: Review = row.review_status
    ? {
        status: row.review_status as Review["status"],
        intent: (row.review_intent as Intent | null) ?? null,
        note: (row.review_note as string | null) ?? null,
        by: (row.review_by as string | null) ?? null,
        at: (row.review_at as string | null) ?? null,
      }
    : UNREVIEWED;
  return {
    id: row.id as string,
    sourceId: row.source_id as string,
    vendor: row.vendor as string,
    taskId: row.task_id as string,
    vendorCallId: (row.vendor_call_id as string | null) ?? null,
    callee: row.callee as string,
    caller: (row.caller as string | null) ?? null,
    startedAt: (row.started_at as string | null) ?? null,
    answeredAt: (row.answered_at as string | null) ?? null,
    endedAt: (row.ended_at as string | null) ?? null,
    durationSec: (row.duration_sec as number | null) ?? null,
    result: row.result as CallResult,
    resultLabel: (row.result_label as string | null) ?? null,
    hangupBy: (row.hangup_by as Speaker | null) ?? null,
    rounds: (row.rounds as number | null) ?? null,
    intent: (row.intent as Intent | null) ?? null,
    intentLabel: (row.intent_label as string | null) ?? null,
    tags: JSON.parse(row.tags as string) as string[],
    alerts: JSON.parse((row.alerts as string | null) ?? "[]") as string[],
    hasRecording: row.has_recording === 1,
    review,
    metrics: metricsOf(row),
  };
}

/** The conversation metrics mirrored on the call (AlignmentRepository.put); null until analysed. */
function metricsOf(row: Row): CallMetrics | null {
  if (row.metrics_hash === null || row.metrics_hash === undefined) return null;
  return {
    robotLatencyMedianMs: (row.robot_latency_median_ms as number | null) ?? null,
    robotLatencyMaxMs: (row.robot_latency_max_ms as number | null) ?? null,
    deadAirMaxMs: (row.dead_air_max_ms as number | null) ?? null,
    customerTalkRatio: (row.customer_talk_ratio as number | null) ?? null,
    bargeIns: (row.barge_ins as number | null) ?? 0,
  };
}

export const UTTERANCE_COLUMNS = "speaker, text, start_ms, end_ms, timing, interrupted";

export function toUtterance(row: Row): Utterance {
  return {
    speaker: row.speaker as Speaker,
    text: row.text as string,
    startMs: (row.start_ms as number | null) ?? null,
    endMs: (row.end_ms as number | null) ?? null,
    timing: row.timing as Utterance["timing"],
    ...(row.interrupted ? { interrupted: true } : {}),
  };
}
