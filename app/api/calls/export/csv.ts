import type { AnnotationLabel, CallSummary } from "@/lib/model";
import { ANNOTATION_LABELS } from "@/lib/vocabulary";

/**
 * CSV for spreadsheets and scripts: RFC 4180 quoting, CRLF lines, and no cell that a spreadsheet
 * would run as a formula (CSV injection).
 */

export const CSV_COLUMNS = [
  "id",
  "startedAt",
  "source",
  "task",
  "callee",
  "caller",
  "result",
  "resultLabel",
  "durationSec",
  "rounds",
  "hangupBy",
  "intent",
  "reviewIntent",
  "reviewStatus",
  "tags",
  "vendorCallId",
  // How many times reviewers marked the call with each label (annotations).
  ...ANNOTATION_LABELS.map((label) => `annotations.${label}` as const),
  // Conversation metrics from the recording's aligned timing (empty until the call's audio is analysed).
  "metrics.robotLatencyMedianMs",
  "metrics.robotLatencyMaxMs",
  "metrics.deadAirMaxMs",
  "metrics.customerTalkRatio",
  "metrics.bargeIns",
] as const;

/** Excel reads a file without it as the local code page (GBK on Chinese Windows) and garbles the Chinese. */
export const BOM = "\uFEFF";

/** A phone number as vendors write it (`+86 138-0000-0000`, masked `+86****0000`): data, never a formula. */
const PHONE = /^\+[\d\s()*-]+$/;

/** Text a spreadsheet would evaluate (`=`, `+`, `-`, `@`, or a leading tab/CR) gets an apostrophe in front. */
export function neutralize(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !PHONE.test(value)) return `'${value}`;
  return value;
}

/** A value we made and validated ourselves (the call id: `[A-Za-z0-9_-]`, which may start with "-"): kept exact for scripts. */
export class Trusted {
  constructor(readonly value: string) {}
}

export function csvCell(value: string | number | null | Trusted): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = value instanceof Trusted ? value.value : neutralize(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: (string | number | null | Trusted)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function csvRow(call: CallSummary, annotations?: Record<AnnotationLabel, number>): string {
  return csvLine([
    // Ids are URL-safe base64 and can start with "-": no formula can be spelled in that alphabet.
    /^[A-Za-z0-9_-]+$/.test(call.id) ? new Trusted(call.id) : call.id,
    call.startedAt,
    call.sourceId,
    call.taskId,
    call.callee,
    call.caller,
    call.result,
    call.resultLabel,
    call.durationSec,
    call.rounds,
    call.hangupBy,
    call.intent,
    call.review.intent,
    call.review.status,
    call.tags.join("|"),
    call.vendorCallId,
    ...ANNOTATION_LABELS.map((label) => annotations?.[label] ?? 0),
    call.metrics?.robotLatencyMedianMs ?? null,
    call.metrics?.robotLatencyMaxMs ?? null,
    call.metrics?.deadAirMaxMs ?? null,
    call.metrics?.customerTalkRatio ?? null,
    call.metrics?.bargeIns ?? null,
  ]);
}
