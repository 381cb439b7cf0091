import type { Speaker } from "@/lib/model";
import { rawText } from "@/lib/vendors/shared/json";
import { normalizeAll, schemaReason } from "@/lib/vendors/shared/normalize-all";
import { resultFromWord } from "@/lib/vendors/shared/result-map";
import { formatIsoInZone } from "@/lib/vendors/shared/time";
import type { NormalizedCall, RecordOutcome, RecordProblem } from "@/lib/vendors/types";
import { CallRecord } from "./schema";

/** Fifth-vendor records → canonical calls, with the same exported names as the real vendors' normalize.ts. */

export interface NormalizeOptions {
  taskId: string;
  timezone: string;
}

export function normalizeRecords(
  records: unknown[],
  options: NormalizeOptions,
): { calls: NormalizedCall[]; problems: RecordProblem[] } {
  return normalizeAll(records, normalizeRecord, options);
}

export function normalizeRecord(raw: unknown, options: NormalizeOptions): RecordOutcome {
  const parsed = CallRecord.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problem: {
        taskId: options.taskId,
        vendorCallId: null,
        reason: schemaReason(parsed.error),
        raw: rawText(raw),
      },
    };
  }
  const record = parsed.data;
  const result = resultFromWord(record.outcome);
  const transcript = record.lines.map((line) => ({
    speaker: (line.who === "bot" ? "robot" : "customer") as Speaker,
    text: line.said,
    startMs: null,
    endMs: null,
    timing: "estimated" as const,
  }));
  return {
    ok: true,
    call: {
      key: record.callId,
      locator: { taskId: options.taskId, callId: record.callId },
      summary: {
        taskId: options.taskId,
        vendorCallId: record.callId,
        callee: record.phone,
        caller: null,
        startedAt: formatIsoInZone(record.dialledAt * 1000, options.timezone),
        answeredAt: null,
        endedAt: null,
        durationSec: record.talkSeconds,
        result,
        resultLabel: record.outcome,
        hangupBy: null,
        rounds: transcript.length,
        intent: null,
        intentLabel: null,
        tags: [],
        hasRecording: false,
      },
      transcript,
      recordingUrl: null,
      extra: {},
      raw,
      needsDetail: false,
    },
  };
}
