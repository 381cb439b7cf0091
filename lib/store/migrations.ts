import type { Db } from "./sql/sqlite";
import { backfillLastRobotLines } from "./robot-lines-sqlite";

/** The columns of calls that call_days and call_rounds (migration 6) count by. */
const ROLLUP_COLUMNS = [
  "started_key",
  "source_id",
  "task_id",
  "result",
  "hangup_by",
  "intent",
  "review_intent",
  "review_status",
  "rounds",
  "last_line",
];
const DAY_OF = (row: string) =>
  `CASE WHEN ${row}.started_key > 0 THEN (${row}.started_key + s.day_offset) / 86400000 ELSE -1 END`;
const DAYS_KEY = "day, source_id, task_id, result, hangup_by, effective_intent, review_status";
const ROUNDS_KEY = "hangup_by, rounds, last_line, source_id, task_id, effective_intent, review_status";

/** Trigger statements counting the call `row` (NEW) into call_days and call_rounds. */
function countIn(row: string): string {
  return `
    INSERT INTO call_days (${DAYS_KEY}, n)
      SELECT ${DAY_OF(row)}, ${row}.source_id, ${row}.task_id, ${row}.result, ifnull(${row}.hangup_by, ''),
             ifnull(${row}.effective_intent, ''), ${row}.review_status, 1
        FROM rollup_state s WHERE s.day_offset IS NOT NULL
      ON CONFLICT (${DAYS_KEY}) DO UPDATE SET n = n + 1;
    INSERT INTO call_rounds (${ROUNDS_KEY}, n)
      SELECT ifnull(${row}.hangup_by, ''), ifnull(${row}.rounds, -1), ifnull(${row}.last_line, 0), ${row}.source_id,
             ${row}.task_id, ifnull(${row}.effective_intent, ''), ${row}.review_status, 1
       WHERE ${row}.result = 'answered'
      ON CONFLICT (${ROUNDS_KEY}) DO UPDATE SET n = n + 1;`;
}

/** Trigger statements counting the call `row` (OLD) out again. */
function countOut(row: string): string {
  return `
    UPDATE call_days SET n = n - 1
     WHERE day = (SELECT ${DAY_OF(row)} FROM rollup_state s) AND source_id = ${row}.source_id
       AND task_id = ${row}.task_id AND result = ${row}.result AND hangup_by = ifnull(${row}.hangup_by, '')
       AND effective_intent = ifnull(${row}.effective_intent, '') AND review_status = ${row}.review_status;
    UPDATE call_rounds SET n = n - 1
     WHERE ${row}.result = 'answered' AND hangup_by = ifnull(${row}.hangup_by, '')
       AND rounds = ifnull(${row}.rounds, -1) AND last_line = ifnull(${row}.last_line, 0)
       AND source_id = ${row}.source_id AND task_id = ${row}.task_id
       AND effective_intent = ifnull(${row}.effective_intent, '') AND review_status = ${row}.review_status;`;
}

const ALERT_DAYS_KEY = `alert_names, ${DAYS_KEY}`;
/** The columns of calls call_alert_days is keyed by: call_days' (effective_intent: intent and review_intent). */
const ALERT_DAYS_COLUMNS = ROLLUP_COLUMNS.filter((column) => column !== "rounds" && column !== "last_line");
/**
 * A set of alert names as call_alert_days keys it — PostgreSQL's calls.alert_names: sorted, U+001F
 * between them, NULL for none. `names`: a query of the names. SQLite's BINARY order is PostgreSQL's
 * COLLATE "C" (both by UTF-8 bytes), so the two backends key the same set alike.
 */
const ALERT_NAMES = (names: string) => `(SELECT string_agg(name, char(31) ORDER BY name) FROM (${names}))`;

/**
 * A trigger statement adding `d` to call_alert_days at the key of call `row` with the alerts
 * `names` (none: nothing). `row` is NEW or OLD, or a calls row joined here by `seq`: a trigger on
 * call_alerts, which finds no call when it is being deleted (the BEFORE DELETE trigger on calls
 * counted its alerts out already, while they were still there).
 */
