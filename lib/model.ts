import { z } from "zod";
import {
  ANNOTATION_LABELS,
  CALL_RESULTS,
  INTENTS,
  REVIEW_STATUSES,
  ROLES,
  SPEAKERS,
  STRATIFY_BY,
  SYNC_STATES,
  TIMINGS,
  VENDORS,
} from "./vocabulary";

export { CALL_RESULTS, INTENTS, REVIEW_STATUSES, ROLES, SPEAKERS, SYNC_STATES, TIMINGS, VENDORS };

/**
 * The canonical model (CONTRACT.md §2): the only shapes the UI ever sees. Every vendor adapter
 * normalizes into these, and every API answer is parsed against them before it leaves the server.
 */

export const Vendor = z.enum(VENDORS);
export type Vendor = z.infer<typeof Vendor>;

export const CallResult = z.enum(CALL_RESULTS);
export type CallResult = z.infer<typeof CallResult>;

export const Speaker = z.enum(SPEAKERS);
export type Speaker = z.infer<typeof Speaker>;

export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/** ISO 8601 with an explicit offset (`2019-03-27T10:34:54+08:00`), never a bare local time. */
export const IsoDateTime = z.iso.datetime({ offset: true });

export const Review = z.object({
  status: ReviewStatus,
  intent: Intent.nullable(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: IsoDateTime.nullable(),
});
export type Review = z.infer<typeof Review>;

export const UNREVIEWED: Review = { status: "unreviewed", intent: null, note: null, by: null, at: null };

/**
 * Conversation measures from the aligned timing (lib/audio/call-metrics.ts), stored in the index so the
 * list can filter and sort by them. Null fields: not measurable on this call.
 */
export const CallMetrics = z.object({
  /** Customer stops → robot starts, median and worst, ms. */
  robotLatencyMedianMs: z.number().nonnegative().nullable(),
  robotLatencyMaxMs: z.number().nonnegative().nullable(),
  /** Longest stretch with nobody speaking between the first and last words, ms. */
  deadAirMaxMs: z.number().nonnegative().nullable(),
  /** The customer's share of all speech, 0–1. */
  customerTalkRatio: z.number().min(0).max(1).nullable(),
  /** Customer lines that barged in on the robot. */
  bargeIns: z.number().int().nonnegative(),
});
export type CallMetrics = z.infer<typeof CallMetrics>;

export const CallSummary = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, "must be URL-safe"),
  sourceId: z.string(),
  vendor: z.string(),
  taskId: z.string(),
  vendorCallId: z.string().nullable(),
  callee: z.string(),
  caller: z.string().nullable(),
  startedAt: IsoDateTime.nullable(),
  answeredAt: IsoDateTime.nullable(),
  endedAt: IsoDateTime.nullable(),
  durationSec: z.number().nonnegative().nullable(),
  result: CallResult,
  resultLabel: z.string().nullable(),
  hangupBy: Speaker.nullable(),
  rounds: z.number().int().nonnegative().nullable(),
  intent: Intent.nullable(),
  intentLabel: z.string().nullable(),
  tags: z.array(z.string()),
  /** Names of the config's alerts whose phrases the transcript contains. */
  alerts: z.array(z.string()),
  hasRecording: z.boolean(),
  review: Review,
  /** Conversation measures from the recording's aligned timing; null until the call's audio is analysed. */
  metrics: CallMetrics.nullable(),
});
export type CallSummary = z.infer<typeof CallSummary>;

export const Timing = z.enum(TIMINGS);
export type Timing = z.infer<typeof Timing>;

export const Utterance = z.object({
  speaker: Speaker,
  text: z.string(),
  startMs: z.number().nonnegative().nullable(),
  endMs: z.number().nonnegative().nullable(),
  timing: Timing,
  /** 0–1, for aligned timing: how sure the alignment is. */
  confidence: z.number().min(0).max(1).optional(),
  interrupted: z.boolean().optional(),
});
export type Utterance = z.infer<typeof Utterance>;

/** A stretch of detected speech, [startMs, endMs). */
export const Span = z.tuple([z.number().nonnegative(), z.number().nonnegative()]);
export type Span = z.infer<typeof Span>;

/**
 * GET /api/calls/{id}/alignment: the transcript's lines placed on the recording's detected speech.
 * `lines[i]` belongs to `transcript[i]` of the detail whose transcript hashes to `transcriptHash`;
 * a line below the confidence threshold keeps its estimated time (`timing: "estimated"`).
 */
