import "server-only";
import type Database from "better-sqlite3";
import { callId } from "@/lib/calls/id";
import type { Utterance } from "@/lib/model";
import type { Db } from "../sql/sqlite";
import { lastRobotLine } from "../robot-lines";
import { robotLineIdSync } from "../robot-lines-sqlite";
import { searchDocument } from "../search-text";
import type { AlertRules } from "./alert-rules";
import {
  EXISTING_COLUMNS,
  planUpsert,
  type ExistingCall,
  type UpsertCounts,
  type UpsertInput,
} from "./merge";

/**
 * A new call row (the analytics bench's bulk fill writes the very same rows: lib/testing/bulk-fill.ts).
 * The writer's own variant takes `@last_line` too: a new call's last robot line written with the row,
 * rather than by an UPDATE right after it, which would rewrite every index holding last_line and run
 * the count triggers a second time (counting the call out and in again), for each call a sync lists.
 */
function insertCallSql(withLastLine: boolean): string {
  return `
      INSERT INTO calls (id, source_id, vendor, task_id, call_key, vendor_call_id, callee, caller, started_at,
        answered_at, ended_at, duration_sec, result, result_label, hangup_by, rounds, intent, intent_label, tags,
        has_recording, started_key, duration_key, rounds_key, review_status, review_intent, locator, list_summary,
        detail_summary, extra, recording_url, transcript_state, raw_list, raw_detail, list_hash, first_seen_at,
        updated_at, detail_at, real_intent${withLastLine ? ", last_line" : ""})
      VALUES (@id, @source_id, @vendor, @task_id, @call_key, @vendor_call_id, @callee, @caller, @started_at,
        @answered_at, @ended_at, @duration_sec, @result, @result_label, @hangup_by, @rounds, @intent, @intent_label,
        @tags, @has_recording, @started_key, @duration_key, @rounds_key,
        COALESCE((SELECT status FROM reviews WHERE call_id = @id), 'unreviewed'),
        (SELECT intent FROM reviews WHERE call_id = @id),
        @locator, @list_summary, @detail_summary, @extra, @recording_url, @transcript_state, @raw_list, @raw_detail,
        @list_hash, @now, @now, @detail_at, @real_intent${withLastLine ? ", @last_line" : ""})`;
}

export const INSERT_CALL_SQL = insertCallSql(false);

