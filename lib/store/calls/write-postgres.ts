import "server-only";
import { callId } from "@/lib/calls/id";
import type { Utterance } from "@/lib/model";
import type { Sql } from "../sql/executor";
import { lastRobotLine } from "../robot-lines";
import { searchDocument, tsVector } from "../search-text";
import type { AlertRules } from "./alert-rules";
import {
  EXISTING_COLUMNS,
  planUpsert,
  type CallValues,
  type ExistingCall,
  type UpsertCounts,
  type UpsertInput,
} from "./merge";

/**
 * The columns a list entry or a detail sets, the same way on a new row and an indexed one: named once,
 * so the INSERT, the UPDATE and their parameters cannot drift apart.
 */
const SET_COLUMNS = [
  "task_id",
  "vendor_call_id",
  "callee",
  "caller",
  "started_at",
  "answered_at",
  "ended_at",
  "duration_sec",
  "result",
  "result_label",
  "hangup_by",
  "rounds",
  "intent",
  "intent_label",
  "tags",
  "has_recording",
  "started_key",
  "duration_key",
  "rounds_key",
  "locator",
  "list_summary",
  "detail_summary",
  "extra",
  "recording_url",
  "transcript_state",
  "list_hash",
  "detail_at",
  "real_intent",
] as const satisfies readonly (keyof CallValues)[];

const INSERT = `
  INSERT INTO calls (id, source_id, vendor, call_key, ${SET_COLUMNS.join(", ")},
    raw_list, raw_detail, first_seen_at, updated_at, review_status, review_intent)
  VALUES (?, ?, ?, ?, ${SET_COLUMNS.map(() => "?").join(", ")}, ?, ?, ?, ?,
    COALESCE((SELECT status FROM reviews WHERE call_id = ?), 'unreviewed'),
    (SELECT intent FROM reviews WHERE call_id = ?))
  RETURNING seq`;

/** A payload the page does not carry (a list entry's raw detail, and the other way round) is kept. */
const UPDATE = `
  UPDATE calls SET ${SET_COLUMNS.map((column) => `${column} = ?`).join(", ")},
    raw_list = COALESCE(?, raw_list), raw_detail = COALESCE(?, raw_detail), updated_at = ?, revision = revision + 1,
    detail_attempts = CASE WHEN ? THEN 0 ELSE detail_attempts END,
    detail_error = CASE WHEN ? THEN NULL ELSE detail_error END
  WHERE source_id = ? AND seq = ?`;

const setValues = (v: CallValues) => SET_COLUMNS.map((column) => v[column]);

function insertParams(v: CallValues): unknown[] {
  return [
    v.id,
    v.source_id,
    v.vendor,
    v.call_key,
    ...setValues(v),
    v.raw_list,
    v.raw_detail,
    v.now,
    v.now,
    v.id,
    v.id,
  ];
}

function updateParams(v: CallValues, seq: number): unknown[] {
  const pending = v.transcript_state === "pending";
  return [
    ...setValues(v),
    v.raw_list,
    v.raw_detail,
    v.now,
    pending,
    pending || v.from === "detail",
    v.source_id,
    seq,
  ];
}

/**
 * PostgreSQL's writer: a page in one transaction. Several instances (a sync on one, a live detail on
 * another) may write one call at once, so each call's key is locked for the transaction before its
 * row is read: the second writer merges onto the first one's result instead of overwriting it.
 * Keys are locked in sorted order, so two pages that share calls cannot deadlock. The robot lines a
 * page ends on are added before (robotLineIds): outside the page's transaction, no row of that shared
 * dictionary stays locked while the page is written.
 */
