import "server-only";
import { callId } from "@/lib/calls/id";
import type { Utterance } from "@/lib/model";
import type { Sql } from "../sql/executor";
import { lastRobotLine } from "../robot-lines";
import { searchDocument, tsVector } from "../search-text";
import type { AlertRules } from "./alert-rules";
import {
  EXISTING_COLUMNS,
  type Alongside,
  planUpsert,
  type CallValues,
  type ExistingCall,
  type UpsertCounts,
  type UpsertInput,
} from "./merge";

/**
 * The columns a list entry or a detail sets on an indexed call: named once, so the UPDATE and its
 * parameters cannot drift apart. (A new call's INSERT_MANY names them again, each with its array type.)
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

/**
 * A page's new calls in one statement: a row per element of the arrays, in page order (seqs are
 * given in that order, as one INSERT a call gave them), the review mirror read from reviews (a call
 * reviewed before it was indexed, as the one-row insert's subqueries read it). The calls' packed
 * payloads come as one binary parameter per kind, each call's a slice of it (offset, length; NULL:
 * none): as a bytea[] each was sent as hex text inside an array literal — twice its size, built and
 * escaped on the event loop (~2.5 ms a page of 100 payloads of 1.4 KB, against 0.3 ms as one blob).
 */
const INSERT_MANY = `
  WITH payloads AS (SELECT ?::bytea AS list, ?::bytea AS detail)
  INSERT INTO calls (id, source_id, vendor, task_id, call_key, vendor_call_id, callee, caller, started_at,
    answered_at, ended_at, duration_sec, result, result_label, hangup_by, rounds, intent, intent_label, tags,
    has_recording, started_key, duration_key, rounds_key, review_status, review_intent, locator, list_summary,
    detail_summary, extra, recording_url, transcript_state, raw_list, raw_detail, list_hash, first_seen_at,
    updated_at, detail_at, real_intent, last_line)
  SELECT v.id, v.source_id, v.vendor, v.task_id, v.call_key, v.vendor_call_id, v.callee, v.caller, v.started_at,
    v.answered_at, v.ended_at, v.duration_sec, v.result, v.result_label, v.hangup_by, v.rounds, v.intent,
    v.intent_label, v.tags, v.has_recording, v.started_key, v.duration_key, v.rounds_key,
    COALESCE(r.status, 'unreviewed'), r.intent, v.locator, v.list_summary, v.detail_summary, v.extra,
    v.recording_url, v.transcript_state,
    CASE WHEN v.raw_list_length IS NOT NULL THEN substring(p.list FROM v.raw_list_at + 1 FOR v.raw_list_length) END,
    CASE WHEN v.raw_detail_length IS NOT NULL
      THEN substring(p.detail FROM v.raw_detail_at + 1 FOR v.raw_detail_length) END,
    v.list_hash, ?, ?, v.detail_at, v.real_intent, v.last_line
  FROM payloads p, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
    ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[],
    ?::text[], ?::int4[], ?::int8[], ?::float8[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[],
    ?::text[], ?::text[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::int8[])
    WITH ORDINALITY AS v(id, source_id, vendor, task_id, call_key, vendor_call_id, callee, caller, started_at,
      answered_at, ended_at, duration_sec, result, result_label, hangup_by, rounds, intent, intent_label, tags,
      has_recording, started_key, duration_key, rounds_key, locator, list_summary, detail_summary, extra,
      recording_url, transcript_state, raw_list_at, raw_list_length, raw_detail_at, raw_detail_length, list_hash,
      detail_at, real_intent, last_line, n)
  LEFT JOIN reviews r ON r.call_id = v.id
  ORDER BY v.n
  RETURNING seq, id`;

