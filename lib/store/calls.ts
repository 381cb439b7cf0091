import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { callId } from "@/lib/calls/id";
import type { CallQuery } from "@/lib/calls/query";
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
import type { Locator, NormalizedCall, VendorSummary } from "@/lib/vendors/types";
import type { Db } from "./database";
import { countedCalls } from "./analytics";
import { encodeCursor, filterSql, pageSql } from "./list-query";
import { indexTokens } from "./search-text";
import { lastRobotLine, robotLineId } from "./robot-lines";
import { matchAlerts, type AlertRule } from "@/lib/alerts/match";
import { INTENTS } from "@/lib/vocabulary";

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
}

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

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

interface Part {
  summary: VendorSummary;
  extra: Record<string, unknown>;
}

type Row = Record<string, unknown>;

const SUMMARY_COLUMNS = `c.seq, c.id, c.source_id, c.vendor, c.task_id, c.vendor_call_id, c.callee, c.caller,
  c.started_at, c.answered_at, c.ended_at, c.duration_sec, c.result, c.result_label, c.hangup_by, c.rounds,
  c.intent, c.intent_label, c.tags, c.has_recording,
  c.metrics_hash, c.robot_latency_median_ms, c.robot_latency_max_ms, c.dead_air_max_ms, c.customer_talk_ratio,
  c.barge_ins,
  (SELECT json_group_array(name) FROM call_alerts WHERE call_seq = c.seq) AS alerts,
  r.status AS review_status, r.intent AS review_intent, r.note AS review_note, r.updated_by AS review_by,
  r.updated_at AS review_at`;

/** A new call row (the bulk fill of the analytics bench writes the very same rows: lib/testing/bulk-fill.ts). */
export const INSERT_CALL_SQL = `
        INSERT INTO calls (id, source_id, vendor, task_id, call_key, vendor_call_id, callee, caller, started_at,
          answered_at, ended_at, duration_sec, result, result_label, hangup_by, rounds, intent, intent_label, tags,
          has_recording, started_key, duration_key, rounds_key, review_status, review_intent, locator, list_summary,
          detail_summary, extra, recording_url, transcript_state, raw_list, raw_detail, list_hash, first_seen_at,
          updated_at, detail_at, real_intent)
        VALUES (@id, @source_id, @vendor, @task_id, @call_key, @vendor_call_id, @callee, @caller, @started_at,
          @answered_at, @ended_at, @duration_sec, @result, @result_label, @hangup_by, @rounds, @intent, @intent_label,
          @tags, @has_recording, @started_key, @duration_key, @rounds_key,
          COALESCE((SELECT status FROM reviews WHERE call_id = @id), 'unreviewed'),
          (SELECT intent FROM reviews WHERE call_id = @id),
          @locator, @list_summary, @detail_summary, @extra, @recording_url, @transcript_state, @raw_list, @raw_detail,
          @list_hash, @now, @now, @detail_at, @real_intent)`;

export class CallRepository {
  private readonly statements;
  /** The key public ids are derived with (see callId); made once per index and kept in it. */
  private key: Buffer | null = null;
  private get idKey(): Buffer {
    return (this.key ??= idKeyOf(this.db));
  }

