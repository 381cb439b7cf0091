import { intentFromWord } from "@/lib/vendors/shared/intent";
import { normalizeAll, schemaReason } from "../shared/normalize-all";
import type { Speaker } from "@/lib/model";
import { stringsOf } from "@/lib/vendors/shared/coerce";
import { rawText } from "@/lib/vendors/shared/json";
import { TANYI_RESULT_TEXT, resultFromWord } from "@/lib/vendors/shared/result-map";
import { cleanUrl, readableText } from "@/lib/vendors/shared/text";
import { vendorTimeToIso } from "@/lib/vendors/shared/time";
import { buildTranscript, speakerFromRole, type DraftLine } from "@/lib/vendors/shared/transcript";
import type { NormalizedCall, RecordOutcome, RecordProblem } from "@/lib/vendors/types";
import { TanyiCallDetailLine, CallRecord } from "./schema";

/**
 * Tanyi call records (list `content[]` items and the detail's `data`) → canonical calls. Pure: the
 * caller passes the time zone and, for list entries, the task id it asked for.
 */

export interface NormalizeOptions {
  /** The task the list was asked for; null for a detail, whose own `robotCallJobId` says. */
  taskId: string | null;
  timezone: string;
}

export function normalizeRecord(raw: unknown, options: NormalizeOptions): RecordOutcome {
  const fail = (reason: string, vendorCallId: string | null = null): RecordOutcome => ({
    ok: false,
    problem: { taskId: options.taskId ?? "", vendorCallId, reason, raw: rawText(raw) },
  });
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return fail("call record is not a JSON object");

  const parsed = CallRecord.safeParse(raw);
  if (!parsed.success) {
    return fail(schemaReason(parsed.error));
  }
  const record = parsed.data;
  const person = record.customerPerson;
  const vendorCallId = record.callRecordId;
  const callee = record.calledPhoneNumber ?? record.phoneNumber ?? person?.phoneNumber ?? null;
  if (vendorCallId === null && callee === null) {
    return fail("callRecordId and calledPhoneNumber are both missing");
  }

  const taskId = options.taskId ?? record.robotCallJobId ?? "";
  const startedAt = vendorTimeToIso(record.startTime, options.timezone);
  const durationSec = record.chatDuration !== null && record.chatDuration >= 0 ? record.chatDuration : null;
  const resultWord = record.resultStatus;
  // "A" as documented; "A级"/"A类" from tenants that renamed their levels.
  const { intent } = intentFromWord(record.intentLevel);
  const recordingUrl = cleanUrl(record.fullAudioUrl);
  // The customer's side alone, next to the full recording: only a track of its own says who speaks when.
  const customerUrl = cleanUrl(record.customerAudioUrl);
  const customerRecordingUrl =
    recordingUrl && customerUrl && customerUrl !== recordingUrl ? customerUrl : null;
  const tags = stringsOf(record.customerConcern);

  const transcript = buildTranscript(
    transcriptLines(record.callDetailList),
    durationSec === null ? null : Math.round(durationSec * 1000),
  );

  // Without a callRecordId the record still indexes, but nothing can fetch it again.
  const key = vendorCallId ?? `${taskId}|${callee}|${startedAt ?? asText(record.startTime) ?? ""}`;

  return {
    ok: true,
    call: {
      key,
      locator: vendorCallId === null ? {} : { callRecordId: vendorCallId },
      summary: {
        taskId,
        vendorCallId,
        callee: callee ?? "",
        caller: null,
        startedAt,
        answeredAt: null,
        endedAt: vendorTimeToIso(record.endTime, options.timezone),
        durationSec,
        result: resultFromWord(resultWord),
        resultLabel:
          resultWord === null
            ? null
            : (TANYI_RESULT_TEXT[resultWord.toUpperCase()] ?? readableText(resultWord)),
        hangupBy: null,
        rounds: record.chatRound,
        intent,
        intentLabel: record.intentLevelName,
        tags,
        hasRecording: recordingUrl !== null,
      },
      transcript,
      recordingUrl,
      customerRecordingUrl,
      extra: extraOf(record, tags),
      raw,
      // The list already carries callDetailList and fullAudioUrl: the detail adds nothing sync needs.
      needsDetail: false,
    },
  };
}

/** A list page's `content`: every item normalized, or reported without failing the page. */
export function normalizeRecords(
  content: unknown[],
  options: NormalizeOptions,
): { calls: NormalizedCall[]; problems: RecordProblem[] } {
  return normalizeAll(content, normalizeRecord, options);
}

function transcriptLines(items: unknown[]): DraftLine[] {
  const lines: DraftLine[] = [];
  for (const item of items) {
    const parsed = TanyiCallDetailLine.safeParse(item);
    if (!parsed.success) continue;
    const speaker: Speaker | null = speakerFromRole(parsed.data.type);
    // A line nobody can attribute would be shown under the wrong voice: better left out.
    if (speaker === null) continue;
    lines.push({ speaker, text: parsed.data.text, order: parsed.data.callDetailId });
  }
  return lines;
}

function extraOf(record: CallRecord, tags: string[]): Record<string, unknown> {
  const person = record.customerPerson;
  const candidates: Record<string, unknown> = {
    intentLevelName: record.intentLevelName,
    realIntentLevel: record.realIntentLevel,
    realIntentLevelName: record.realIntentLevelName,
    customerConcern: tags.length ? tags : null,
    analysisBasis: record.analysisBasis,
    readStatus: record.readStatus,
    robotCallTaskId: record.robotCallTaskId,
    dialogFlowId: record.dialogFlowId,
    customerName: person?.name ?? null,
    customerProperties: withoutUrls(person?.properties),
    customerGroupName: person?.customerGroupName ?? record.customerGroupName,
  };
  return Object.fromEntries(
    Object.entries(candidates).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * Customer properties are free-form tenant data: a link in there (a signed file URL) must not reach the
 * browser, and nested values are dropped rather than searched for one.
 */
function withoutUrls(properties: unknown): Record<string, unknown> | null {
  if (!properties || typeof properties !== "object" || Array.isArray(properties)) return null;
  const kept = Object.entries(properties).filter(([, value]) => {
    if (typeof value === "string") return !/^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(value);
    return value === null || typeof value === "number" || typeof value === "boolean";
  });
  return kept.length ? Object.fromEntries(kept) : null;
}

function asText(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}