export async function upsertPostgres(
  sql: Sql,
  idKey: Buffer,
  alerts: AlertRules,
  inputs: UpsertInput[],
  now: string,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (inputs.length === 0) return counts;
  const lineIds = await robotLineIds(
    sql,
    inputs.map((input) => (input.call.transcript ? lastRobotLine(input.call.transcript) : null)),
  );
  return sql.tx(async (tx) => {
    const keyOf = (input: UpsertInput) => `${input.sourceId}\u001f${input.key ?? input.call.key}`;
    const keys = [...new Set(inputs.map(keyOf))].sort();
    // Advisory locks are the database's, not the schema's: the key names the schema, so another index
    // in the same database (a test's schema, a staging copy) never waits on this one's calls.
    await tx.all(
      "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || k)) FROM unnest(?::text[]) AS k ORDER BY k",
      [keys],
    );
    const existing = new Map<string, ExistingCall>();
    for (const sourceId of new Set(inputs.map((input) => input.sourceId))) {
      const callKeys = inputs
        .filter((input) => input.sourceId === sourceId)
        .map((input) => input.key ?? input.call.key);
      const rows = await tx.all<ExistingCall & { call_key: string }>(
        `SELECT ${EXISTING_COLUMNS}, call_key FROM calls WHERE source_id = ? AND call_key = ANY(?::text[])`,
        [sourceId, callKeys],
      );
      for (const row of rows)
        existing.set(`${sourceId}\u001f${row.call_key}`, { ...row, seq: Number(row.seq) });
    }

    for (const input of inputs) {
      const key = keyOf(input);
      const before = existing.get(key);
      const plan = planUpsert(input, before, now, (callKey) => callId(idKey, input.sourceId, callKey));
      if (plan.kind === "unchanged") {
        counts.unchanged++;
        continue;
      }
      const { values } = plan;
      let seq: number;
      if (before) {
        seq = before.seq;
        await tx.run(UPDATE, updateParams(values, seq));
        counts.updated++;
      } else {
        seq = Number((await tx.get<{ seq: number }>(INSERT, insertParams(values)))!.seq);
        counts.inserted++;
      }
      existing.set(key, {
        seq,
        id: values.id,
        locator: values.locator,
        list_summary: values.list_summary,
        detail_summary: values.detail_summary,
        recording_url: values.recording_url,
        transcript_state: values.transcript_state,
        list_hash: values.list_hash,
        detail_at: values.detail_at,
        callee: values.callee,
        caller: values.caller,
      });
      if (plan.transcript) await writeTranscript(tx, alerts, values, seq, plan.transcript, now, lineIds);
      if (plan.reindex) {
        const lines = plan.transcript
          ? plan.transcript.map((line) => line.text)
          : (
              await tx.all<{ text: string }>(
                "SELECT text FROM utterances WHERE call_seq = ? ORDER BY position",
                [seq],
              )
            ).map((row) => row.text);
        const body = tsVector(searchDocument([values.callee, values.caller ?? "", ...lines]));
        await tx.run(
          `INSERT INTO calls_search (source_id, call_seq, body) VALUES (?, ?, ?::tsvector)
           ON CONFLICT (source_id, call_seq) DO UPDATE SET body = excluded.body`,
          [values.source_id, seq, body],
        );
      }
    }
    return counts;
  });
}

async function writeTranscript(
  tx: Sql,
  alerts: AlertRules,
  values: CallValues,
  seq: number,
  transcript: Utterance[],
  now: string,
  lineIds: Map<string, number>,
): Promise<void> {
  await tx.run("DELETE FROM utterances WHERE call_seq = ?", [seq]);
  if (transcript.length) {
    await tx.run(
      `INSERT INTO utterances (source_id, call_seq, position, speaker, text, start_ms, end_ms, timing, interrupted)
       SELECT ?, ?, * FROM unnest(?::int[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::int[])`,
      [
        values.source_id,
        seq,
        transcript.map((_, position) => position),
        transcript.map((line) => line.speaker),
        transcript.map((line) => line.text),
        transcript.map((line) => line.startMs),
        transcript.map((line) => line.endMs),
        transcript.map((line) => line.timing),
        transcript.map((line) => (line.interrupted ? 1 : 0)),
      ],
    );
  }
  const line = lastRobotLine(transcript);
  const lineId =
    line === null
      ? null
      : (lineIds.get(line) ??
        Number(
          (await tx.get<{ id: number }>(
            `INSERT INTO robot_lines (text) VALUES (?) ON CONFLICT (text) DO UPDATE SET text = excluded.text
             RETURNING id`,
            [line],
          ))!.id,
        ));
  await tx.run("UPDATE calls SET last_line = ? WHERE source_id = ? AND seq = ?", [
    lineId,
    values.source_id,
    seq,
  ]);
  const before = await tx.all<{ name: string }>("SELECT name FROM call_alerts WHERE call_seq = ?", [seq]);
  const raised = alerts.apply(
    transcript,
    before.map((row) => row.name),
  );
  await tx.run("DELETE FROM call_alerts WHERE call_seq = ?", [seq]);
  if (raised.names.length)
    await tx.run(
      `INSERT INTO call_alerts (source_id, name, call_seq) SELECT ?, name, ? FROM unnest(?::text[]) AS name
       ON CONFLICT DO NOTHING`,
      [values.source_id, seq, raised.names],
    );
  for (const name of raised.notify)
    await tx.run(
      `INSERT INTO alert_notifications (call_id, alert, state, attempts, next_at, created_at)
       VALUES (?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING`,
      [values.id, name, Date.parse(now) || Date.now(), now],
    );
}

/**
 * The ids of `lines` in robot_lines, added where missing: in statements of their own, outside any
 * page's transaction. Inside one, ON CONFLICT … DO UPDATE kept each existing line locked until the
 * page committed, and two sources' pages ending on the same lines in another order deadlocked.
 * Sorted, so concurrent inserts of new lines wait in one order. A line left by a page that then
 * failed is harmless (the dictionary only grows).
 */
async function robotLineIds(sql: Sql, lines: (string | null)[]): Promise<Map<string, number>> {
  const texts = [...new Set(lines.filter((line): line is string => line !== null))].sort();
  const ids = new Map<string, number>();
  if (texts.length === 0) return ids;
  await sql.run(
    `INSERT INTO robot_lines (text) SELECT t FROM unnest(?::text[]) AS t ORDER BY t ON CONFLICT (text) DO NOTHING`,
    [texts],
  );
  const rows = await sql.all<{ id: number; text: string }>(
    "SELECT id, text FROM robot_lines WHERE text = ANY(?::text[])",
    [texts],
  );
  for (const row of rows) ids.set(row.text, Number(row.id));
  return ids;
}