  constructor(private readonly db: Db) {
    this.statements = {
      existing: db.prepare(
        `SELECT seq, id, locator, list_summary, detail_summary, recording_url, transcript_state, list_hash, detail_at,
                callee, caller
           FROM calls WHERE source_id = ? AND call_key = ?`,
      ),
      insert: db.prepare(INSERT_CALL_SQL),
      update: db.prepare(`
        UPDATE calls SET vendor_call_id = @vendor_call_id, task_id = @task_id, callee = @callee, caller = @caller,
          started_at = @started_at, answered_at = @answered_at, ended_at = @ended_at, duration_sec = @duration_sec,
          result = @result, result_label = @result_label, hangup_by = @hangup_by, rounds = @rounds, intent = @intent,
          intent_label = @intent_label, tags = @tags, has_recording = @has_recording, started_key = @started_key,
          duration_key = @duration_key, rounds_key = @rounds_key, locator = @locator, list_summary = @list_summary,
          detail_summary = @detail_summary, extra = @extra, recording_url = @recording_url,
          transcript_state = @transcript_state, raw_list = COALESCE(@raw_list, raw_list),
          raw_detail = COALESCE(@raw_detail, raw_detail), list_hash = @list_hash, updated_at = @now,
          detail_at = @detail_at, real_intent = @real_intent,
          detail_attempts = CASE WHEN @transcript_state = 'pending' THEN 0 ELSE detail_attempts END,
          detail_error = CASE WHEN @transcript_state = 'pending' OR @from = 'detail' THEN NULL ELSE detail_error END
        WHERE seq = @seq`),
      deleteUtterances: db.prepare("DELETE FROM utterances WHERE call_seq = ?"),
      insertUtterance: db.prepare(
        `INSERT INTO utterances (call_seq, position, speaker, text, start_ms, end_ms, timing, interrupted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      utterances: db.prepare(
        "SELECT speaker, text, start_ms, end_ms, timing, interrupted FROM utterances WHERE call_seq = ? ORDER BY position",
      ),
      setLastLine: db.prepare("UPDATE calls SET last_line = ? WHERE seq = ?"),
      callAlerts: db.prepare("SELECT name FROM call_alerts WHERE call_seq = ?").pluck(),
      deleteAlerts: db.prepare("DELETE FROM call_alerts WHERE call_seq = ?"),
      insertAlert: db.prepare("INSERT OR IGNORE INTO call_alerts (name, call_seq) VALUES (?, ?)"),
      queueNotification: db.prepare(
        `INSERT OR IGNORE INTO alert_notifications (call_id, alert, state, attempts, next_at, created_at)
         VALUES (?, ?, 'pending', 0, ?, ?)`,
      ),
      deleteSearch: db.prepare("DELETE FROM calls_search WHERE rowid = ?"),
      insertSearch: db.prepare("INSERT INTO calls_search (rowid, body) VALUES (?, ?)"),
      byId: db.prepare(
        `SELECT ${SUMMARY_COLUMNS}, c.call_key, c.locator, c.extra, c.recording_url, c.transcript_state, c.detail_at
           FROM calls c LEFT JOIN reviews r ON r.call_id = c.id WHERE c.id = ?`,
      ),
      idBySeq: db.prepare("SELECT id FROM calls WHERE seq = ?"),
      countBySource: db.prepare(
        "SELECT source_id, COUNT(*) AS n FROM calls INDEXED BY calls_list_started GROUP BY source_id",
      ),
      pending: db.prepare(
        `SELECT id, call_key, locator FROM calls
          WHERE source_id = ? AND transcript_state = 'pending' AND detail_attempts < ?
          ORDER BY detail_attempts, started_key DESC LIMIT ?`,
      ),
      pendingCount: db.prepare(
        "SELECT COUNT(*) AS n FROM calls WHERE source_id = ? AND transcript_state = 'pending' AND detail_attempts < ?",
      ),
      detailFailed: db.prepare(
        "UPDATE calls SET detail_attempts = detail_attempts + 1, detail_error = ? WHERE id = ?",
      ),
    };
  }

  /** Writes list entries or details; one transaction for the lot (a page is atomic). */
  upsert(inputs: UpsertInput[], now = new Date().toISOString()): UpsertCounts {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    this.db.transaction(() => {
      for (const input of inputs) counts[this.upsertOne(input, now)]++;
    })();
    if (counts.inserted) this.counted = null;
    return counts;
  }

  private upsertOne(input: UpsertInput, now: string): keyof UpsertCounts {
    const { from } = input;
    const call = input.key && input.key !== input.call.key ? { ...input.call, key: input.key } : input.call;
    const existing = this.statements.existing.get(input.sourceId, call.key) as Row | undefined;
    const hash = from === "list" ? contentHash(call) : null;
    if (existing && from === "list" && existing.list_hash === hash) return "unchanged";

    // Both the list's and the detail's view are kept; the one just received wins where it says
    // something, the other fills the gaps (Dyvms' list has no transcript, its detail no label …).
    const part: Part = { summary: call.summary, extra: call.extra };
    const listPart = from === "list" ? part : parsePart(existing?.list_summary);
    const detailPart = from === "detail" ? part : parsePart(existing?.detail_summary);
    const older = from === "list" ? detailPart : listPart;
    const merged = mergeSummaries(older?.summary ?? null, part.summary, from);
    const extra = { ...(older?.extra ?? {}), ...part.extra };
    const detailAt = from === "detail" ? now : ((existing?.detail_at as string | null) ?? null);

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

    const id = (existing?.id as string | undefined) ?? callId(this.idKey, input.sourceId, call.key);
    const locator = from === "list" || !existing ? call.locator : JSON.parse(existing.locator as string);
    const values = {
      id,
      source_id: input.sourceId,
      vendor: input.vendor,
      task_id: merged.taskId,
      call_key: call.key,
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
      locator: JSON.stringify(locator),
      list_summary: listPart ? JSON.stringify(listPart) : null,
      detail_summary: detailPart ? JSON.stringify(detailPart) : null,
      extra: JSON.stringify(extra),
      recording_url: call.recordingUrl ?? (existing?.recording_url as string | null) ?? null,
      transcript_state: transcriptState,
      raw_list: from === "list" ? packRaw(call.raw) : null,
      raw_detail: from === "detail" ? packRaw(call.raw) : null,
      list_hash: hash ?? (existing?.list_hash as string | null) ?? null,
      detail_at: detailAt,
      real_intent: realIntent(extra),
      from,
      now,
    };

    let seq: number;
    if (existing) {
      seq = existing.seq as number;
      this.statements.update.run({ ...values, seq });
    } else {
      seq = Number(this.statements.insert.run(values).lastInsertRowid);
    }
    if (replaceTranscript) {
      this.statements.deleteUtterances.run(seq);
      call.transcript!.forEach((line, position) =>
        this.statements.insertUtterance.run(
          seq,
          position,
          line.speaker,
          line.text,
          line.startMs,
          line.endMs,
          line.timing,
          line.interrupted ? 1 : 0,
        ),
      );
      this.statements.setLastLine.run(robotLineId(this.db, lastRobotLine(call.transcript!)), seq);
      this.applyAlerts(id, seq, call.transcript!, now);
    }
    if (
      replaceTranscript ||
      !existing ||
      existing.callee !== merged.callee ||
      existing.caller !== merged.caller
    ) {
      const lines = replaceTranscript ? call.transcript! : this.transcript(seq);
      const body = [merged.callee, merged.caller ?? "", ...lines.map((line) => line.text)]
        .map(indexTokens)
        .join(" ");
      if (existing) this.statements.deleteSearch.run(seq);
      this.statements.insertSearch.run(seq, body);
    }
    return existing ? "updated" : "inserted";
  }

  private alertRules: AlertRule[] = [];
  private notifying = new Set<string>();

  /** The config's alerts, applied to every transcript indexed from now on; `notifying`: those with a webhook. */
  configureAlerts(rules: AlertRule[], notifying: Iterable<string> = []): void {
    this.alertRules = rules;
    this.notifying = new Set(notifying);
  }

  /**
   * Which alerts a call's new transcript raises. An alert the call did not carry before queues one
   * notification for it (the table's key keeps it to one per call, across restarts); the notifier
   * sends it later, so the sync never waits on a group robot.
   */
  private applyAlerts(id: string, seq: number, lines: Utterance[], now: string): void {
    const before = new Set(this.statements.callAlerts.all(seq) as string[]);
    const names = matchAlerts(this.alertRules, lines);
    this.statements.deleteAlerts.run(seq);
    for (const name of names) {
      this.statements.insertAlert.run(name, seq);
      if (!before.has(name) && this.notifying.has(name))
        this.statements.queueNotification.run(id, name, Date.parse(now) || Date.now(), now);
    }
  }

  /**
   * Every call's alerts, read again from the stored transcripts: after the config's alerts
   * changed. SQLite's lower() folds ASCII only, like foldCase(): the same calls match either way.
   * Nothing is notified: these calls are not newly indexed.
   */
  reindexAlerts(rules: AlertRule[]): number {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM call_alerts").run();
      const insert = this.db.prepare(
        `INSERT OR IGNORE INTO call_alerts (name, call_seq)
         SELECT ?, call_seq FROM utterances WHERE instr(lower(text), lower(?)) > 0`,
      );
      for (const rule of rules) for (const phrase of rule.phrases) insert.run(rule.name, phrase);
    })();
    return (this.db.prepare("SELECT COUNT(DISTINCT call_seq) AS n FROM call_alerts").get() as Row)
      .n as number;
  }

  /** Rebuilds every call's search tokens (after indexTokens changed); returns how many calls. */
  reindexSearch(): number {
    const rows = this.db.prepare("SELECT seq, callee, caller FROM calls").all() as Row[];
    this.db.transaction(() => {
      for (const row of rows) {
        const seq = row.seq as number;
        const body = [row.callee as string, (row.caller as string | null) ?? ""]
          .concat(this.transcript(seq).map((line) => line.text))
          .map(indexTokens)
          .join(" ");
        this.statements.deleteSearch.run(seq);
        this.statements.insertSearch.run(seq, body);
      }
    })();
    return rows.length;
  }

  get(id: string): IndexedCall | null {
    const row = this.statements.byId.get(id) as Row | undefined;
    if (!row) return null;
    const state = row.transcript_state as IndexedCall["transcriptState"];
    const lines = this.transcript(row.seq as number);
    return {
      summary: toSummary(row),
      seq: row.seq as number,
      callKey: row.call_key as string,
      locator: JSON.parse(row.locator as string) as Locator,
      // A pending call (its detail is still to be fetched) has no transcript yet, unless an older detail gave one.
      transcript: state === "pending" && lines.length === 0 ? null : lines,
      transcriptState: state,
      extra: JSON.parse(row.extra as string) as Record<string, unknown>,
      recordingUrl: (row.recording_url as string | null) ?? null,
      detailAt: (row.detail_at as string | null) ?? null,
    };
  }

  /** The vendor's own payloads for a call (list entry and detail), as received. */
  rawPayloads(id: string): { list: unknown; detail: unknown } | null {
    const row = this.db.prepare("SELECT raw_list, raw_detail FROM calls WHERE id = ?").get(id) as
      Row | undefined;
    if (!row) return null;
    return {
      list: unpackRaw(row.raw_list as Buffer | null),
      detail: unpackRaw(row.raw_detail as Buffer | null),
    };
  }

  transcript(seq: number): Utterance[] {
    return (this.statements.utterances.all(seq) as Row[]).map((row) => ({
      speaker: row.speaker as Speaker,
      text: row.text as string,
      startMs: (row.start_ms as number | null) ?? null,
      endMs: (row.end_ms as number | null) ?? null,
      timing: row.timing as Utterance["timing"],
      ...(row.interrupted ? { interrupted: true } : {}),
    }));
  }

  /** One page of the list, newest first by default, plus the total for the filters. */
  list(
    query: CallQuery,
    timeZone: string,
    options: { total?: boolean } = {},
  ): { items: CallSummary[]; total: number; nextCursor: string | null } {
    const filters = filterSql(query, timeZone);
    const page = pageSql(query);
    // First the page's calls from the covering index alone (an in-order scan that stops at the
    // limit), then their rows: sorting wide rows is what made pages slow at 100,000 calls.
    const keys = this.db
      .prepare(
        `SELECT c.seq, ${page.sortColumn} AS sort_value FROM calls c INDEXED BY ${page.index}
          WHERE ${filters.where} AND ${page.after.where}
          ORDER BY ${page.order} LIMIT ?`,
      )
      .all(...filters.params, ...page.after.params, query.limit + 1) as Row[];
    const more = keys.length > query.limit;
    const pageKeys = keys.slice(0, query.limit);
    const rows = this.rowsBySeq(pageKeys.map((key) => key.seq as number));
    const last = pageKeys[pageKeys.length - 1];
    // The export walks thousands of pages and needs no total; counting each time would be O(n²).
    const total = options.total === false ? -1 : this.count(query, timeZone);
    return {
      items: rows.map(toSummary),
      total,
      nextCursor:
        more && last
          ? encodeCursor({
              f: query.sort.field,
              d: query.sort.dir,
              v: last.sort_value as number,
              s: last.seq as number,
            })
          : null,
    };
  }

  /** Summary rows for `seqs`, in that order. */
  private rowsBySeq(seqs: number[]): Row[] {
    if (seqs.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM calls c LEFT JOIN reviews r ON r.call_id = c.id
          WHERE c.seq IN (${seqs.map(() => "?").join(",")})`,
      )
      .all(...seqs) as Row[];
    const bySeq = new Map(rows.map((row) => [row.seq as number, row]));
    return seqs.map((seq) => bySeq.get(seq)!).filter(Boolean);
  }

  /** The calls just before and after `id` in the order of `query` (whether or not `id` itself matches it). */
  neighbors(
    id: string,
    query: CallQuery,
    timeZone: string,
  ): { prev: string | null; next: string | null } | null {
    const page = pageSql({ ...query, cursor: null });
    const self = this.db
      .prepare(`SELECT c.seq, ${page.sortColumn} AS v FROM calls c WHERE c.id = ?`)
      .get(id) as Row | undefined;
    if (!self) return null;
    const filters = filterSql(query, timeZone);
    const asc = query.sort.dir === "asc";
    const find = (after: boolean) => {
      // "after" in list order: smaller keys when the list is descending.
      const op = after === asc ? ">" : "<";
      const dir = after === asc ? "ASC" : "DESC";
      const row = this.db
        .prepare(
          `SELECT c.seq FROM calls c INDEXED BY ${page.index} WHERE ${filters.where}
             AND (${page.sortColumn} ${op} ? OR (${page.sortColumn} = ? AND c.seq ${op} ?))
           ORDER BY ${page.sortColumn} ${dir}, c.seq ${dir} LIMIT 1`,
        )
        .get(...filters.params, self.v, self.v, self.seq) as Row | undefined;
      return row ? ((this.statements.idBySeq.get(row.seq) as Row).id as string) : null;
    };
    return { prev: find(false), next: find(true) };
  }

  count(query: Omit<CallQuery, "sort" | "limit" | "cursor">, timeZone: string): number {
    // The per-day counts the analytics keep, when they hold every filter: a million calls need not be read.
    const counted = countedCalls(this.db, query, timeZone);
    if (counted !== null) return counted;
    const filters = filterSql(query, timeZone);
    const row = this.db
      // A text search's calls are read by seq (migration 7), not found by testing every call.
      .prepare(
        `SELECT COUNT(*) AS n FROM calls c INDEXED BY ${query.q ? "calls_by_seq" : "calls_list_started"}
          WHERE ${filters.where}`,
      )
      .get(...filters.params) as Row;
    return row.n as number;
  }

  /** Every matching call, in list order, a batch at a time: for the CSV export (memory stays flat). */
  *iterate(query: CallQuery, timeZone: string, batch = 500): Generator<CallSummary> {
    let cursor: string | null = null;
    do {
      const page = this.list({ ...query, cursor, limit: batch }, timeZone, { total: false });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private counted: { at: number; counts: Map<string, number> } | null = null;

  /** Calls per source. Counting 100k rows costs milliseconds, and sync status is polled every second: a
   *  one-second memo, dropped whenever calls are inserted. */
  countsBySource(): Map<string, number> {
    if (this.counted && Date.now() - this.counted.at < 1000) return this.counted.counts;
    const counts = new Map(
      (this.statements.countBySource.all() as Row[]).map((row) => [row.source_id as string, row.n as number]),
    );
    this.counted = { at: Date.now(), counts };
    return counts;
  }

  /** Calls whose list entry lacked what only the detail has, most recent first. */
  pendingDetails(
    sourceId: string,
    maxAttempts: number,
    limit: number,
  ): { id: string; key: string; locator: Locator }[] {
    return (this.statements.pending.all(sourceId, maxAttempts, limit) as Row[]).map((row) => ({
      id: row.id as string,
      key: row.call_key as string,
      locator: JSON.parse(row.locator as string) as Locator,
    }));
  }

  pendingDetailCount(sourceId: string, maxAttempts: number): number {
    return (this.statements.pendingCount.get(sourceId, maxAttempts) as Row).n as number;
  }

  recordDetailFailure(id: string, error: string): void {
    this.statements.detailFailed.run(error.slice(0, 500), id);
  }

  /** Facets for the summary bar: counts by result and by (effective) intent, answered share — one index scan. */
  stats(query: Omit<CallQuery, "sort" | "limit" | "cursor">, timeZone: string) {
    const filters = filterSql(query, timeZone);
    const groups = this.db
      .prepare(
        `SELECT c.result AS result, c.effective_intent AS intent, COUNT(*) AS n
           FROM calls c INDEXED BY calls_list_started WHERE ${filters.where} GROUP BY c.result, c.effective_intent`,
      )
      .all(...filters.params) as Row[];
    const byResult: Partial<Record<CallResult, number>> = {};
    const byIntent: Partial<Record<Intent | "none", number>> = {};
    let total = 0;
    for (const group of groups) {
      const n = group.n as number;
      const result = group.result as CallResult;
      const intent = ((group.intent as Intent | null) ?? "none") as Intent | "none";
      byResult[result] = (byResult[result] ?? 0) + n;
      byIntent[intent] = (byIntent[intent] ?? 0) + n;
      total += n;
    }
    // Calls raising any alert, and per alert: the summary bar's count (the same filters).
    const alerts = this.db
      .prepare(
        `SELECT a.name AS name, COUNT(*) AS n FROM call_alerts a JOIN calls c ON c.seq = a.call_seq
          WHERE ${filters.where} GROUP BY a.name`,
      )
      .all(...filters.params) as Row[];
    const byAlert: Record<string, number> = Object.fromEntries(
      alerts.map((row) => [row.name as string, row.n as number]),
    );
    const alerting = alerts.length
      ? ((
          this.db
            .prepare(
              `SELECT COUNT(*) AS n FROM calls c WHERE ${filters.where}
                 AND c.seq IN (SELECT call_seq FROM call_alerts)`,
            )
            .get(...filters.params) as Row
        ).n as number)
      : 0;
    return { total, answered: byResult.answered ?? 0, byResult, byIntent, alerting, byAlert };
  }
}

/**
 * The index's call-id key: 32 random bytes, created on first use. Existing calls keep the ids they
 * were given (reviews and shared links stay valid); calls indexed from now on get keyed ids.
 */
function idKeyOf(db: Db): Buffer {
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('call_id_key', ?)").run(
    randomBytes(32).toString("hex"),
  );
  const row = db.prepare("SELECT value FROM settings WHERE key = 'call_id_key'").get() as { value: string };
  return Buffer.from(row.value, "hex");
}

/**
 * The vendor's payload as kept in the index: JSON, deflated. Vendor records are verbose (an agent-api
 * record with its turns is ~18 KB of JSON) and compress about tenfold, which keeps a 100,000-call
 * index in the hundreds of MB rather than approaching a GB.
 */
export function packRaw(raw: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(raw) ?? "null"), { level: 1 });
}

export function unpackRaw(stored: Buffer | string | null): unknown {
  if (stored === null) return null;
  return JSON.parse(typeof stored === "string" ? stored : inflateRawSync(stored).toString("utf8"));
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

function contentHash(call: NormalizedCall): string {
  return createHash("sha1")
    .update(JSON.stringify([call.summary, call.transcript, call.extra, call.locator, call.needsDetail]))
    .digest("base64url");
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

function toSummary(row: Row): CallSummary {
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
