import { normalizeAll, schemaReason } from "../shared/normalize-all";
import type { CallResult, Speaker, Utterance } from "@/lib/model";
import { list, stringsOf } from "@/lib/vendors/shared/coerce";
import { rawText, unwrapJsonString } from "@/lib/vendors/shared/json";
import { aliyunStatus, resultFromWord } from "@/lib/vendors/shared/result-map";
import { cleanUrl, readableText } from "@/lib/vendors/shared/text";
import { intentFromWord } from "@/lib/vendors/shared/intent";
import { vendorTimeToEpoch, vendorTimeToIso } from "@/lib/vendors/shared/time";
import { buildTranscript, speakerFromRole, type DraftLine } from "@/lib/vendors/shared/transcript";
import type { NormalizedCall, RecordOutcome, RecordProblem } from "@/lib/vendors/types";
import { CallRecord, AiccsConversationLine, AiccsOutputTag, AiccsVariable } from "./schema";

/**
 * AICCS call records (QueryAiCallDetailPage `List[]` items and QueryConversationDetailInfo `Data`)
 * → canonical calls. Pure: the caller passes the task, the time zone and, for a detail (which does
 * not repeat them), the DetailId and BatchId it asked for.
 */

export interface NormalizeOptions {
  taskId: string;
  timezone: string;
  /** A list entry or a detail: only a list entry can lack what the detail has. */
  origin: "list" | "detail";
  /** The ids the request named: the detail's Data does not carry them. */
  detailId?: string | null;
  batchId?: string | null;
}

/** A talk time beyond ten hours in "seconds" is surely milliseconds. */
const SECONDS_CEILING = 36_000;

/** The list's task-detail states (`Status`), worded as the console shows them. */
const DETAIL_STATUS_TEXT: Record<number, string> = {
  0: "初始化",
  1: "待呼叫",
  2: "待重呼",
  3: "呼叫中",
  4: "呼叫结束",
  5: "呼叫失败",
};

export function normalizeRecords(
  records: unknown[],
  options: NormalizeOptions,
): { calls: NormalizedCall[]; problems: RecordProblem[] } {
  return normalizeAll(records, normalizeRecord, options);
}