export const INSERT_UTTERANCE_SQL = `INSERT INTO utterances (call_seq, position, speaker, text, start_ms, end_ms,
  timing, interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** A call's transcript as utterances rows, in spoken order, with `insert` (INSERT_UTTERANCE_SQL prepared). */
export function insertUtterances(
  insert: Database.Statement,
  seq: number,
  transcript: readonly Utterance[],
): void {
  transcript.forEach((line, position) =>
    insert.run(
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
}

/**
 * SQLite's writer: the whole page in one synchronous transaction with prepared statements (the
 * sync's hot path: thousands of calls a second, no await between a read and its write).
 */
export function sqliteCallWriter(db: Db, alerts: AlertRules) {
  const statements = {
    existing: db.prepare(`SELECT ${EXISTING_COLUMNS} FROM calls WHERE source_id = ? AND call_key = ?`),
    insert: db.prepare(insertCallSql(true)),
    update: db.prepare(`
      UPDATE calls SET vendor_call_id = @vendor_call_id, task_id = @task_id, callee = @callee, caller = @caller,
        started_at = @started_at, answered_at = @answered_at, ended_at = @ended_at, duration_sec = @duration_sec,
        result = @result, result_label = @result_label, hangup_by = @hangup_by, rounds = @rounds, intent = @intent,
        intent_label = @intent_label, tags = @tags, has_recording = @has_recording, started_key = @started_key,
        duration_key = @duration_key, rounds_key = @rounds_key, locator = @locator, list_summary = @list_summary,
        detail_summary = @detail_summary, extra = @extra, recording_url = @recording_url,
        transcript_state = @transcript_state, raw_list = COALESCE(@raw_list, raw_list),
        raw_detail = COALESCE(@raw_detail, raw_detail), list_hash = @list_hash, updated_at = @now,
        detail_at = @detail_at, real_intent = @real_intent, revision = revision + 1,
        detail_attempts = CASE WHEN @transcript_state = 'pending' THEN 0 ELSE detail_attempts END,
        detail_error = CASE WHEN @transcript_state = 'pending' OR @from = 'detail' THEN NULL ELSE detail_error END
      WHERE seq = @seq`),
    deleteUtterances: db.prepare("DELETE FROM utterances WHERE call_seq = ?"),
    insertUtterance: db.prepare(INSERT_UTTERANCE_SQL),
    utteranceTexts: db.prepare("SELECT text FROM utterances WHERE call_seq = ? ORDER BY position").pluck(),
    setLastLine: db.prepare("UPDATE calls SET last_line = ? WHERE seq = ?"),
    callAlerts: db.prepare("SELECT name FROM call_alerts WHERE call_seq = ?").pluck(),
    deleteAlerts: db.prepare("DELETE FROM call_alerts WHERE call_seq = ?"),
    insertAlert: db.prepare("INSERT INTO call_alerts (name, call_seq) VALUES (?, ?) ON CONFLICT DO NOTHING"),
    queueNotification: db.prepare(
      `INSERT INTO alert_notifications (call_id, alert, state, attempts, next_at, created_at)
       VALUES (?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    deleteSearch: db.prepare("DELETE FROM calls_search WHERE rowid = ?"),
    insertSearch: db.prepare("INSERT INTO calls_search (rowid, body) VALUES (?, ?)"),
  };

  function upsertOne(input: UpsertInput, now: string, idKey: Buffer): keyof UpsertCounts {
    const key = input.key ?? input.call.key;
    const existing = statements.existing.get(input.sourceId, key) as ExistingCall | undefined;
    const plan = planUpsert(input, existing, now, (key) => callId(idKey, input.sourceId, key));
    if (plan.kind === "unchanged") return "unchanged";
    const { values } = plan;
    let seq: number;
    // A new call holds no utterances, alerts or last line yet (its seq's rows went with any call
    // deleted before: ON DELETE CASCADE): nothing to read or delete first.
    const lastLine = plan.transcript ? robotLineIdSync(db, lastRobotLine(plan.transcript)) : null;
    if (existing) {
      seq = existing.seq;
      statements.update.run({ ...values, seq });
    } else {
      seq = Number(statements.insert.run({ ...values, last_line: lastLine }).lastInsertRowid);
    }
    if (plan.transcript) {
      if (existing) statements.deleteUtterances.run(seq);
      insertUtterances(statements.insertUtterance, seq, plan.transcript);
      if (existing) statements.setLastLine.run(lastLine, seq);
      const before = existing ? (statements.callAlerts.all(seq) as string[]) : [];
      const raised = alerts.apply(plan.transcript, before);
      if (existing) statements.deleteAlerts.run(seq);
      for (const name of raised.names) statements.insertAlert.run(name, seq);
      for (const name of raised.notify)
        statements.queueNotification.run(values.id, name, Date.parse(now) || Date.now(), now);
    }
    if (plan.reindex) {
      const lines = plan.transcript
        ? plan.transcript.map((line) => line.text)
        : (statements.utteranceTexts.all(seq) as string[]);
      const body = searchDocument([values.callee, values.caller ?? "", ...lines]);
      if (existing) statements.deleteSearch.run(seq);
      statements.insertSearch.run(seq, body);
    }
    return existing ? "updated" : "inserted";
  }

  return {
    /** Must run inside a transaction (SqliteSql.exclusive). */
    upsert(inputs: UpsertInput[], now: string, idKey: Buffer): UpsertCounts {
      const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
      for (const input of inputs) counts[upsertOne(input, now, idKey)]++;
      return counts;
    },
  };
}