function insertManyParams(rows: { values: CallValues; lastLine: number | null }[], now: string): unknown[] {
  const col = (pick: (v: CallValues) => unknown) => rows.map((row) => pick(row.values));
  const list = slices(col((v) => v.raw_list) as (Buffer | null)[]);
  const detail = slices(col((v) => v.raw_detail) as (Buffer | null)[]);
  return [
    list.blob,
    detail.blob,
    now,
    now,
    col((v) => v.id),
    col((v) => v.source_id),
    col((v) => v.vendor),
    col((v) => v.task_id),
    col((v) => v.call_key),
    col((v) => v.vendor_call_id),
    col((v) => v.callee),
    col((v) => v.caller),
    col((v) => v.started_at),
    col((v) => v.answered_at),
    col((v) => v.ended_at),
    col((v) => v.duration_sec),
    col((v) => v.result),
    col((v) => v.result_label),
    col((v) => v.hangup_by),
    col((v) => v.rounds),
    col((v) => v.intent),
    col((v) => v.intent_label),
    col((v) => v.tags),
    col((v) => v.has_recording),
    col((v) => v.started_key),
    col((v) => v.duration_key),
    col((v) => v.rounds_key),
    col((v) => v.locator),
    col((v) => v.list_summary),
    col((v) => v.detail_summary),
    col((v) => v.extra),
    col((v) => v.recording_url),
    col((v) => v.transcript_state),
    list.at,
    list.length,
    detail.at,
    detail.length,
    col((v) => v.list_hash),
    col((v) => v.detail_at),
    col((v) => v.real_intent),
    rows.map((row) => row.lastLine),
  ];
}

/** Payloads as one buffer and each one's place in it (null: no payload). */
function slices(payloads: (Buffer | null)[]): {
  blob: Buffer;
  at: (number | null)[];
  length: (number | null)[];
} {
  const at: (number | null)[] = [];
  const length: (number | null)[] = [];
  let offset = 0;
  for (const payload of payloads) {
    at.push(payload ? offset : null);
    length.push(payload ? payload.length : null);
    offset += payload?.length ?? 0;
  }
  return {
    blob: Buffer.concat(payloads.filter((payload): payload is Buffer => payload !== null)),
    at,
    length,
  };
}

/** A payload the page does not carry (a list entry's raw detail, and the other way round) is kept. */
const UPDATE = `
  UPDATE calls SET ${SET_COLUMNS.map((column) => `${column} = ?`).join(", ")},
    raw_list = COALESCE(?, raw_list), raw_detail = COALESCE(?, raw_detail), updated_at = ?, revision = revision + 1,
    detail_attempts = CASE WHEN ? THEN 0 ELSE detail_attempts END,
    detail_error = CASE WHEN ? THEN NULL ELSE detail_error END
  WHERE source_id = ? AND seq = ?`;

const setValues = (v: CallValues) => SET_COLUMNS.map((column) => v[column]);

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
  alongside?: Alongside,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (inputs.length === 0) {
    if (alongside) await sql.tx(alongside);
    return counts;
  }
  const lineIds = await robotLineIds(
    sql,
    inputs.map((input) => (input.call.transcript ? lastRobotLine(input.call.transcript) : null)),
  );
  return sql.tx(async (tx) => {
    // First: a fence that fails there leaves the page unwritten, and holds no call's lock meanwhile.
    await alongside?.(tx);
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

    // A key twice in one page: its second entry is planned on the first one's result, in a later round.
    let pending = inputs;
    while (pending.length) {
      const round: UpsertInput[] = [];
      const later: UpsertInput[] = [];
      const seen = new Set<string>();
      for (const input of pending) {
        const key = keyOf(input);
        (seen.has(key) ? later : round).push(input);
        seen.add(key);
      }
      await writeRound(tx, idKey, alerts, round, existing, keyOf, now, lineIds, counts);
      pending = later;
    }
    return counts;
  });
}

interface Planned {
  key: string;
  values: CallValues;
  seq: number;
  /** The call was indexed before this page (an update); else inserted by it. */
  before: boolean;
  transcript: Utterance[] | null;
  reindex: boolean;
}

/**
 * Calls with distinct keys, a statement for each kind of row rather than for each call (a sync
 * from empty writes thousands of calls a second): the new calls in one INSERT, the changed ones an
 * UPDATE each, then every transcript's utterances, alerts and search documents together.
 */
