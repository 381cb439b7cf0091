import { normalizeAll, schemaReason } from "../shared/normalize-all";
import type { CallResult, Speaker } from "@/lib/model";
import { stringsOf } from "@/lib/vendors/shared/coerce";
import { rawText, unwrapJsonString } from "@/lib/vendors/shared/json";
import { aliyunStatus, resultFromWord } from "@/lib/vendors/shared/result-map";
import { cleanUrl, readableText } from "@/lib/vendors/shared/text";
import { formatIsoInZone, vendorTimeToEpoch, vendorTimeToIso } from "@/lib/vendors/shared/time";
import { buildTranscript, speakerFromRole, type DraftLine } from "@/lib/vendors/shared/transcript";
import type {
  Locator,
  NormalizedCall,
  RecordOutcome,
  RecordProblem,
  VendorSummary,
} from "@/lib/vendors/types";
import type { z } from "zod";
import { CallDetailRecord, DyvmsDialogLine, CallRecord } from "./schema";

/**
 * Dyvms records → canonical calls. The list (QueryRobotTaskCallList) has no transcript and no
 * recording, so answered calls come back with `needsDetail`; the detail (QueryCallDetailByTaskId)
 * has both. Pure: no I/O, the time zone and task id are passed in.
 */

export interface NormalizeOptions {
  /** The task the record was asked for (the record's own `taskId` is a number and may be missing). */
  taskId: string;
  /** How vendor times without an offset are read. */
  timezone: string;
}

/**
 * The entries of a list answer's `Data`: a JSON string of an array, a real array, or nothing
 * (""/null = an empty page). null when `Data` is something else, which the caller reports.
 */
export function listEntries(data: unknown): unknown[] | null {
  if (data === null || data === undefined) return [];
  if (typeof data === "string" && data.trim() === "") return [];
  const value = unwrapJsonString(data);
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object") {
    // Not documented, but wrapped lists are what other Aliyun list APIs send: take the array inside.
    for (const key of ["List", "list", "Data", "data", "Records", "records"]) {
      const inner = unwrapJsonString((value as Record<string, unknown>)[key]);
      if (Array.isArray(inner)) return inner;
    }
  }
  return null;
}

export function normalizeRecords(
  entries: unknown[],
  context: NormalizeOptions,
): { calls: NormalizedCall[]; problems: RecordProblem[] } {
  return normalizeAll(entries, normalizeRecord, context);
}

export function normalizeRecord(record: unknown, context: NormalizeOptions): RecordOutcome {
  const parsed = parseRecord(CallRecord, record, context.taskId);
  if (!parsed.ok) return parsed;
  const entry = parsed.value;
  const callee = entry.called ?? entry.callee;
  if (!entry.callId && !callee)
    return problem(context.taskId, record, null, "callId and called are both missing");

  const startEpoch = vendorTimeToEpoch(entry.callStartTime, context.timezone);
  const { result, resultLabel } = resultOfListWord(entry.callResult);
  const answered = result === "answered";
  const summary: VendorSummary = {
    taskId: context.taskId,
    vendorCallId: entry.callId,
    callee: callee ?? "",
    caller: entry.caller,
    startedAt: isoOf(startEpoch, context.timezone),
    // The list only says when the call started and ended; the answer time is in the detail.
    answeredAt: null,
    endedAt: vendorTimeToIso(entry.callEndTime, context.timezone),
    durationSec: nonNegative(entry.duration),
    result,
    resultLabel,
    hangupBy: hangupSpeaker(entry.hangupDirection),
    rounds: entry.dialogCount,
    intent: null,
    intentLabel: null,
    tags: splitTags(entry.label),
    // Dyvms records every answered call; the file itself is only named in the detail.
    hasRecording: answered,
  };
  return {
    ok: true,
    call: {
      key: callKey(context.taskId, entry.callId, summary.callee, startEpoch),
      locator: locatorOf(context.taskId, summary.callee, startEpoch, entry.callId),
      summary,
      transcript: null,
      recordingUrl: null,
      extra: extraOf(entry),
      raw: record,
      needsDetail: answered,
    },
  };
}

/**
 * The call object inside a detail answer's `Data` (a JSON string, sometimes the object itself, now
 * and then an array of one). null when there is no call in it: the vendor's way of saying "not found".
 */