export function normalizeRecord(raw: unknown, options: NormalizeOptions): RecordOutcome {
  const fail = (reason: string, vendorCallId: string | null = null): RecordOutcome => ({
    ok: false,
    problem: { taskId: options.taskId, vendorCallId, reason, raw: rawText(raw) },
  });
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("call record is not a JSON object");

  const parsed = CallRecord.safeParse(raw);
  if (!parsed.success) {
    return fail(schemaReason(parsed.error));
  }
  const r = parsed.data;
  const detailId = r.DetailId ?? options.detailId ?? null;
  const batchId = r.BatchId ?? options.batchId ?? null;
  const callee = r.CalledPhone ?? r.CalledNumber ?? r.PhoneNumber ?? r.Phone ?? r.Callee ?? null;
  if (detailId === null && callee === null) {
    return fail("DetailId and CalledPhone (or CalledNumber, PhoneNumber, Phone, Callee) are both missing");
  }

  const { timezone } = options;
  const taskId = options.taskId || r.TaskId || "";
  const startedAt = vendorTimeToIso(r.StartCallTime, timezone) ?? vendorTimeToIso(r.CallingTime, timezone);
  const durationSec = durationOf(r, options.timezone);
  const resultWord = readableText(r.CallResult, aliyunStatus(r.StatusCode)?.text ?? null);
  const result = resultOf(resultWord, r.StatusCode);
  const { intent, intentLabel } = intentFromWord(r.MajorIntent);
  const tagInfo = tagsOf(r.OutputTags);

  const rawRecord = raw as Record<string, unknown>;
  const recordField = rawRecord.ConversationRecord;
  const transcriptAbsent = recordField === undefined || recordField === null;
  const conversation = transcriptAbsent ? { lines: [], readable: true } : conversationLines(recordField);
  const needsDetail =
    options.origin === "list" && transcriptAbsent && result === "answered" && detailId !== null;
  const transcript: Utterance[] | null = needsDetail
    ? null
    : buildTranscript(conversation.lines, durationSec === null ? null : Math.round(durationSec * 1000));

  const recordingField = r.RecordingFileDownloadUrl ?? r.RecordingFilePath;
  const recordingUrl = cleanUrl(recordingField);
  // The detail names the file "only after it is generated", and a list with the field says the same
  // (its path need not be a URL: the detail's download URL is what gets played). A list entry without
  // the field says nothing, and an answered call with talk time very likely has one.
  const saysRecording = "RecordingFileDownloadUrl" in rawRecord || "RecordingFilePath" in rawRecord;
  const hasRecording =
    recordingField !== null ||
    (options.origin === "list" && !saysRecording && result === "answered" && (durationSec ?? 0) > 0);

  const key = detailId ?? `${taskId}|${callee}|${startEpoch(r, timezone) ?? ""}`;

  return {
    ok: true,
    call: {
      key,
      locator: { taskId, detailId: detailId ?? "", batchId: batchId ?? "" },
      summary: {
        taskId,
        vendorCallId: detailId,
        callee: callee ?? "",
        caller: r.CallerPhone ?? r.CallerNumber ?? null,
        startedAt,
        answeredAt: vendorTimeToIso(r.PickUpTime, timezone),
        endedAt: vendorTimeToIso(r.ReleaseTime, timezone),
        durationSec,
        result,
        resultLabel: resultWord ?? detailStatusText(r.Status),
        hangupBy: hangupOf(r.HangupDirection),
        rounds: r.ConversationTurnCount,
        intent,
        intentLabel,
        tags: tagInfo.tags,
        hasRecording,
      },
      transcript,
      recordingUrl,
      extra: extraOf(r, batchId, tagInfo.descriptions, conversation.readable),
      raw,
      needsDetail,
    },
  };
}

function startEpoch(r: CallRecord, timezone: string): number | null {
  return vendorTimeToEpoch(r.StartCallTime, timezone) ?? vendorTimeToEpoch(r.CallingTime, timezone);
}

/**
 * Duration (seconds) first; the list's ConversationDuration otherwise, whose unit varies: when the
 * pick-up and release times say how long the call lasted, the reading (s or ms) closer to that wins;
 * without them, a "seconds" value beyond ten hours is surely milliseconds.
 */
function durationOf(r: CallRecord, timezone: string): number | null {
  if (r.Duration !== null) return r.Duration >= 0 ? r.Duration : null;
  const conversation = r.ConversationDuration;
  if (conversation === null || conversation < 0) return null;
  const pickUp = vendorTimeToEpoch(r.PickUpTime, timezone);
  const release = vendorTimeToEpoch(r.ReleaseTime, timezone);
  if (pickUp !== null && release !== null && release > pickUp) {
    const lasted = (release - pickUp) / 1000;
    return Math.abs(conversation - lasted) <= Math.abs(conversation / 1000 - lasted)
      ? conversation
      : conversation / 1000;
  }
  return conversation > SECONDS_CEILING ? conversation / 1000 : conversation;
}

function resultOf(word: string | null, statusCode: string | null): CallResult {
  let result = resultFromWord(word);
  if (result === "unknown") result = aliyunStatus(statusCode)?.result ?? "unknown";
  return result;
}

function detailStatusText(status: number | null): string | null {
  return status === null ? null : (DETAIL_STATUS_TEXT[status] ?? null);
}

/** 用户/0 the customer, 机器人/1 the robot (docs and SDKs disagree on which spelling). */
function hangupOf(value: string | null): Speaker | null {
  if (value === null) return null;
  if (value === "0") return "customer";
  if (value === "1") return "robot";
  if (/^machine$/i.test(value)) return "robot";
  return speakerFromRole(value);
}

