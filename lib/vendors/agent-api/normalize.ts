import { normalizeAll, schemaReason } from "../shared/normalize-all";
import type { CallResult, Intent, Speaker, Utterance } from "@/lib/model";
import type { NormalizedCall, RecordOutcome, RecordProblem } from "@/lib/vendors/types";
import { list, pick, stringsOf, text } from "@/lib/vendors/shared/coerce";
import { rawText } from "@/lib/vendors/shared/json";
import { resultFromWord } from "@/lib/vendors/shared/result-map";
import { cleanUrl } from "@/lib/vendors/shared/text";
import { vendorTimeToEpoch, vendorTimeToIso } from "@/lib/vendors/shared/time";
import { buildTranscript, speakerFromRole, type DraftLine } from "@/lib/vendors/shared/transcript";
import { RECORDING_FIELDS, RawDetail, CallRecord } from "./schema";

/**
 * agent-api record → canonical call. Pure: the caller passes the task and the source's time zone
 * (the vendor writes "2022-09-29 15:09:13" without an offset).
 */

export interface NormalizeOptions {
  taskId: string;
  timezone: string;
}

const CUSTOMER_NOTIFY = "asrprogress_notify";
const ROBOT_NOTIFY = "playback_result";
const INTENT_BY_NUMBER: Record<string, Intent> = { "1": "A", "2": "B", "3": "C", "4": "D", "5": "E" };

export function normalizeRecords(
  records: unknown[],
  options: NormalizeOptions,
): { calls: NormalizedCall[]; problems: RecordProblem[] } {
  return normalizeAll(records, normalizeRecord, options);
}

export function normalizeRecord(record: unknown, options: NormalizeOptions): RecordOutcome {
  const { taskId, timezone } = options;
  const problem = (reason: string, vendorCallId: string | null = null): RecordOutcome => ({
    ok: false,
    problem: { taskId, vendorCallId, reason, raw: rawText(record) },
  });
  if (!record || typeof record !== "object" || Array.isArray(record))
    return problem("record is not a JSON object");

  const parsed = CallRecord.safeParse(record);
  if (!parsed.success) {
    const rawId = (record as Record<string, unknown>).id;
    return problem(schemaReason(parsed.error), typeof rawId === "string" ? rawId : null);
  }
  const r = parsed.data;
  const fields = record as Record<string, unknown>;
  const rawDetails = "details" in fields ? list.parse(fields.details) : null;

  // The detail turns carry the callee too: a record that lost its own still says who was called.
  const callee = r.callee ?? calleeFromDetails(rawDetails);
  if (!r.id && !callee) return problem("id and callee are both missing");

  const startEpoch = vendorTimeToEpoch(r.calldate, timezone);
  const answerEpoch = vendorTimeToEpoch(r.answerdate, timezone);
  const answered = answerEpoch !== null || (r.bill ?? 0) > 0;
  const result: CallResult = answered ? "answered" : resultFromWord(r.hangupcause);
  const talkMs = r.bill !== null && r.bill >= 0 ? r.bill : null;

  const recordingUrl = cleanUrl(text.parse(pick(fields, ...RECORDING_FIELDS)));
  const transcript =
    rawDetails === null ? null : transcriptOf(rawDetails, answerEpoch ?? startEpoch, talkMs, timezone);
  const calldateText = text.parse(r.calldate);
  const key = r.id ?? `${taskId}|${callee}|${calldateText ?? ""}`;

  const call: NormalizedCall = {
    key,
    locator: {
      taskId,
      recordId: r.id ?? "",
      callee: callee ?? "",
      // Without an id, only the dial time tells this record from the callee's other attempts.
      ...(r.id ? {} : { calldate: calldateText ?? "" }),
    },
    summary: {
      taskId,
      vendorCallId: r.id,
      callee: callee ?? "",
      caller: r.caller_number,
      startedAt: vendorTimeToIso(r.calldate, timezone),
      answeredAt: answerEpoch === null ? null : vendorTimeToIso(r.answerdate, timezone),
      endedAt: vendorTimeToIso(r.hangupdate, timezone),
      durationSec: talkMs === null ? null : talkMs / 1000,
      result,
      resultLabel: r.hangupcause,
      hangupBy: hangupByOf(r.hangup_disposition, r.hangup_disposition_str),
      rounds: r.rounds,
      intent: intentOf(r.intention_results),
      intentLabel: null,
      tags: stringsOf(r.tags),
      hasRecording: recordingUrl !== null,
    },
    transcript,
    recordingUrl,
    extra: extraOf(r),
    raw: record,
    // The list carries the whole call (turns included); only a deployment that drops `details`
    // from the list leaves something for the detail to add.
    needsDetail: transcript === null && answered,
  };
  return { ok: true, call };
}

/** `hangup_disposition` 1 AI, 2 客户 (number or string); the `_str` twin when the code is missing. */
function hangupByOf(code: string | null, word: string | null): Speaker | null {
  if (code === "1") return "robot";
  if (code === "2") return "customer";
  if (code !== null) return null;
  return speakerFromRole(word);
}

