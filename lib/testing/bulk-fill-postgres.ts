import type { AlertRule } from "@/lib/alerts/match";
import { callId } from "@/lib/calls/id";
import { AlertRules } from "@/lib/store/calls/alert-rules";
import { idKeyOf } from "@/lib/store/calls/id-key";
import { planUpsert, type CallValues } from "@/lib/store/calls/merge";
import { INSERT_CALL_ALERTS, INSERT_UTTERANCES, transcriptRows } from "@/lib/store/calls/write-postgres";
import {
  POSTGRES_ALERT_NAMES,
  POSTGRES_COUNT_CALLS,
  POSTGRES_REVIEWED_SEARCH,
} from "@/lib/store/migrations-postgres";
import { lastRobotLine } from "@/lib/store/robot-lines";
import { searchDocument, SEARCH_TOKENS_VERSION, tsVector } from "@/lib/store/search-text";
import { settingsRepository } from "@/lib/store/settings";
import type { Sql } from "@/lib/store/sql/executor";
import { numbered, PostgresSql } from "@/lib/store/sql/postgres";
import type { BenchCall } from "./bench-calls";
import { BENCH_REVIEWER, type FillOptions } from "./bulk-fill";

/**
 * bulk-fill.ts for PostgreSQL: fills an empty index with new calls in minutes instead of the hours a
 * sync takes at a million. The call rows are the store's own (planUpsert, the merge both writers
 * run, with packRaw and the list hash); what upsertPostgres and ReviewRepository.update write
 * beside them is written here too, a batch of calls per statement (INSERT … SELECT FROM unnest):
 * utterances, the robot-line dictionary and each call's last line, alerts, the bigram tsvector
 * (search-text.ts, the same document), reviews and their first events. Seqs are given in order
 * from 1, as a sync from empty gives them. The secondary indexes (GIN included) are dropped for
 * the fill and built once at the end, foreign-key triggers are skipped (the rows are consistent by
 * construction), and the tables are vacuumed and analysed afterwards, as autovacuum would. The
 * count tables (call_days, call_rounds) are counted once at the end, as migration 5 counts them.
 * bulk-fill-postgres.test.ts checks the result against a sync of the same calls.
 */