function conversationLines(value: unknown): { lines: DraftLine[]; readable: boolean } {
  const parsed = unwrapJsonString(value);
  if (typeof parsed === "string") return { lines: [], readable: parsed.trim() === "" };
  if (!Array.isArray(parsed)) return { lines: [], readable: false };
  const lines: DraftLine[] = [];
  for (const item of parsed) {
    const line = AiccsConversationLine.safeParse(item);
    if (!line.success || !item || typeof item !== "object") continue;
    const speaker = speakerFromRole(line.data.role ?? line.data.Role);
    const text = line.data.content ?? line.data.Content;
    if (speaker && text) lines.push({ speaker, text });
  }
  return { lines, readable: true };
}

/** `${OutputTagName}:${values joined by "、"}`, and each tag's description by name for `extra`. */
function tagsOf(value: unknown): { tags: string[]; descriptions: Record<string, string> } {
  const tags: string[] = [];
  const descriptions: Record<string, string> = {};
  for (const item of list.parse(unwrapJsonString(value))) {
    if (typeof item === "string" || typeof item === "number") {
      if (String(item).trim()) tags.push(String(item).trim());
      continue;
    }
    const parsed = AiccsOutputTag.safeParse(item);
    if (!parsed.success || !item || typeof item !== "object") continue;
    const { OutputTagName: name, OutputTagDescription: description } = parsed.data;
    const values = tagValues(parsed.data.OutputTagValue);
    if (name && values.length > 0) tags.push(`${name}:${values.join("、")}`);
    else if (name) tags.push(name);
    else if (values.length > 0) tags.push(values.join("、"));
    if (name && description) descriptions[name] = description;
  }
  return { tags, descriptions };
}

/** A JSON array (as text or real) of words; a plain word stays whole (its commas are not separators). */
function tagValues(value: unknown): string[] {
  const unwrapped = unwrapJsonString(value);
  if (Array.isArray(unwrapped)) return stringsOf(unwrapped, ["value", "name", "label"]);
  if (typeof unwrapped === "string") return unwrapped.trim() ? [unwrapped.trim()] : [];
  if (typeof unwrapped === "number") return [String(unwrapped)];
  return [];
}

/** Detail `Variables` ([{Name, Key, Value}]) and list `Options` ({key: value}) as one `{name: value}` map. */
function variablesOf(r: CallRecord): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: unknown, value: unknown) => {
    if (typeof name !== "string" || !name.trim()) return;
    const text = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
    // extra reaches the browser: a URL (a signed link, say) has no place there.
    if (!text || /^https?:\/\//i.test(text)) return;
    out[name.trim()] = text;
  };
  for (const source of [unwrapJsonString(r.Options), unwrapJsonString(r.Variables)]) {
    if (Array.isArray(source)) {
      for (const item of source) {
        const variable = AiccsVariable.safeParse(item);
        if (variable.success && item && typeof item === "object") {
          add(variable.data.Name ?? variable.data.Key, variable.data.Value);
        }
      }
    } else if (source && typeof source === "object") {
      for (const [name, value] of Object.entries(source)) add(name, value);
    }
  }
  return out;
}

function extraOf(
  r: CallRecord,
  batchId: string | null,
  tagDescriptions: Record<string, string>,
  transcriptReadable: boolean,
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== null && value !== undefined && value !== "") extra[key] = value;
  };
  const variables = variablesOf(r);
  if (Object.keys(variables).length > 0) extra.variables = variables;
  if (Object.keys(tagDescriptions).length > 0) extra.tagDescriptions = tagDescriptions;
  set("statusCode", r.StatusCode);
  set("statusMsg", readableText(r.StatusMsg));
  set("failedReason", readableText(r.FailedReason));
  set("detailStatus", detailStatusText(r.Status) ?? (r.Status !== null ? String(r.Status) : null));
  set("outId", r.OutId);
  set("callId", r.CallId);
  set("batchId", batchId);
  set("branchName", r.BranchName);
  set("versionName", r.VersionName);
  if (!transcriptReadable) extra.transcriptUnreadable = true;
  return extra;
}