export function detailRecord(data: unknown, callId?: string | null): unknown {
  const value = unwrapJsonString(data);
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) {
    const objects = value.filter(
      (item): item is Record<string, unknown> => !!item && typeof item === "object",
    );
    return objects.find((item) => callId && String(item.callId) === callId) ?? objects[0] ?? null;
  }
  if (typeof value === "object" && Object.keys(value).length === 0) return null;
  return value;
}

/** A detail record. `locator` fills in what the detail leaves out (the task, the callee, the call id). */
export function normalizeDetail(
  record: unknown,
  context: NormalizeOptions & { locator?: Partial<Locator> },
): RecordOutcome {
  const parsed = parseRecord(CallDetailRecord, record, context.taskId);
  if (!parsed.ok) return parsed;
  const detail = parsed.value;
  const locator = context.locator ?? {};
  const callId = detail.callId ?? (locator.callId || null);
  const callee = detail.callee ?? detail.called ?? (locator.callee || null);
  if (!callId && !callee) return problem(context.taskId, record, null, "callId and callee are both missing");

  const code = detail.state ?? detail.statusCode;
  const status = aliyunStatus(code);
  const resultLabel = readableText(detail.stateDesc, status?.text ?? null) ?? code;
  const result: CallResult = status?.result ?? resultFromWord(resultLabel);

  const createdEpoch = vendorTimeToEpoch(detail.gmtCreate, context.timezone);
  const answerEpoch = vendorTimeToEpoch(detail.startDate, context.timezone);
  // The list's start time is what the locator carries: keep the fallback key the same on both sides.
  const locatorEpoch =
    locator.queryDate && /^\d+$/.test(locator.queryDate) ? Number(locator.queryDate) : null;
  const startEpoch = locatorEpoch ?? createdEpoch;

  const durationSec = nonNegative(detail.duration);
  const recordingUrl = detail.recordStatus === 2 ? null : cleanUrl(detail.recordFile);
  const hasRecording =
    detail.recordStatus === 1 ? true : detail.recordStatus === 2 ? false : recordingUrl !== null;

  const summary: VendorSummary = {
    taskId: context.taskId,
    vendorCallId: callId,
    callee: callee ?? "",
    caller: detail.calleeShowNumber ?? detail.caller,
    startedAt: isoOf(createdEpoch, context.timezone),
    answeredAt: isoOf(answerEpoch, context.timezone),
    endedAt: vendorTimeToIso(detail.endDate, context.timezone),
    durationSec,
    result,
    resultLabel,
    hangupBy: hangupSpeaker(detail.hangupDirection),
    rounds: detail.dialogCount,
    intent: null,
    intentLabel: null,
    tags: splitTags(detail.tags),
    hasRecording,
  };
  return {
    ok: true,
    call: {
      key: callKey(context.taskId, callId, summary.callee, startEpoch),
      locator: locatorOf(context.taskId, summary.callee, startEpoch, callId),
      summary,
      transcript: dialogTranscript(
        detail.dialogDetail,
        answerEpoch,
        durationSec ? durationSec * 1000 : null,
        context.timezone,
      ),
      recordingUrl,
      extra: {
        ...extraOf(detail),
        ...(detail.recordStatus !== null ? { recordStatus: detail.recordStatus } : {}),
      },
      raw: record,
      needsDetail: false,
    },
  };
}

/**
 * `dialogDetail` → utterances. Lines carry wall-clock times (Java's Date.toString, `yyyy-MM-dd
 * HH:mm:ss` or epoch ms); the offset into the recording is the line's time minus the answer time,
 * clamped at 0: the robot's greeting is stamped before the pick-up (the doc's example: 9 s early).
 */
export function dialogTranscript(
  value: unknown,
  answerEpoch: number | null,
  durationMs: number | null,
  timezone: string,
) {
  const items = unwrapJsonString(value);
  if (!Array.isArray(items)) return buildTranscript([], durationMs);

  const lines: (DraftLine & { epoch: number | null })[] = [];
  for (const item of items) {
    const parsed = DyvmsDialogLine.safeParse(item);
    if (!parsed.success) continue;
    const speaker: Speaker | null = speakerFromRole(parsed.data.role);
    if (!speaker) continue;
    const content = parsed.data.content;
    const epoch = vendorTimeToEpoch(parsed.data.startTime ?? parsed.data.time, timezone);
    lines.push({
      speaker,
      text: typeof content === "string" ? content : typeof content === "number" ? String(content) : null,
      epoch,
      order: epoch,
    });
  }
  const times = lines.map((line) => line.epoch).filter((epoch): epoch is number => epoch !== null);
  const base = answerEpoch ?? (times.length ? Math.min(...times) : null);
  return buildTranscript(
    lines.map(({ epoch, ...line }) => ({
      ...line,
      startMs: base !== null && epoch !== null ? epoch - base : null,
    })),
    durationMs,
  );
}