async function writeRound(
  tx: Sql,
  idKey: Buffer,
  alerts: AlertRules,
  inputs: UpsertInput[],
  existing: Map<string, ExistingCall>,
  keyOf: (input: UpsertInput) => string,
  now: string,
  lineIds: Map<string, number>,
  counts: UpsertCounts,
): Promise<void> {
  const planned: Planned[] = [];
  for (const input of inputs) {
    const key = keyOf(input);
    const before = existing.get(key);
    const plan = planUpsert(input, before, now, (callKey) => callId(idKey, input.sourceId, callKey));
    if (plan.kind === "unchanged") {
      counts.unchanged++;
      continue;
    }
    planned.push({
      key,
      values: plan.values,
      seq: before?.seq ?? 0,
      before: before !== undefined,
      transcript: plan.transcript,
      reindex: plan.reindex,
    });
  }
  if (planned.length === 0) return;

  // The robot line each new transcript ends on (its id; NULL: no robot line with words).
  const lineOf = async (transcript: Utterance[]): Promise<number | null> => {
    const line = lastRobotLine(transcript);
    if (line === null) return null;
    let id = lineIds.get(line);
    if (id === undefined) {
      id = Number(
        (await tx.get<{ id: number }>(
          `INSERT INTO robot_lines (text) VALUES (?) ON CONFLICT (text) DO UPDATE SET text = excluded.text
           RETURNING id`,
          [line],
        ))!.id,
      );
      lineIds.set(line, id);
    }
    return id;
  };
  const lastLines = new Map<Planned, number | null>();
  for (const call of planned) if (call.transcript) lastLines.set(call, await lineOf(call.transcript));

  const inserts = planned.filter((call) => !call.before);
  if (inserts.length) {
    const rows = await tx.all<{ seq: number; id: string }>(
      INSERT_MANY,
      insertManyParams(
        inserts.map((call) => ({ values: call.values, lastLine: lastLines.get(call) ?? null })),
        now,
      ),
    );
    const seqs = new Map(rows.map((row) => [row.id, Number(row.seq)]));
    for (const call of inserts) call.seq = seqs.get(call.values.id)!;
    counts.inserted += inserts.length;
  }
  for (const call of planned) {
    if (!call.before) continue;
    await tx.run(UPDATE, updateParams(call.values, call.seq));
    counts.updated++;
  }
  for (const { key, values, seq } of planned)
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

  const transcribed = planned.filter((call) => call.transcript !== null);
  if (transcribed.length) await writeTranscripts(tx, alerts, transcribed, lastLines, now);

  const reindexed = planned.filter((call) => call.reindex);
  if (reindexed.length) {
    // A callee or caller changed without a new transcript: the stored lines make the rest of the document.
    const stored = new Map<number, string[]>();
    const unread = reindexed.filter((call) => !call.transcript).map((call) => call.seq);
    if (unread.length)
      for (const row of await tx.all<{ call_seq: number; text: string }>(
        "SELECT call_seq, text FROM utterances WHERE call_seq = ANY(?::int8[]) ORDER BY call_seq, position",
        [unread],
      )) {
        const seq = Number(row.call_seq);
        stored.set(seq, [...(stored.get(seq) ?? []), row.text]);
      }
    await tx.run(
      `INSERT INTO calls_search (source_id, call_seq, body)
       SELECT s, n, b::tsvector FROM unnest(?::text[], ?::int8[], ?::text[]) AS t(s, n, b)
       ON CONFLICT (source_id, call_seq) DO UPDATE SET body = excluded.body`,
      [
        reindexed.map((call) => call.values.source_id),
        reindexed.map((call) => call.seq),
        reindexed.map((call) => {
          const lines = call.transcript
            ? call.transcript.map((line) => line.text)
            : (stored.get(call.seq) ?? []);
          return tsVector(searchDocument([call.values.callee, call.values.caller ?? "", ...lines]));
        }),
      ],
    );
  }
}

