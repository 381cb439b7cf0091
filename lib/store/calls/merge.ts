import type { Intent, Utterance } from "@/lib/model";
import type { Locator, NormalizedCall, VendorSummary } from "@/lib/vendors/types";
import { INTENTS } from "@/lib/vocabulary";
import type { Sql } from "../sql/executor";
import { contentHash, packRaw } from "./pack";

/**
 * The merge policy of a call, as a pure function both backends run: what a list entry, a detail or
 * a re-sync does to the row already indexed. No database here; the writers read the row, ask
 * planUpsert, and write what it says.
 */

export interface UpsertInput {
  sourceId: string;
  vendor: string;
  call: NormalizedCall;
  /** A list entry or a detail: a later one of either kind merges with, never clobbers, the other. */
  from: "list" | "detail";
  /**
   * The indexed call a detail was fetched for. A detail can name the call differently from its list
   * entry (a Dyvms list entry without callId is keyed by task|callee|time): it must land on the row
   * it was fetched for, not become a second one.
   */
  key?: string;
}

/** Other writes that must commit with a page's calls, or not at all (`tx`: that transaction). */
export type Alongside = (tx: Sql) => Promise<void>;

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The stored columns the merge reads. */
export interface ExistingCall {
  seq: number;
  id: string;
  locator: string;
  list_summary: string | null;
  detail_summary: string | null;
  recording_url: string | null;
  transcript_state: string;
  list_hash: string | null;
  detail_at: string | null;
  callee: string;
  caller: string | null;
}

export const EXISTING_COLUMNS = `seq, id, locator, list_summary, detail_summary, recording_url, transcript_state,
  list_hash, detail_at, callee, caller`;

interface Part {
  summary: VendorSummary;
  extra: Record<string, unknown>;
}

/** Column values of the calls row, named as the columns are. */
export type CallValues = ReturnType<typeof columnValues>;

export type UpsertPlan =
  | { kind: "unchanged" }
  | {
      kind: "insert" | "update";
      values: CallValues;
      /** The new transcript, when it replaces the stored one. */
      transcript: Utterance[] | null;
      /** Callee, caller or transcript changed: the search document is written again. */
      reindex: boolean;
    };

export function planUpsert(
  input: UpsertInput,
  existing: ExistingCall | undefined,
  now: string,
  newId: (key: string) => string,
): UpsertPlan {
  const { from } = input;
  const call = input.key && input.key !== input.call.key ? { ...input.call, key: input.key } : input.call;
  const hash = from === "list" ? contentHash(call) : null;
  if (existing && from === "list" && existing.list_hash === hash) return { kind: "unchanged" };

  // Both the list's and the detail's view are kept; the one just received wins where it says
  // something, the other fills the gaps (Dyvms' list has no transcript, its detail no label …).
  const part: Part = { summary: call.summary, extra: call.extra };
  const listPart = from === "list" ? part : parsePart(existing?.list_summary);
  const detailPart = from === "detail" ? part : parsePart(existing?.detail_summary);
  const older = from === "list" ? detailPart : listPart;
  const merged = mergeSummaries(older?.summary ?? null, part.summary, from);
  const extra = { ...(older?.extra ?? {}), ...part.extra };
  const detailAt = from === "detail" ? now : (existing?.detail_at ?? null);

  // A newer transcript replaces the stored one; a list without one keeps what a detail gave.
  const replaceTranscript = call.transcript !== null;
  const hadTranscript = existing?.transcript_state === "complete";
  // A list entry that changed after its detail was fetched means the vendor updated the call:
  // fetch the detail again where only the detail has the transcript.
  const transcriptState =
    from === "list" && call.needsDetail && (!hadTranscript || existing?.detail_at !== null)
      ? "pending"
      : replaceTranscript || hadTranscript
        ? "complete"
        : "none";

  const locator: Locator =
    from === "list" || !existing ? call.locator : (JSON.parse(existing.locator) as Locator);
  const values = columnValues({
    id: existing?.id ?? newId(call.key),
    input,
    key: call.key,
    merged,
    locator,
    listPart,
    detailPart,
    extra,
    recordingUrl: call.recordingUrl ?? existing?.recording_url ?? null,
    transcriptState,
    raw: call.raw,
    hash: hash ?? existing?.list_hash ?? null,
    detailAt,
    now,
  });
  return {
    kind: existing ? "update" : "insert",
    values,
    transcript: replaceTranscript ? call.transcript : null,
    reindex:
      replaceTranscript ||
      !existing ||
      existing.callee !== merged.callee ||
      existing.caller !== merged.caller,
  };
}