export const AlignedLine = z.object({
  startMs: z.number().nonnegative().nullable(),
  endMs: z.number().nonnegative().nullable(),
  timing: Timing,
  confidence: z.number().min(0).max(1).optional(),
  /** The line's own detected speech (pauses inside it left out), for lighting up characters. */
  speech: z.array(Span),
});
export type AlignedLine = z.infer<typeof AlignedLine>;

export const CallAlignment = z.object({
  /** "aligned": speech was found and lines placed; "no_speech": the recording holds none the detector found. */
  status: z.enum(["aligned", "no_speech"]),
  layout: z.enum(["stereo", "split-track", "mono"]).nullable(),
  transcriptHash: z.string(),
  lines: z.array(AlignedLine),
  /** Detected speech of each party: the waveform's lanes. */
  lanes: z.object({ robot: z.array(Span), customer: z.array(Span) }),
  metrics: CallMetrics.nullable(),
});
export type CallAlignment = z.infer<typeof CallAlignment>;

export const CallDetail = CallSummary.extend({
  recordingUrl: z.string().nullable(),
  transcript: z.array(Utterance),
  extra: z.record(z.string(), z.unknown()),
  /**
   * The key of this transcript's alignment (GET /api/calls/{id}/alignment answers for the same hash):
   * the call page uses the alignment's lines only when the two agree.
   */
  transcriptHash: z.string().optional(),
  /** Set when the vendor could not be reached and this is the indexed copy. Not in the contract's minimum. */
  stale: z.boolean().optional(),
});
export type CallDetail = z.infer<typeof CallDetail>;

export const CallList = z.object({
  items: z.array(CallSummary),
  total: z.number().int().nonnegative(),
  /** Present (true) when `total` is an estimate: a common text search combined with other filters. */
  totalIsEstimate: z.literal(true).optional(),
  nextCursor: z.string().nullable(),
});
export type CallList = z.infer<typeof CallList>;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const SyncState = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncState>;

export const SourceStatus = z.object({
  id: z.string(),
  name: z.string(),
  vendor: Vendor,
  taskIds: z.array(z.string()),
  sync: z.object({
    state: SyncState,
    lastSyncedAt: IsoDateTime.nullable(),
    calls: z.number().int().nonnegative(),
    error: z.string().nullable(),
    /** Progress of the run under way (or the last one): what a progress bar needs. */
    progress: z
      .object({
        pages: z.number().int().nonnegative(),
        calls: z.number().int().nonnegative(),
        details: z.number().int().nonnegative(),
        detailsPending: z.number().int().nonnegative(),
      })
      .optional(),
    /** Vendor records that failed validation and wait, raw, in quarantine. */
    quarantined: z.number().int().nonnegative().optional(),
  }),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const AnnotationLabel = z.enum(ANNOTATION_LABELS);
export type AnnotationLabel = z.infer<typeof AnnotationLabel>;

/** A mark on a line (`utterance`, its index in the transcript) and/or a moment (`atMs`) of a call. */
export const Annotation = z.object({
  id: z.string(),
  atMs: z.number().int().nonnegative().nullable(),
  utterance: z.number().int().nonnegative().nullable(),
  label: AnnotationLabel,
  note: z.string().nullable(),
  by: z.string(),
  at: IsoDateTime,
});
export type Annotation = z.infer<typeof Annotation>;

export const StratifyBy = z.enum(STRATIFY_BY);
export type StratifyBy = z.infer<typeof StratifyBy>;

/** A sampled set of calls to review, with its progress: done = calls whose review is no longer unreviewed. */
export const ReviewBatch = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  size: z.number().int().positive(),
  share: z.number().positive().nullable(),
  stratify: StratifyBy.nullable(),
  seed: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
});
export type ReviewBatch = z.infer<typeof ReviewBatch>;

export const ReviewBatchCall = z.object({
  id: z.string(),
  callee: z.string().nullable(),
  sourceId: z.string().nullable(),
  startedAt: IsoDateTime.nullable(),
  intent: Intent.nullable(),
  status: ReviewStatus,
  by: z.string().nullable(),
  at: IsoDateTime.nullable(),
});
export type ReviewBatchCall = z.infer<typeof ReviewBatchCall>;

export const ReviewBatchDetail = ReviewBatch.extend({
  callIds: z.array(z.string()),
  calls: z.array(ReviewBatchCall),
  byReviewer: z.array(z.object({ by: z.string(), done: z.number().int().nonnegative() })),
});
export type ReviewBatchDetail = z.infer<typeof ReviewBatchDetail>;