function alertDelta(row: "NEW" | "OLD" | { seq: string }, names: string, d: 1 | -1): string {
  const r = typeof row === "string" ? row : "c";
  const from = typeof row === "string" ? "" : `, calls c`;
  const where = typeof row === "string" ? "" : `AND c.seq = ${row.seq}`;
  return `
    INSERT INTO call_alert_days (${ALERT_DAYS_KEY}, n)
      SELECT a.names, ${DAY_OF(r)}, ${r}.source_id, ${r}.task_id, ${r}.result, ifnull(${r}.hangup_by, ''),
             ifnull(${r}.effective_intent, ''), ${r}.review_status, ${d}
        FROM rollup_state s${from}, (SELECT ${ALERT_NAMES(names)} AS names) a
       WHERE s.day_offset IS NOT NULL ${where} AND a.names IS NOT NULL
      ON CONFLICT (${ALERT_DAYS_KEY}) DO UPDATE SET n = n + excluded.n;`;
}

/**
 * call_alert_days counted again from the calls at rollup_state's offset (none: left empty):
 * migration 10 and analytics.ts when it dates the counts again. Empty table expected.
 */
export const SQLITE_COUNT_ALERT_DAYS = `
  INSERT INTO call_alert_days (${ALERT_DAYS_KEY}, n)
    SELECT a.names, ${DAY_OF("c")}, c.source_id, c.task_id, c.result, ifnull(c.hangup_by, ''),
           ifnull(c.effective_intent, ''), c.review_status, COUNT(*)
      FROM rollup_state s, calls c
      JOIN (SELECT call_seq, string_agg(name, char(31) ORDER BY name) AS names FROM call_alerts GROUP BY call_seq) a
        ON a.call_seq = c.seq
     WHERE s.day_offset IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

/**
 * Versioned schema migrations, applied in order inside one transaction each; the version lives in
 * SQLite's `user_version`. Never edit a shipped migration: add the next one. `backfill` runs after
 * the SQL, in the same transaction, for values SQL alone cannot compute.
 */
export const MIGRATIONS: { version: number; name: string; sql: string; backfill?: (db: Db) => void }[] = [
  {
    version: 1,
    name: "calls, utterances, search, reviews, sync, quarantine, audit",
    sql: `
      CREATE TABLE calls (
        seq INTEGER PRIMARY KEY,              -- internal: tie-breaker for ordering, FTS rowid
        id TEXT NOT NULL UNIQUE,              -- public, opaque, derived from (source_id, call_key)
        source_id TEXT NOT NULL,
        vendor TEXT NOT NULL,
        task_id TEXT NOT NULL,
        call_key TEXT NOT NULL,
        vendor_call_id TEXT,
        callee TEXT NOT NULL,
        caller TEXT,
        started_at TEXT,
        answered_at TEXT,
        ended_at TEXT,
        duration_sec REAL,
        result TEXT NOT NULL,
        result_label TEXT,
        hangup_by TEXT,
        rounds INTEGER,
        intent TEXT,
        intent_label TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        has_recording INTEGER NOT NULL DEFAULT 0,
        -- sort keys: never NULL, so keyset paging stays simple; a missing value sorts lowest
        started_key INTEGER NOT NULL,
        duration_key REAL NOT NULL,
        rounds_key INTEGER NOT NULL,
        -- review mirror (the reviews table is the truth); sync never writes these
        review_status TEXT NOT NULL DEFAULT 'unreviewed',
        review_intent TEXT,
        effective_intent TEXT GENERATED ALWAYS AS (COALESCE(review_intent, intent)) VIRTUAL,
        -- where the canonical fields came from, so a later list or detail merges instead of clobbering
        locator TEXT NOT NULL,
        list_summary TEXT,
        detail_summary TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        recording_url TEXT,                   -- the vendor's own (signed) URL: server-side only
        transcript_state TEXT NOT NULL,       -- complete | pending (needs the detail) | none
        detail_attempts INTEGER NOT NULL DEFAULT 0,
        detail_error TEXT,
        raw_list TEXT,
        raw_detail TEXT,
        list_hash TEXT,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        detail_at TEXT,
        UNIQUE (source_id, call_key)
      );
      CREATE INDEX calls_started ON calls (started_key);
      CREATE INDEX calls_duration ON calls (duration_key);
      CREATE INDEX calls_rounds ON calls (rounds_key);
      CREATE INDEX calls_source_started ON calls (source_id, started_key);
      CREATE INDEX calls_task_started ON calls (task_id, started_key);
      CREATE INDEX calls_result_started ON calls (result, started_key);
      CREATE INDEX calls_hangup_started ON calls (hangup_by, started_key);
      CREATE INDEX calls_intent_started ON calls (effective_intent, started_key);
      CREATE INDEX calls_review_started ON calls (review_status, started_key);
      CREATE INDEX calls_pending ON calls (source_id, transcript_state) WHERE transcript_state = 'pending';

      CREATE TABLE utterances (
        call_seq INTEGER NOT NULL REFERENCES calls (seq) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        start_ms INTEGER,
        end_ms INTEGER,
        timing TEXT NOT NULL,
        interrupted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (call_seq, position)
      ) WITHOUT ROWID;

      -- Character bigrams of callee, caller and transcript (see search-text.ts); rowid = calls.seq.
      CREATE VIRTUAL TABLE calls_search USING fts5 (
        body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );

      CREATE TABLE reviews (
        call_id TEXT PRIMARY KEY,             -- public id: survives an index rebuild
        status TEXT NOT NULL,
        intent TEXT,
        note TEXT,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE review_events (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        status TEXT NOT NULL,
        intent TEXT,
        note TEXT,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        previous TEXT                         -- JSON of the review before this change
      );
      CREATE INDEX review_events_call ON review_events (call_id, id);

      CREATE TABLE sync_state (
        source_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,                  -- idle | syncing | error
        last_synced_at TEXT,
        last_error TEXT,
        run_id INTEGER,
        checkpoint TEXT                       -- JSON {taskId: cursor} of the run under way, for resuming
      );
      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL,                  -- running | done | error | interrupted
        pages INTEGER NOT NULL DEFAULT 0,
        calls INTEGER NOT NULL DEFAULT 0,
        details INTEGER NOT NULL DEFAULT 0,
        problems INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX sync_runs_source ON sync_runs (source_id, id);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        vendor_call_id TEXT,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        raw_hash TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        seen_count INTEGER NOT NULL DEFAULT 1,
        resolved_at TEXT,
        UNIQUE (source_id, raw_hash)
      );
      CREATE INDEX quarantine_open ON quarantine (source_id) WHERE resolved_at IS NULL;

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        username TEXT,
        role TEXT,
        action TEXT NOT NULL,
        target TEXT,
        ip TEXT,
        user_agent TEXT,
        detail TEXT
      );
      CREATE INDEX audit_at ON audit (at);

      CREATE TABLE peaks (
        call_id TEXT NOT NULL,
        resolution INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (call_id, resolution)
      );

      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: "covering list indexes: filter, sort and count from the index alone",
    // At 100,000 calls, the narrow (column, started_key) indexes left SQLite reading wide call rows
    // (raw payloads included) for every match before sorting: 50–150 ms a page. One covering index
    // per sort order holds every filter column, so a page is an in-order index scan that stops at
    // the limit, and a count never touches the table.
    sql: `
      DROP INDEX IF EXISTS calls_started;
      DROP INDEX IF EXISTS calls_duration;
      DROP INDEX IF EXISTS calls_rounds;
      DROP INDEX IF EXISTS calls_source_started;
      DROP INDEX IF EXISTS calls_task_started;
      DROP INDEX IF EXISTS calls_result_started;
      DROP INDEX IF EXISTS calls_hangup_started;
      DROP INDEX IF EXISTS calls_intent_started;
      DROP INDEX IF EXISTS calls_review_started;
      CREATE INDEX calls_list_started ON calls (started_key, seq, source_id, task_id, result, hangup_by,
        effective_intent, review_status, rounds, duration_sec);
      CREATE INDEX calls_list_duration ON calls (duration_key, seq, source_id, task_id, result, hangup_by,
        effective_intent, review_status, rounds, duration_sec, started_key);
      CREATE INDEX calls_list_rounds ON calls (rounds_key, seq, source_id, task_id, result, hangup_by,
        effective_intent, review_status, rounds, duration_sec, started_key);
    `,
  },
  {
    version: 3,
    name: "analytics: last robot line, vendor-corrected intent, alerts, alert notifications",
    // Drop-off groups customer hang-ups by the robot's last line: the line is cleaned once, at sync,
    // and kept as a small integer (robot_lines) so the analytics index stays narrow. real_intent is
    // the intent a vendor's console corrected (Tanyi's realIntentLevel): a reviewer's intent when
    // Callscope has none. call_alerts holds which alerts a call raises, for the `alert` filter.
    // calls_analytics covers every list filter plus these columns, led by result and hangup_by:
    // drop-off reads only answered calls, and no analytics query touches the wide call rows.
    sql: `
      CREATE TABLE robot_lines (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
      ALTER TABLE calls ADD COLUMN last_line INTEGER;
      ALTER TABLE calls ADD COLUMN real_intent TEXT;
      UPDATE calls SET real_intent = json_extract(extra, '$.realIntentLevel')
       WHERE vendor = 'tanyi' AND json_extract(extra, '$.realIntentLevel') IN ('A', 'B', 'C', 'D', 'E', 'F');
      CREATE TABLE call_alerts (
        name TEXT NOT NULL,
        call_seq INTEGER NOT NULL REFERENCES calls (seq) ON DELETE CASCADE,
        PRIMARY KEY (name, call_seq)
      ) WITHOUT ROWID;
      CREATE INDEX call_alerts_call ON call_alerts (call_seq);
      CREATE TABLE alert_notifications (
        call_id TEXT NOT NULL,
        alert TEXT NOT NULL,
        state TEXT NOT NULL,                  -- pending | sent | failed (gave up)
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,             -- epoch ms of the next attempt
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        PRIMARY KEY (call_id, alert)
      );
      CREATE INDEX alert_notifications_due ON alert_notifications (next_at) WHERE state = 'pending';
      CREATE INDEX calls_last_line ON calls (last_line) WHERE last_line IS NOT NULL;
      CREATE INDEX calls_analytics ON calls (result, hangup_by, started_key, source_id, task_id,
        effective_intent, review_status, rounds, duration_sec, intent, review_intent, real_intent, last_line);
    `,
    backfill: backfillLastRobotLines,
  },
  {
    version: 4,
    name: "review batches and annotations",
    // Both are keyed by the public call id, like reviews, so they survive an index rebuild. A batch
    // keeps how it was drawn (query, size, stratification, seed) so the sample can be drawn again.
    // An annotation is never deleted: it is marked, with who and when, and the audit log says so too.
    sql: `
      CREATE TABLE review_batches (
        id TEXT PRIMARY KEY,                  -- opaque, URL-safe
        name TEXT NOT NULL,
        query TEXT NOT NULL,                  -- a /api/calls query string, normalized
        size INTEGER NOT NULL,                -- asked for (the sample holds fewer when fewer match)
        share REAL,                           -- percent, when the size was asked as a share
        stratify TEXT,                        -- null | intent | source
        seed INTEGER NOT NULL,
        matched INTEGER NOT NULL,             -- calls the query matched when the batch was drawn
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE review_batch_calls (
        batch_id TEXT NOT NULL REFERENCES review_batches (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,            -- working order
        call_id TEXT NOT NULL,
        PRIMARY KEY (batch_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX review_batch_calls_call ON review_batch_calls (call_id);

      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        at_ms INTEGER,
        utterance INTEGER,
        label TEXT NOT NULL,
        note TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        deleted_by TEXT,
        deleted_at TEXT
      );
      CREATE INDEX annotations_call ON annotations (call_id, id);
      CREATE INDEX annotations_label ON annotations (label, call_id) WHERE deleted_at IS NULL;
    `,
  },
  {
    version: 5,
    name: "server-side sessions: sign-out, password changes and admins end them",
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,                  -- public handle: what an admin sees and ends
        token_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the cookie's token (the token is never stored)
        username TEXT NOT NULL,
        pw TEXT NOT NULL,                     -- fingerprint of the password hash it was made with
        created_at INTEGER NOT NULL,          -- epoch ms
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        ip TEXT,
        user_agent TEXT,
        ended_at INTEGER,
        ended_reason TEXT                     -- logout | idle | expired | password_changed | user_removed | admin
      );
      CREATE INDEX sessions_open ON sessions (username, created_at) WHERE ended_at IS NULL;
    `,
  },
  {
    version: 6,
    name: "audio-aligned timing: speech features, alignments, per-call conversation metrics",
    // Speech features (3 bytes per 10 ms frame and channel, lib/audio/speech.ts) are kept per call and
    // track ("full"; "customer" for a vendor's customer-only track, an empty body when there is none),
    // so a changed transcript is aligned again without downloading the recording again. One alignment
    // per call: the latest transcript's, keyed by its hash. Its metrics are mirrored on the call row so
    // the list can filter and sort by them; metrics_hash says which transcript they were measured on
    // (NULL: not analysed yet). analysis_attempts/analysis_error: the background queue's failures, so a
    // recording that cannot be read is not fetched again and again.
    sql: `
      CREATE TABLE speech_features (
        call_id TEXT NOT NULL,
        track TEXT NOT NULL,                  -- full | customer
        created_at TEXT NOT NULL,
        body BLOB NOT NULL,                   -- encodeFeatures(); empty: the call has no such track
        PRIMARY KEY (call_id, track)
      ) WITHOUT ROWID;
      CREATE TABLE call_alignments (
        call_id TEXT PRIMARY KEY,
        transcript_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL                    -- CallAlignment JSON
      );
      ALTER TABLE calls ADD COLUMN robot_latency_median_ms REAL;
      ALTER TABLE calls ADD COLUMN robot_latency_max_ms REAL;
      ALTER TABLE calls ADD COLUMN dead_air_max_ms REAL;
      ALTER TABLE calls ADD COLUMN customer_talk_ratio REAL;
      ALTER TABLE calls ADD COLUMN barge_ins INTEGER;
      ALTER TABLE calls ADD COLUMN metrics_hash TEXT;
      ALTER TABLE calls ADD COLUMN analysis_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE calls ADD COLUMN analysis_error TEXT;
      -- Sorting by a metric, worst first or best first, nulls (not analysed, not measurable) last either way.
      CREATE INDEX calls_dead_air_desc ON calls (COALESCE(dead_air_max_ms, -1), seq);
      CREATE INDEX calls_dead_air_asc ON calls (COALESCE(dead_air_max_ms, 1e15), seq);
      CREATE INDEX calls_latency_desc ON calls (COALESCE(robot_latency_max_ms, -1), seq);
      CREATE INDEX calls_latency_asc ON calls (COALESCE(robot_latency_max_ms, 1e15), seq);
      -- The background queue's work list: answered calls with a recording, not analysed, newest first.
      CREATE INDEX calls_unanalysed ON calls (started_key)
        WHERE metrics_hash IS NULL AND result = 'answered' AND has_recording = 1;
    `,
  },
  {
    version: 7,
    name: "analytics at a million calls: per-day and per-round counts kept by triggers, reviewer and dated indexes",
    // At 1,000,000 calls every analytics query read hundreds of thousands of index entries, and the
    // trends grouped all of them through a sort: seconds. Most figures only need counts by a few
    // columns: call_days (per day, in a fixed UTC offset) and call_rounds (answered calls by round and
    // last robot line) hold them, kept exact by triggers on every write to calls, so a figure for
    // the usual filters reads thousands of rows. Other filters read the calls through an index:
    // calls_reviewed (the few calls with a reviewer's intent), calls_analytics_started (date
    // ranges, every column drop-off reads) and calls_by_seq (the calls a text search found).
    sql: `
      -- The fixed UTC offset call_days is dated in; NULL until the first trends query sets it (it is
      -- the configured zone's, which the index does not know).
      CREATE TABLE rollup_state (id INTEGER PRIMARY KEY CHECK (id = 1), day_offset INTEGER);
      INSERT INTO rollup_state (id, day_offset) VALUES (1, NULL);
      -- Calls per day and every column the list filters by that trends can be read with. A NULL is
      -- kept as '' (or -1 / 0 below): NULLs are never equal, so they cannot be part of a key.
      CREATE TABLE call_days (
        day INTEGER NOT NULL,                 -- (started_key + day_offset) / 86400000; -1: no start time
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        result TEXT NOT NULL,
        hangup_by TEXT NOT NULL,
        effective_intent TEXT NOT NULL,
        review_status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, source_id, task_id, result, hangup_by, effective_intent, review_status)
      ) WITHOUT ROWID;
      -- Answered calls by round and last robot line: drop-off's funnel and lines.
      CREATE TABLE call_rounds (
        hangup_by TEXT NOT NULL,
        rounds INTEGER NOT NULL,              -- -1: unknown
        last_line INTEGER NOT NULL,           -- 0: no robot line
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        effective_intent TEXT NOT NULL,
        review_status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (hangup_by, rounds, last_line, source_id, task_id, effective_intent, review_status)
      ) WITHOUT ROWID;
      INSERT INTO call_rounds (hangup_by, rounds, last_line, source_id, task_id, effective_intent, review_status, n)
        SELECT ifnull(hangup_by, ''), ifnull(rounds, -1), ifnull(last_line, 0), source_id, task_id,
               ifnull(effective_intent, ''), review_status, COUNT(*)
          FROM calls INDEXED BY calls_analytics WHERE result = 'answered' GROUP BY 1, 2, 3, 4, 5, 6, 7;

      CREATE TRIGGER calls_rollup_insert AFTER INSERT ON calls BEGIN ${countIn("NEW")} END;
      CREATE TRIGGER calls_rollup_delete AFTER DELETE ON calls BEGIN ${countOut("OLD")} END;
      CREATE TRIGGER calls_rollup_update AFTER UPDATE OF ${ROLLUP_COLUMNS.join(", ")} ON calls
        WHEN ${ROLLUP_COLUMNS.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(" OR ")}
        BEGIN ${countOut("OLD")} ${countIn("NEW")} END;

      CREATE INDEX calls_reviewed ON calls (started_key, source_id, task_id, result, hangup_by, effective_intent,
        review_status, rounds, duration_sec, intent, review_intent, real_intent)
        WHERE COALESCE(review_intent, real_intent) IS NOT NULL;
      CREATE INDEX calls_analytics_started ON calls (started_key, result, hangup_by, rounds, last_line, source_id,
        task_id, effective_intent, review_status, duration_sec, intent, review_intent, real_intent);
      -- A text search finds its calls by seq: read them here one by one rather than testing every call.
      CREATE INDEX calls_by_seq ON calls (seq, started_key, result, hangup_by, rounds, last_line, source_id, task_id,
        effective_intent, review_status, duration_sec, intent, review_intent, real_intent);
    `,
  },
  {
    version: 8,
    name: "sync leases: one instance syncs a source at a time",
    // A lease per source with a fencing token: an instance that stops renewing (it died) loses the
    // source after the lease runs out, and a run whose token is no longer current writes no checkpoint.
    sql: `
      CREATE TABLE sync_leases (
        source_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        token INTEGER NOT NULL,
        expires_at INTEGER NOT NULL           -- epoch ms
      );
    `,
  },
  {
    version: 9,
    name: "limits shared by instances (sign-in attempts, operators' number searches) and a revision per call",
    // Several instances on one index (PostgreSQL's migration 3 is the same): the sign-in throttle
    // and the number-search limit count in the index, not in one process's memory, and a call's
    // revision tells an instance's detail cache whether the index has moved on since it cached.
    sql: `
      CREATE TABLE login_attempts (
        key TEXT PRIMARY KEY,                 -- "pair:" username and client, or "ip:" client
        failures INTEGER NOT NULL,
        first_at INTEGER NOT NULL,            -- epoch ms: the window's start
        locked_until INTEGER NOT NULL         -- epoch ms; 0: not locked
      );
      CREATE INDEX login_attempts_first ON login_attempts (first_at);
      CREATE TABLE number_searches (
        username TEXT NOT NULL,
        number TEXT NOT NULL,
        searched_at INTEGER NOT NULL,         -- epoch ms: first searched in the current window
        PRIMARY KEY (username, number)
      ) WITHOUT ROWID;
      CREATE INDEX number_searches_at ON number_searches (searched_at);
      -- Raised by every write to what a call's detail shows (the call, its review, metrics, alerts).
      ALTER TABLE calls ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 10,
    name: "per-alert counts by day and filter column (PostgreSQL's call_alert_days), kept by triggers",
    // The summary bar's alert counts joined call_alerts to the calls: 2–3 s at a million calls while
    // its other figures read call_days. call_alert_days is PostgreSQL's (its migration 5): calls with
    // alerts per set of alerts and call_days' key, so one reader serves both backends.
    //
    // PostgreSQL keeps the set on the call (calls.alert_names) because its statement-level triggers
    // read whole transition tables; SQLite's row-level triggers look the set up in call_alerts
    // instead (an index seek of a few entries for the one call), which spares rewriting a wide call
    // row for every alert written — and 15 % of the calls here, at migration. So:
    // - a row of call_alerts written or removed moves its call from the set before to the set after;
    // - a call whose key columns change moves its set from the old key to the new;
    // - a call being deleted is counted out BEFORE the delete: its alerts go by ON DELETE CASCADE
    //   before an AFTER trigger would run, and their own triggers find the call gone.
    // INSERT OR REPLACE into call_alerts would count twice (its delete fires no trigger): none does.
    sql: `
      CREATE TABLE call_alert_days (
        alert_names TEXT NOT NULL,            -- the call's alerts, sorted, U+001F between them
        day INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        result TEXT NOT NULL,
        hangup_by TEXT NOT NULL,
        effective_intent TEXT NOT NULL,
        review_status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (${ALERT_DAYS_KEY})
      ) WITHOUT ROWID;
      ${SQLITE_COUNT_ALERT_DAYS};

      CREATE TRIGGER call_alerts_days_insert AFTER INSERT ON call_alerts BEGIN
        ${alertDelta({ seq: "NEW.call_seq" }, "SELECT name FROM call_alerts WHERE call_seq = NEW.call_seq AND name <> NEW.name", -1)}
        ${alertDelta({ seq: "NEW.call_seq" }, "SELECT name FROM call_alerts WHERE call_seq = NEW.call_seq", 1)}
      END;
      CREATE TRIGGER call_alerts_days_delete AFTER DELETE ON call_alerts BEGIN
        ${alertDelta({ seq: "OLD.call_seq" }, "SELECT name FROM call_alerts WHERE call_seq = OLD.call_seq UNION ALL SELECT OLD.name", -1)}
        ${alertDelta({ seq: "OLD.call_seq" }, "SELECT name FROM call_alerts WHERE call_seq = OLD.call_seq", 1)}
      END;
      CREATE TRIGGER calls_alert_days_update AFTER UPDATE OF ${ALERT_DAYS_COLUMNS.join(", ")} ON calls
        WHEN ${ALERT_DAYS_COLUMNS.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(" OR ")}
        BEGIN
          ${alertDelta("OLD", "SELECT name FROM call_alerts WHERE call_seq = OLD.seq", -1)}
          ${alertDelta("NEW", "SELECT name FROM call_alerts WHERE call_seq = NEW.seq", 1)}
        END;
      CREATE TRIGGER calls_alert_days_delete BEFORE DELETE ON calls BEGIN
        ${alertDelta("OLD", "SELECT name FROM call_alerts WHERE call_seq = OLD.seq", -1)}
      END;
    `,
  },
  {
    version: 11,
    name: "a fixed 1/64 sample of the calls, for totals the count tables do not hold (filter-sample.ts)",
    // PostgreSQL's calls_sample (its migration 6), with the filter columns first and the metrics
    // too: a total over a rounds or duration range is counted among ~15,600 calls at a million.
    // The predicate is filter-sample.ts's SQLITE_SAMPLE_PREDICATE, written out: a shipped
    // migration never changes with the code.
    sql: `
      CREATE INDEX calls_sample ON calls (started_key, source_id, task_id, result, hangup_by, effective_intent,
        review_status, rounds, duration_sec, intent, review_intent, real_intent, last_line, dead_air_max_ms,
        robot_latency_max_ms) WHERE ((seq * 2654435761) % 4294967296) < 67108864;
    `,
  },
  {
    version: 12,
    name: "answered calls by duration and by rounds: the shortest first without walking the unanswered",
    // An unanswered call has no rounds and no talk time (key -1 or 0), so the list's duration and
    // rounds indexes begin with the 620,000 unanswered calls of a million: the first page of
    // `sort=rounds:asc&result=answered` walked 310,000 entries (25 ms), of durations 50 ms. These
    // hold the answered calls alone (list-query.ts: ANSWERED_INDEX), with the other filter columns.
    sql: ["duration", "rounds"]
      .map(
        (order) => `
      CREATE INDEX calls_answered_${order} ON calls (${order}_key, seq, source_id, task_id, hangup_by,
        effective_intent, review_status, rounds, duration_sec, started_key) WHERE result = 'answered';`,
      )
      .join(""),
  },
];
