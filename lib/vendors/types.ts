import type { SourceConfig } from "@/lib/config";
import type { CallSummary, Utterance, Vendor } from "@/lib/model";
import type { VendorHttp } from "./http";

/**
 * The one interface every vendor adapter implements. Adapters speak their vendor's wire format
 * (signing, paging, envelopes), parse raw records with zod and normalize them to the canonical model.
 * They never touch the store: lib/sync and the routes decide what to keep.
 */
export interface VendorAdapter {
  readonly vendor: Vendor;
  /** One page of a task's calls. `cursor` null is the first page; the answer's `nextCursor` null is the end. */
  listCalls(taskId: string, cursor: string | null, options?: CallOptions): Promise<CallPage>;
  /** One call, live, by the locator its list entry produced. */
  getCall(locator: Locator, options?: CallOptions): Promise<NormalizedCall>;
  /**
   * One raw list record, normalized again: how quarantined records are retried after an upgrade
   * taught the adapter to read them. Pure (no I/O).
   */
  reprocess(record: unknown, taskId: string): RecordOutcome;
}

/** A record normalized, or the problem that stopped it. */
export type RecordOutcome = { ok: true; call: NormalizedCall } | { ok: false; problem: RecordProblem };

export interface CallOptions {
  signal?: AbortSignal;
  /** Page size to ask for; each adapter clamps it to what its vendor allows. */
  pageSize?: number;
}

/** What the adapter needs to find one call again (vendor-specific keys, all strings: JSON-safe and lossless). */
export type Locator = Record<string, string>;

/** A canonical call as one vendor payload describes it, before the index gives it an id and a review. */
export type VendorSummary = Omit<CallSummary, "id" | "sourceId" | "vendor" | "review" | "alerts" | "metrics">;

export interface NormalizedCall {
  /** Unique within the source and stable across syncs; the opaque public id is derived from it. */
  key: string;
  locator: Locator;
  summary: VendorSummary;
  /** null when this payload carries no transcript at all (Dyvms' list); [] when the call had none. */
  transcript: Utterance[] | null;
  /** The vendor's own (often signed, expiring) URL. Server-side only: the browser gets /api/calls/{id}/recording. */
  recordingUrl: string | null;
  /**
   * A second recording of the same call with the customer's side alone (Tanyi's customerAudioUrl), when
   * the vendor gives one: it tells who speaks when. Server-side only, like recordingUrl.
   */
  customerRecordingUrl?: string | null;
  /** Vendor fields worth showing that have no canonical slot (variables, concerns, transfer info, …). */
  extra: Record<string, unknown>;
  /** The record as the vendor sent it, ids intact (parsed losslessly). Kept in the index. */
  raw: unknown;
  /** The list entry lacks what only the detail has (transcript, recording): sync fetches the detail. */
  needsDetail: boolean;
}

/** A vendor record that could not be normalized: reported and kept raw, never fatal to its page. */
export interface RecordProblem {
  taskId: string;
  vendorCallId: string | null;
  reason: string;
  /** The record as JSON text, exactly as far as it could be read. */
  raw: string;
}

export interface CallPage {
  calls: NormalizedCall[];
  problems: RecordProblem[];
  nextCursor: string | null;
  /** The vendor's total for the task when it says (Dyvms does not). */
  total: number | null;
}

/** What an adapter is built from: its source's config (with credentials) and the source's HTTP policy. */
export interface AdapterContext<S extends SourceConfig = SourceConfig> {
  source: S;
  /** Time zone for vendor times written without an offset. */
  timezone: string;
  http: VendorHttp;
}