/** List `callResult`: Chinese words, or a status code as the list's filter takes them. */
export function resultOfListWord(word: string | null): { result: CallResult; resultLabel: string | null } {
  const status = aliyunStatus(word);
  if (status) return { result: status.result, resultLabel: status.text };
  const resultLabel = readableText(word);
  return { result: resultFromWord(resultLabel), resultLabel };
}

function hangupSpeaker(direction: string | null): Speaker | null {
  switch (direction?.trim()) {
    case "0":
    case "用户":
      return "customer";
    case "1":
    case "机器人":
      return "robot";
    default:
      // Other words for the two sides (客户, robot, AI …).
      return direction ? speakerFromRole(direction) : null;
  }
}

/** `label` / `tags`: "邀约,有房,无车", full-width commas, a bare number (the JSON example's `1`), or "". */
export function splitTags(value: unknown): string[] {
  const unwrapped = unwrapJsonString(value);
  if (Array.isArray(unwrapped)) return stringsOf(unwrapped);
  const words =
    typeof unwrapped === "number" ? String(unwrapped) : typeof unwrapped === "string" ? unwrapped : "";
  return words
    .split(/[,，;；]/)
    .map((word) => word.trim())
    .filter(Boolean);
}

function callKey(taskId: string, callId: string | null, callee: string, startEpoch: number | null): string {
  return callId ?? `${taskId}|${callee}|${startEpoch ?? ""}`;
}

function locatorOf(
  taskId: string,
  callee: string,
  startEpoch: number | null,
  callId: string | null,
): Locator {
  return { taskId, callee, queryDate: startEpoch === null ? "" : String(startEpoch), callId: callId ?? "" };
}

type Counters = Pick<
  CallRecord,
  | "sureCount"
  | "denyCount"
  | "rejectCount"
  | "customCount"
  | "defaultCount"
  | "knowledgeCount"
  | "konwledgeCount"
  | "knowledgeBusinessCount"
  | "knowledgeCommonCount"
  | "transferResult"
  | "transferNumber"
  | "transferFailReason"
  | "transferFailReson"
  | "recallCurTimes"
>;

/** Counters and transfer info, whichever are present; the docs' typos folded into the right names. */
function extraOf(record: Counters): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    sureCount: record.sureCount,
    denyCount: record.denyCount,
    rejectCount: record.rejectCount,
    customCount: record.customCount,
    defaultCount: record.defaultCount,
    knowledgeCount: record.knowledgeCount ?? record.konwledgeCount,
    knowledgeBusinessCount: record.knowledgeBusinessCount,
    knowledgeCommonCount: record.knowledgeCommonCount,
    transferResult: record.transferResult,
    transferNumber: record.transferNumber,
    transferFailReason: readableText(record.transferFailReason ?? record.transferFailReson),
    recallCurTimes: record.recallCurTimes,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  );
}

function isoOf(epoch: number | null, timezone: string): string | null {
  return epoch === null ? null : formatIsoInZone(epoch, timezone);
}

function nonNegative(value: number | null): number | null {
  return value === null || value < 0 ? null : value;
}

function parseRecord<S extends z.ZodType>(
  schema: S,
  record: unknown,
  taskId: string,
): { ok: true; value: z.infer<S> } | { ok: false; problem: RecordProblem } {
  if (!record || typeof record !== "object" || Array.isArray(record)) {
    return problem(taskId, record, null, "record is not an object");
  }
  const parsed = schema.safeParse(record);
  if (parsed.success) return { ok: true, value: parsed.data };
  return problem(taskId, record, rawCallId(record), schemaReason(parsed.error));
}

function rawCallId(record: object): string | null {
  const value = (record as Record<string, unknown>).callId;
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

function problem(
  taskId: string,
  record: unknown,
  vendorCallId: string | null,
  reason: string,
): { ok: false; problem: RecordProblem } {
  const callId = vendorCallId ?? (record && typeof record === "object" ? rawCallId(record) : null);
  return { ok: false, problem: { taskId, vendorCallId: callId, reason, raw: rawText(record) } };
}