function columnValues(p: {
  id: string;
  input: UpsertInput;
  key: string;
  merged: VendorSummary;
  locator: Locator;
  listPart: Part | null;
  detailPart: Part | null;
  extra: Record<string, unknown>;
  recordingUrl: string | null;
  transcriptState: "complete" | "pending" | "none";
  raw: unknown;
  hash: string | null;
  detailAt: string | null;
  now: string;
}) {
  const { merged, input } = p;
  return {
    id: p.id,
    source_id: input.sourceId,
    vendor: input.vendor,
    task_id: merged.taskId,
    call_key: p.key,
    vendor_call_id: merged.vendorCallId,
    callee: merged.callee,
    caller: merged.caller,
    started_at: merged.startedAt,
    answered_at: merged.answeredAt,
    ended_at: merged.endedAt,
    duration_sec: merged.durationSec,
    result: merged.result,
    result_label: merged.resultLabel,
    hangup_by: merged.hangupBy,
    rounds: merged.rounds,
    intent: merged.intent,
    intent_label: merged.intentLabel,
    tags: JSON.stringify(merged.tags),
    has_recording: merged.hasRecording ? 1 : 0,
    started_key: merged.startedAt ? Date.parse(merged.startedAt) : 0,
    duration_key: merged.durationSec ?? -1,
    rounds_key: merged.rounds ?? -1,
    locator: JSON.stringify(p.locator),
    list_summary: p.listPart ? JSON.stringify(p.listPart) : null,
    detail_summary: p.detailPart ? JSON.stringify(p.detailPart) : null,
    extra: JSON.stringify(p.extra),
    recording_url: p.recordingUrl,
    transcript_state: p.transcriptState,
    raw_list: input.from === "list" ? packRaw(p.raw) : null,
    raw_detail: input.from === "detail" ? packRaw(p.raw) : null,
    list_hash: p.hash,
    detail_at: p.detailAt,
    real_intent: realIntent(p.extra),
    from: input.from,
    now: p.now,
  };
}

function parsePart(value: unknown): Part | null {
  return typeof value === "string" ? (JSON.parse(value) as Part) : null;
}

/** Who the call is: the list's word stands (a detail may mask the number, "186******", or omit the task). */
const IDENTITY: readonly string[] = ["taskId", "callee", "caller", "vendorCallId"];

/**
 * `newer` wins where it says something; `older` fills what it leaves empty (null, "", no tags,
 * unknown result). The list entry's identity fields win over a detail's whenever the list has them.
 */
export function mergeSummaries(
  older: VendorSummary | null,
  newer: VendorSummary,
  newerFrom: "list" | "detail" = "list",
): VendorSummary {
  if (!older) return newer;
  const merged = { ...older } as Record<string, unknown>;
  for (const [key, value] of Object.entries(newer)) {
    if (value === null || value === undefined || value === "") continue;
    if (
      newerFrom === "detail" &&
      IDENTITY.includes(key) &&
      isPresent((older as Record<string, unknown>)[key])
    )
      continue;
    if (key === "tags") {
      if ((value as string[]).length) merged.tags = value;
    } else if (key === "result") {
      if (value !== "unknown" || older.result === "unknown") merged.result = value;
    } else {
      merged[key] = value;
    }
  }
  return merged as VendorSummary;
}

/** Tanyi's realIntentLevel: an intent corrected in the vendor's console, a reviewer's word. */
function realIntent(extra: Record<string, unknown>): Intent | null {
  const value = extra.realIntentLevel;
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value)
    ? (value as Intent)
    : null;
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "";
}