/** `intention_results` 1..5 → A..E; a letter is taken as is (some deployments send the level name). */
function intentOf(value: string | null): Intent | null {
  if (value === null) return null;
  const byNumber = INTENT_BY_NUMBER[value.replace(/\.0+$/, "")];
  if (byNumber) return byNumber;
  const letter = value.toUpperCase();
  return /^[A-F]$/.test(letter) ? (letter as Intent) : null;
}

function calleeFromDetails(details: unknown[] | null): string | null {
  for (const detail of details ?? []) {
    if (detail && typeof detail === "object") {
      const callee = text.parse((detail as Record<string, unknown>).callee);
      if (callee) return callee;
    }
  }
  return null;
}

interface TimedDraft extends DraftLine {
  sortKey: number;
  index: number;
}

/**
 * Turns in spoken order with vendor times. The array arrives shuffled, so `sequence` decides the
 * order; a turn without one stays right after the turn that preceded it in the array.
 * Offsets are relative to the pick-up (the recording's start):
 *   customer: ASR answered at created_at, asr_elapse after the speech ended, which lasted record_ms;
 *   robot:    playback_result is written when the playback ends, play_ms after it began.
 * created_at has one-second precision, so offsets are clamped at 0 and starts kept non-decreasing.
 */
function transcriptOf(
  details: unknown[],
  baseEpoch: number | null,
  talkMs: number | null,
  timezone: string,
): Utterance[] {
  const drafts: TimedDraft[] = [];
  let lastKey = Number.NEGATIVE_INFINITY;
  details.forEach((detail, index) => {
    const parsed = RawDetail.safeParse(detail);
    if (!parsed.success || !detail || typeof detail !== "object") return;
    const d = parsed.data;
    const sortKey = d.sequence ?? lastKey;
    lastKey = sortKey;
    const line = lineOf(d, baseEpoch, timezone);
    if (line) drafts.push({ ...line, sortKey, index });
  });
  drafts.sort((a, b) => a.sortKey - b.sortKey || a.index - b.index);

  let previousStart = 0;
  const lines: DraftLine[] = drafts.map((draft, order) => {
    let { startMs = null, endMs = null } = draft;
    if (startMs !== null) {
      startMs = Math.max(0, startMs, previousStart);
      previousStart = startMs;
    }
    if (endMs !== null) endMs = Math.max(0, endMs, startMs ?? 0);
    return { speaker: draft.speaker, text: draft.text, order, startMs, endMs };
  });
  return buildTranscript(lines, talkMs);
}

function lineOf(d: RawDetail, baseEpoch: number | null, timezone: string): DraftLine | null {
  const created = vendorTimeToEpoch(d.created_at, timezone);
  const at = created !== null && baseEpoch !== null ? created - baseEpoch : null;
  if (d.notify === CUSTOMER_NOTIFY) {
    const words = text.parse(d.question);
    if (!words) return null;
    const endMs = at === null ? null : at - (d.asr_elapse ?? 0);
    const startMs = endMs === null ? null : endMs - (d.record_ms ?? 0);
    return { speaker: "customer", text: words, startMs, endMs };
  }
  if (d.notify === ROBOT_NOTIFY) {
    const words = text.parse(d.answer_content) ?? text.parse(d.answer_text);
    if (!words) return null;
    if (at === null) return { speaker: "robot", text: words, startMs: null, endMs: null };
    const playMs = d.play_ms ?? 0;
    // An untimed playback: we only know it was under way by created_at; buildTranscript ends it.
    if (playMs <= 0) return { speaker: "robot", text: words, startMs: at, endMs: null };
    return { speaker: "robot", text: words, startMs: at - playMs, endMs: at };
  }
  return null;
}

function extraOf(r: CallRecord): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== null && value !== undefined && value !== "") extra[key] = value;
  };
  put("operatorName", r.operator_name);
  put("customerName", r.name);
  put("company", r.company);
  put("gender", r.gender_str);
  put("score", r.score);
  put("levelName", r.level_name);
  put("region", regionOf(r.province, r.city));
  put("hangupDisposition", r.hangup_disposition_str);
  const components = componentsOf(r.components);
  if (Object.keys(components).length > 0) extra.components = components;
  put("dialMs", r.duration);
  if (r.error_code !== null && r.error_code !== 0) extra.errorCode = r.error_code;
  return extra;
}

/** `province.city` + `city.city` → "安徽 蚌埠"; municipalities name themselves twice (北京 北京). */
function regionOf(province: unknown, city: unknown): string | null {
  const names = [placeName(province), placeName(city)].filter((name): name is string => name !== null);
  const unique = names.filter((name, i) => names.indexOf(name) === i);
  return unique.length > 0 ? unique.join(" ") : null;
}

function placeName(place: unknown): string | null {
  if (place && typeof place === "object") return text.parse((place as Record<string, unknown>).city);
  return typeof place === "string" ? text.parse(place) : null;
}

/** CRM components as `name: value` pairs; a URL value is dropped (extra reaches the browser). */
function componentsOf(components: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const component of components) {
    if (!component || typeof component !== "object") continue;
    const c = component as Record<string, unknown>;
    const name = text.parse(c.name);
    const value = text.parse(c.value);
    if (name && value && !/^https?:\/\//i.test(value)) out[name] = value;
  }
  return out;
}