/** New transcripts: their utterances, the call's last robot line (updates), alerts and notifications. */
async function writeTranscripts(
  tx: Sql,
  alerts: AlertRules,
  calls: Planned[],
  lastLines: Map<Planned, number | null>,
  now: string,
): Promise<void> {
  // Only a call indexed before this page can hold utterances, alerts or a last line to replace.
  const updated = calls.filter((call) => call.before);
  const beforeAlerts = new Map<number, string[]>();
  if (updated.length) {
    const seqs = updated.map((call) => call.seq);
    await tx.run("DELETE FROM utterances WHERE call_seq = ANY(?::int8[])", [seqs]);
    await tx.run(
      `UPDATE calls SET last_line = v.line FROM unnest(?::text[], ?::int8[], ?::int8[]) AS v(source_id, seq, line)
        WHERE calls.source_id = v.source_id AND calls.seq = v.seq`,
      [
        updated.map((call) => call.values.source_id),
        seqs,
        updated.map((call) => lastLines.get(call) ?? null),
      ],
    );
    for (const row of await tx.all<{ call_seq: number; name: string }>(
      "SELECT call_seq, name FROM call_alerts WHERE call_seq = ANY(?::int8[])",
      [seqs],
    )) {
      const seq = Number(row.call_seq);
      beforeAlerts.set(seq, [...(beforeAlerts.get(seq) ?? []), row.name]);
    }
    await tx.run("DELETE FROM call_alerts WHERE call_seq = ANY(?::int8[])", [seqs]);
  }

  const rows = transcriptRows();
  const notify = { id: [] as string[], alert: [] as string[] };
  for (const call of calls) {
    const transcript = call.transcript!;
    const raised = alerts.apply(transcript, beforeAlerts.get(call.seq) ?? []);
    rows.add(call.values.source_id, call.seq, transcript, raised.names);
    for (const name of raised.notify) {
      notify.id.push(call.values.id);
      notify.alert.push(name);
    }
  }
  if (rows.utterances[0].length) await tx.run(INSERT_UTTERANCES, rows.utterances);
  if (rows.alerts[0].length) await tx.run(INSERT_CALL_ALERTS, rows.alerts);
  if (notify.id.length)
    await tx.run(
      `INSERT INTO alert_notifications (call_id, alert, state, attempts, next_at, created_at)
       SELECT id, alert, 'pending', 0, ?, ? FROM unnest(?::text[], ?::text[]) AS v(id, alert)
       ON CONFLICT DO NOTHING`,
      [Date.parse(now) || Date.now(), now, notify.id, notify.alert],
    );
}

export const INSERT_UTTERANCES = `
  INSERT INTO utterances (source_id, call_seq, position, speaker, text, start_ms, end_ms, timing, interrupted)
  SELECT * FROM unnest(?::text[], ?::int8[], ?::int4[], ?::text[], ?::text[], ?::float8[], ?::float8[],
    ?::text[], ?::int4[])`;

export const INSERT_CALL_ALERTS = `
  INSERT INTO call_alerts (source_id, name, call_seq) SELECT * FROM unnest(?::text[], ?::text[], ?::int8[])
  ON CONFLICT DO NOTHING`;

/**
 * Many calls' utterances and raised alerts as parallel arrays, one element a row: the parameters of
 * INSERT_UTTERANCES and INSERT_CALL_ALERTS (one statement each for a whole page, or a bulk fill's batch).
 */
export function transcriptRows() {
  const utterances: [
    string[],
    number[],
    number[],
    string[],
    string[],
    (number | null)[],
    (number | null)[],
    string[],
    number[],
  ] = [[], [], [], [], [], [], [], [], []];
  const alerts: [string[], string[], number[]] = [[], [], []];
  return {
    utterances,
    alerts,
    add(sourceId: string, seq: number, transcript: readonly Utterance[], alertNames: Iterable<string>) {
      const [source, seqs, position, speaker, text, start, end, timing, interrupted] = utterances;
      transcript.forEach((line, i) => {
        source.push(sourceId);
        seqs.push(seq);
        position.push(i);
        speaker.push(line.speaker);
        text.push(line.text);
        start.push(line.startMs);
        end.push(line.endMs);
        timing.push(line.timing);
        interrupted.push(line.interrupted ? 1 : 0);
      });
      for (const name of alertNames) {
        alerts[0].push(sourceId);
        alerts[1].push(name);
        alerts[2].push(seq);
      }
    },
  };
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
