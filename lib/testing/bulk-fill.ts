import { createHash, randomBytes } from "node:crypto";
import { matchAlerts, type AlertRule } from "@/lib/alerts/match";
import { callId } from "@/lib/calls/id";
import { INTENTS } from "@/lib/vocabulary";
import type { NormalizedCall } from "@/lib/vendors/types";
import { INSERT_CALL_SQL, packRaw } from "@/lib/store/calls";
import type { Db } from "@/lib/store/database";
import { lastRobotLine } from "@/lib/store/robot-lines";
import { robotLineIdSync as robotLineId } from "@/lib/store/robot-lines-sqlite";
import { indexTokens, SEARCH_TOKENS_VERSION } from "@/lib/store/search-text";
import type { BenchCall } from "./bench-calls";

/**
 * Fills an empty index with new calls as fast as SQLite takes them: the rows a first sync of these
 * calls (CallRepository.upsert from a list page, then ReviewRepository.update for the reviewed
 * ones) would leave, written with direct prepared INSERTs in large transactions, the calls table's
 * secondary indexes dropped during the fill and built once at the end. ~550 calls/s through the
 * normal path is half an hour for a million; this is minutes. bulk-fill.test.ts checks that both
 * ways leave the same rows and the same analytics, so any drift in upsert shows up there.
 */

export interface FillOptions {
  /** first_seen_at / updated_at of every call, and the reviews' time. */
  now?: string;
  /** Calls per transaction. */
  batch?: number;
  onProgress?: (calls: number) => void;
}

/** Who the bench's reviews are by. */
export const BENCH_REVIEWER = "bench";

export function bulkFill(
  db: Db,
  calls: Iterable<BenchCall>,
  alerts: readonly AlertRule[],
  options: FillOptions = {},
): number {
  const now = options.now ?? new Date().toISOString();
  const batch = options.batch ?? 20_000;
  const idKey = idKeyOf(db);

  // Built once over the filled table instead of being updated a million times in random order.
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

  // A store opened on the empty index records its search tokens' version before any sync.
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('search_tokens', ?)").run(
    SEARCH_TOKENS_VERSION,
  );
  const s = statements(db);
  // Script and customer lines repeat across calls: each one's tokens are made once.
  const tokenMemo = new Map<string, string>();
  const tokens = (text: string) => {
    let out = tokenMemo.get(text);
    if (out === undefined) {
      out = indexTokens(text);
      if (tokenMemo.size < 100_000) tokenMemo.set(text, out);
    }
    return out;
  };
  const lineIds = new Map<string, number>();
  const lineId = (text: string | null) => {
    if (text === null) return null;
    let id = lineIds.get(text);
    if (id === undefined) lineIds.set(text, (id = robotLineId(db, text)!));
    return id;
  };

  let written = 0;
  const iterator = calls[Symbol.iterator]();
  const writeBatch = db.transaction(() => {
    let n = 0;
    while (n < batch) {
      const next = iterator.next();
      if (next.done) break;
      writeOne(next.value);
      n++;
    }
    return n;
  });

  function writeOne({ sourceId, vendor, call, review }: BenchCall): void {
    const id = callId(idKey, sourceId, call.key);
    if (review) {
      // ReviewRepository.update on a call without a review: the review, its first event (no
      // previous), and the calls mirror (here: the insert's own subqueries read the review).
      s.review.run(id, review.status, review.intent, null, BENCH_REVIEWER, now);
      s.reviewEvent.run(id, review.status, review.intent, null, BENCH_REVIEWER, now, null);
    }
    const summary = call.summary;
    const transcriptState = call.needsDetail ? "pending" : call.transcript !== null ? "complete" : "none";
    const seq = Number(
      s.insert.run({
        id,
        source_id: sourceId,
        vendor,
        task_id: summary.taskId,
        call_key: call.key,
        vendor_call_id: summary.vendorCallId,
        callee: summary.callee,
        caller: summary.caller,
        started_at: summary.startedAt,
        answered_at: summary.answeredAt,
        ended_at: summary.endedAt,
        duration_sec: summary.durationSec,
        result: summary.result,
        result_label: summary.resultLabel,
        hangup_by: summary.hangupBy,
        rounds: summary.rounds,
        intent: summary.intent,
        intent_label: summary.intentLabel,
        tags: JSON.stringify(summary.tags),
        has_recording: summary.hasRecording ? 1 : 0,
        started_key: summary.startedAt ? Date.parse(summary.startedAt) : 0,
        duration_key: summary.durationSec ?? -1,
        rounds_key: summary.rounds ?? -1,
        locator: JSON.stringify(call.locator),
        list_summary: JSON.stringify({ summary, extra: call.extra }),
        detail_summary: null,
        extra: JSON.stringify({ ...call.extra }),
        recording_url: call.recordingUrl ?? null,
        transcript_state: transcriptState,
        raw_list: packRaw(call.raw),
        raw_detail: null,
        list_hash: contentHash(call),
        detail_at: null,
        real_intent: realIntent(call.extra),
        now,
      }).lastInsertRowid,
    );
    const lines = call.transcript ?? [];
    if (call.transcript !== null) {
      lines.forEach((line, position) =>
        s.utterance.run(
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
      const last = lineId(lastRobotLine(lines));
      if (last !== null) s.lastLine.run(last, seq);
      for (const name of matchAlerts(alerts, lines)) s.alert.run(name, seq);
    }
    const body = [
      indexTokens(summary.callee),
      tokens(summary.caller ?? ""),
      ...lines.map((line) => tokens(line.text)),
    ];
    s.search.run(seq, body.join(" "));
  }

  for (;;) {
    const n = writeBatch();
    written += n;
    options.onProgress?.(written);
    if (n < batch) break;
  }
  for (const index of indexes) db.exec(index.sql);
  return written;
}

function statements(db: Db) {
  return {
    review: db.prepare(
      "INSERT INTO reviews (call_id, status, intent, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    reviewEvent: db.prepare(
      `INSERT INTO review_events (call_id, status, intent, note, changed_by, changed_at, previous)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    // CallRepository's own insert.
    insert: db.prepare(INSERT_CALL_SQL),
    utterance: db.prepare(
      `INSERT INTO utterances (call_seq, position, speaker, text, start_ms, end_ms, timing, interrupted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastLine: db.prepare("UPDATE calls SET last_line = ? WHERE seq = ?"),
    alert: db.prepare("INSERT OR IGNORE INTO call_alerts (name, call_seq) VALUES (?, ?)"),
    search: db.prepare("INSERT INTO calls_search (rowid, body) VALUES (?, ?)"),
  };
}

/** CallRepository's call-id key: created on first use, kept in settings. */
function idKeyOf(db: Db): Buffer {
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('call_id_key', ?)").run(
    randomBytes(32).toString("hex"),
  );
  const row = db.prepare("SELECT value FROM settings WHERE key = 'call_id_key'").get() as { value: string };
  return Buffer.from(row.value, "hex");
}

/** CallRepository's list hash (unchanged list entries are skipped by it). */
function contentHash(call: NormalizedCall): string {
  return createHash("sha1")
    .update(JSON.stringify([call.summary, call.transcript, call.extra, call.locator, call.needsDetail]))
    .digest("base64url");
}

function realIntent(extra: Record<string, unknown>): string | null {
  const value = extra.realIntentLevel;
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value) ? value : null;
}