export async function bulkFillPostgres(
  store: Sql,
  calls: Iterable<BenchCall>,
  rules: readonly AlertRule[],
  options: FillOptions = {},
): Promise<number> {
  if (!(store instanceof PostgresSql)) throw new Error("bulkFillPostgres: a PostgreSQL store");
  const now = options.now ?? new Date().toISOString();
  const batch = options.batch ?? 5_000;
  const settings = settingsRepository(store);
  const idKey = await idKeyOf(settings);
  await settings.set("search_tokens", SEARCH_TOKENS_VERSION);
  const alerts = new AlertRules();
  alerts.configure([...rules]);

  return store.session(async (client) => {
    const q = (text: string, params: unknown[] = []) => client.query(text, params);
    const start = Number((await q("SELECT COALESCE(MAX(seq), 0) AS n FROM calls")).rows[0].n);
    if (start !== 0) throw new Error("bulkFillPostgres: the index must be empty");
    await q("SET synchronous_commit = off");
    // Foreign keys are triggers: skipped for the fill (superuser), every row is written with its call.
    // So are the count tables' triggers (migration 5): counted once at the end instead.
    await q("SET session_replication_role = replica");
    await q("SET maintenance_work_mem = '512MB'");

    // Secondary indexes (not those behind a primary key or unique constraint): built once at the end.
    const indexes = (
      await q(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
          WHERE t.relname IN ('calls', 'utterances', 'calls_search', 'call_alerts')
            AND t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      )
    ).rows as { name: string; def: string }[];
    for (const index of indexes) await q(`DROP INDEX ${index.name}`);

    const lineIds = new Map<string, number>();
    let seq = 0;
    const iterator = calls[Symbol.iterator]();
    for (;;) {
      const chunk: BenchCall[] = [];
      for (let next = iterator.next(); ; next = iterator.next()) {
        if (next.done) break;
        chunk.push(next.value);
        if (chunk.length === batch) break;
      }
      if (chunk.length === 0) break;

      const rows: { values: CallValues; seq: number; bench: BenchCall; line: string | null }[] = [];
      for (const bench of chunk) {
        const plan = planUpsert(
          { sourceId: bench.sourceId, vendor: bench.vendor, call: bench.call, from: "list" },
          undefined,
          now,
          (key) => callId(idKey, bench.sourceId, key),
        );
        if (plan.kind !== "insert") throw new Error("bulkFillPostgres: a new call must be an insert");
        const transcript = bench.call.transcript;
        rows.push({
          values: plan.values,
          seq: ++seq,
          bench,
          line: transcript ? lastRobotLine(transcript) : null,
        });
      }

      await q("BEGIN");
      try {
        // New robot lines first, in sorted order (as upsertPostgres adds a page's lines).
        const newLines = [
          ...new Set(rows.map((row) => row.line).filter((l): l is string => l !== null && !lineIds.has(l))),
        ].sort();
        if (newLines.length) {
          await q(
            `INSERT INTO robot_lines (text) SELECT t FROM unnest($1::text[]) AS t ORDER BY t ON CONFLICT (text) DO NOTHING`,
            [newLines],
          );
          const found = await q("SELECT id, text FROM robot_lines WHERE text = ANY($1::text[])", [newLines]);
          for (const row of found.rows as { id: string; text: string }[])
            lineIds.set(row.text, Number(row.id));
        }

        const reviewed = rows.filter((row) => row.bench.review);
        if (reviewed.length) {
          const ids = reviewed.map((row) => row.values.id);
          const statuses = reviewed.map((row) => row.bench.review!.status);
          const intents = reviewed.map((row) => row.bench.review!.intent);
          await q(
            `INSERT INTO reviews (call_id, status, intent, note, updated_by, updated_at)
             SELECT id, status, intent, NULL, $4, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, status, intent)`,
            [ids, statuses, intents, BENCH_REVIEWER, now],
          );
          await q(
            `INSERT INTO review_events (call_id, status, intent, note, changed_by, changed_at, previous)
             SELECT id, status, intent, NULL, $4, $5, NULL
               FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(id, status, intent, n)
              ORDER BY n`,
            [ids, statuses, intents, BENCH_REVIEWER, now],
          );
        }

        const col = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
        const v = <K extends keyof CallValues>(key: K) => col((row) => row.values[key]);
        await q(
          `INSERT INTO calls (seq, id, source_id, vendor, task_id, call_key, vendor_call_id, callee, caller,
             started_at, answered_at, ended_at, duration_sec, result, result_label, hangup_by, rounds, intent,
             intent_label, tags, has_recording, started_key, duration_key, rounds_key, review_status, review_intent,
             locator, list_summary, detail_summary, extra, recording_url, transcript_state, raw_list, raw_detail,
             list_hash, first_seen_at, updated_at, detail_at, real_intent, last_line)
           SELECT * FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::float8[], $14::text[], $15::text[],
             $16::text[], $17::int4[], $18::text[], $19::text[], $20::text[], $21::int4[], $22::int8[],
             $23::float8[], $24::int4[], $25::text[], $26::text[], $27::text[], $28::text[], $29::text[],
             $30::text[], $31::text[], $32::text[], $33::bytea[], $34::bytea[], $35::text[], $36::text[],
             $37::text[], $38::text[], $39::text[], $40::int8[])`,
          [
            col((row) => row.seq),
            v("id"),
            v("source_id"),
            v("vendor"),
            v("task_id"),
            v("call_key"),
            v("vendor_call_id"),
            v("callee"),
            v("caller"),
            v("started_at"),
            v("answered_at"),
            v("ended_at"),
            v("duration_sec"),
            v("result"),
            v("result_label"),
            v("hangup_by"),
            v("rounds"),
            v("intent"),
            v("intent_label"),
            v("tags"),
            v("has_recording"),
            v("started_key"),
            v("duration_key"),
            v("rounds_key"),
            // What the insert's subqueries read from reviews (ReviewRepository.update mirrors the same).
            col((row) => row.bench.review?.status ?? "unreviewed"),
            col((row) => row.bench.review?.intent ?? null),
            v("locator"),
            v("list_summary"),
            v("detail_summary"),
            v("extra"),
            v("recording_url"),
            v("transcript_state"),
            v("raw_list"),
            v("raw_detail"),
            v("list_hash"),
            v("now"),
            v("now"),
            v("detail_at"),
            v("real_intent"),
            // writeTranscript sets last_line for every call with a transcript (NULL without a robot line).
            col((row) => (row.line === null ? null : lineIds.get(row.line)!)),
          ],
        );

        const t = transcriptRows();
        const s = { source: [] as string[], seq: [] as number[], body: [] as string[] };
        for (const row of rows) {
          const { call, sourceId } = row.bench;
          const lines = call.transcript ?? [];
          t.add(
            sourceId,
            row.seq,
            lines,
            call.transcript === null ? [] : alerts.apply(call.transcript, []).names,
          );
          const document = searchDocument([
            row.values.callee,
            row.values.caller ?? "",
            ...lines.map((line) => line.text),
          ]);
          s.source.push(sourceId);
          s.seq.push(row.seq);
          s.body.push(tsVector(document));
        }
        if (t.utterances[0].length) await q(numbered(INSERT_UTTERANCES), t.utterances);
        if (t.alerts[0].length) await q(numbered(INSERT_CALL_ALERTS), t.alerts);
        await q(
          `INSERT INTO calls_search (source_id, call_seq, body)
           SELECT s, n, b::tsvector FROM unnest($1::text[], $2::int8[], $3::text[]) AS t(s, n, b)`,
          [s.source, s.seq, s.body],
        );
        await q("COMMIT");
      } catch (err) {
        await q("ROLLBACK").catch(() => undefined);
        throw err;
      }
      options.onProgress?.(seq);
      if (chunk.length < batch) break;
    }

    await q("SELECT setval(pg_get_serial_sequence('calls', 'seq'), GREATEST($1::int8, 1), $1::int8 > 0)", [
      seq,
    ]);
    // Each call's alert set (migration 5) and the reviewed calls' documents (7), whose triggers the
    // replica role skipped: before the indexes.
    await q(POSTGRES_ALERT_NAMES);
    await q(POSTGRES_REVIEWED_SEARCH);
    for (const index of indexes) await q(index.def);
    await q("SET session_replication_role = origin");
    for (const table of [
      "calls",
      "utterances",
      "calls_search",
      "reviewed_search",
      "call_alerts",
      "reviews",
      "review_events",
      "robot_lines",
    ])
      await q(`VACUUM ANALYZE ${table}`);
    // The count tables' triggers did not fire (replica role): the calls are counted once here, by
    // the migration's own statement, from the vacuumed table (an index-only scan).
    await q("DELETE FROM call_days");
    await q("DELETE FROM call_rounds");
    await q("DELETE FROM call_alert_days");
    await q(POSTGRES_COUNT_CALLS);
    for (const table of ["call_days", "call_rounds", "call_alert_days"]) await q(`VACUUM ANALYZE ${table}`);
    return seq;
  });
}
