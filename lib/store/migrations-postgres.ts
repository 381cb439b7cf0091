/**
 * PostgreSQL's schema, versioned like SQLite's (migrations.ts) but starting where SQLite stands at
 * its version 6: a PostgreSQL index is always created new. Never edit a shipped migration: add the
 * next one (to both lists when the change concerns both). Applied by migratePostgres under an
 * advisory lock, so instances starting together migrate once.
 *
 * Every table keyed by a call carries the call's source_id at the head of its primary key, so that
 * the index can later be distributed by source (Citus) without reshaping it (README, "Scaling").
 */
const DAYS_KEY = "day, source_id, task_id, result, hangup_by, effective_intent, review_status";
const ALERT_DAYS_KEY = `alert_names, ${DAYS_KEY}`;
/** The columns of calls the count tables are keyed by (effective_intent: review_intent and intent). */
const COUNTED_COLUMNS = [
  "started_key",
  "source_id",
  "task_id",
  "result",
  "hangup_by",
  "effective_intent",
  "review_status",
  "rounds",
  "last_line",
  "alert_names",
];
const ROUNDS_KEY = "hangup_by, rounds, last_line, source_id, task_id, effective_intent, review_status";
/** A call row's key in call_days (`offset`: rollup_state.day_offset) and in call_rounds; NULLs as ''/-1/0. */
const DAYS_ROW = (offset: string) =>
  `CASE WHEN started_key > 0 THEN (started_key + ${offset}) / 86400000 ELSE -1 END AS day, source_id, task_id,
   result, COALESCE(hangup_by, '') AS hangup_by, COALESCE(effective_intent, '') AS effective_intent, review_status`;
const ROUNDS_ROW = `COALESCE(hangup_by, '') AS hangup_by, COALESCE(rounds, -1) AS rounds,
   COALESCE(last_line, 0) AS last_line, source_id, task_id, COALESCE(effective_intent, '') AS effective_intent,
   review_status`;

/**
 * reviewed_search filled again from calls_search: the documents of the calls with a reviewer's
 * intent. Migration 7, and bulk-fill-postgres.ts (whose session skips the triggers keeping it).
 */
export const POSTGRES_REVIEWED_SEARCH = `
  INSERT INTO reviewed_search (source_id, call_seq, body)
  SELECT s.source_id, s.call_seq, s.body
    FROM calls_search s JOIN calls c ON c.source_id = s.source_id AND c.seq = s.call_seq
   WHERE COALESCE(c.review_intent, c.real_intent) IS NOT NULL
  ON CONFLICT (source_id, call_seq) DO NOTHING`;

/**
 * calls.alert_names set again from call_alerts: the call's alerts, sorted, U+001F between them (no
 * alert: NULL). Migration 5, and bulk-fill-postgres.ts (whose session skips the trigger keeping it).
 */
export const POSTGRES_ALERT_NAMES = `
  UPDATE calls c SET alert_names = a.names
    FROM (SELECT call_seq, string_agg(name, chr(31) ORDER BY name COLLATE "C") AS names
            FROM call_alerts GROUP BY call_seq) a
   WHERE c.seq = a.call_seq AND c.alert_names IS DISTINCT FROM a.names;`;

/**
 * call_days and call_alert_days (dated at rollup_state's offset) and call_rounds counted again from
 * the calls: migration 5, analytics.ts when it dates them again, and bulk-fill-postgres.ts after a
 * fill (its session skips triggers). Empty tables expected.
 */
export const POSTGRES_COUNT_ALERT_DAYS = `
  INSERT INTO call_alert_days (${ALERT_DAYS_KEY}, n)
    SELECT alert_names, ${DAYS_ROW("s.day_offset")}, COUNT(*) FROM calls, rollup_state s
     WHERE s.day_offset IS NOT NULL AND alert_names IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
export const POSTGRES_COUNT_CALLS = `
  INSERT INTO call_days (${DAYS_KEY}, n)
    SELECT ${DAYS_ROW("s.day_offset")}, COUNT(*) FROM calls, rollup_state s
     WHERE s.day_offset IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ${POSTGRES_COUNT_ALERT_DAYS};
  INSERT INTO call_rounds (${ROUNDS_KEY}, n)
    SELECT ${ROUNDS_ROW}, COUNT(*) FROM calls WHERE result = 'answered' GROUP BY 1, 2, 3, 4, 5, 6, 7;`;

/**
 * The count upserts of the trigger function: `rows` is a query of call rows each with `d` (+1
 * counted in, -1 out). Added up per key first (a page of calls is a few keys), keys whose calls did
 * not move are left alone (an UPDATE that changes no counted column locks no count row), and the
 * rest are written in key order, so that two writers lock shared count rows in the same order.
 */
function countDelta(rows: string): string {
  return `
    SELECT s.day_offset INTO offset_ms FROM rollup_state s FOR SHARE;
    IF offset_ms IS NOT NULL THEN
      INSERT INTO call_days AS t (${DAYS_KEY}, n)
        SELECT ${DAYS_KEY}, SUM(d) FROM (SELECT ${DAYS_ROW("offset_ms")}, d FROM (${rows}) r) k
         GROUP BY ${DAYS_KEY} HAVING SUM(d) <> 0 ORDER BY ${DAYS_KEY}
      ON CONFLICT (${DAYS_KEY}) DO UPDATE SET n = t.n + EXCLUDED.n;
      INSERT INTO call_alert_days AS t (${ALERT_DAYS_KEY}, n)
        SELECT ${ALERT_DAYS_KEY}, SUM(d)
          FROM (SELECT alert_names, ${DAYS_ROW("offset_ms")}, d FROM (${rows}) r WHERE alert_names IS NOT NULL) k
         GROUP BY ${ALERT_DAYS_KEY} HAVING SUM(d) <> 0 ORDER BY ${ALERT_DAYS_KEY}
      ON CONFLICT (${ALERT_DAYS_KEY}) DO UPDATE SET n = t.n + EXCLUDED.n;
    END IF;
    INSERT INTO call_rounds AS t (${ROUNDS_KEY}, n)
      SELECT ${ROUNDS_KEY}, SUM(d) FROM (SELECT ${ROUNDS_ROW}, d FROM (${rows}) r WHERE result = 'answered') k
       GROUP BY ${ROUNDS_KEY} HAVING SUM(d) <> 0 ORDER BY ${ROUNDS_KEY}
    ON CONFLICT (${ROUNDS_KEY}) DO UPDATE SET n = t.n + EXCLUDED.n;`;
}

/**
 * Migration 5's test for an update that moves no counted column. It joins the transition tables
 * by seq, and PostgreSQL plans that join without statistics (a nested loop): an update of 134,000
 * calls (an alert re-index bumping their revision) ran for more than 15 minutes. Migration 8
 * replaces it with GROUPED_UNCHANGED: the counted columns of old and new calls added up per value
 * (+1 new, −1 old), linear, and unchanged exactly when no value is left over.
 */
const JOINED_UNCHANGED = `NOT EXISTS (SELECT 1 FROM old_calls o JOIN new_calls n ON n.seq = o.seq
                          WHERE (${COUNTED_COLUMNS.map((c) => `o.${c}`).join(", ")})
                                IS DISTINCT FROM (${COUNTED_COLUMNS.map((c) => `n.${c}`).join(", ")}))`;
const GROUPED_UNCHANGED = `NOT EXISTS (SELECT 1 FROM (SELECT ${COUNTED_COLUMNS.join(", ")}, 1 AS d FROM new_calls
                            UNION ALL SELECT ${COUNTED_COLUMNS.join(", ")}, -1 AS d FROM old_calls) r
                          GROUP BY ${COUNTED_COLUMNS.join(", ")} HAVING SUM(d) <> 0)`;

/** The count tables' trigger function on calls (migration 5; its test for an unchanged update, 8). */
function callsRollup(verb: "CREATE" | "CREATE OR REPLACE", unchanged: string): string {
  return `${verb} FUNCTION calls_rollup() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        offset_ms BIGINT;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${countDelta("SELECT *, 1 AS d FROM new_calls")}
        ELSIF TG_OP = 'DELETE' THEN
          ${countDelta("SELECT *, -1 AS d FROM old_calls")}
        ELSE
          -- Most updates (a detail, metrics, a revision) move no counted column: nothing to lock or add.
          IF ${unchanged} THEN
            RETURN NULL;
          END IF;
          ${countDelta("SELECT *, 1 AS d FROM new_calls UNION ALL SELECT *, -1 AS d FROM old_calls")}
        END IF;
        RETURN NULL;
      END
      $fn$;`;
}

/** `after`: statements run once the migration is committed, outside any transaction (VACUUM). */
export const POSTGRES_MIGRATIONS: { version: number; name: string; sql: string; after?: string[] }[] = [
  {
    version: 1,
    name: "calls, utterances, bigram search, reviews, sync, quarantine, audit, analytics, batches, sessions",
    sql: `
      CREATE TABLE calls (
        seq BIGSERIAL NOT NULL,
        id TEXT NOT NULL UNIQUE,
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
        duration_sec DOUBLE PRECISION,
        result TEXT NOT NULL,
        result_label TEXT,
        hangup_by TEXT,
        rounds INTEGER,
        intent TEXT,
        intent_label TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        has_recording INTEGER NOT NULL DEFAULT 0,
        started_key BIGINT NOT NULL,
        duration_key DOUBLE PRECISION NOT NULL,
        rounds_key INTEGER NOT NULL,
        review_status TEXT NOT NULL DEFAULT 'unreviewed',
        review_intent TEXT,
        effective_intent TEXT GENERATED ALWAYS AS (COALESCE(review_intent, intent)) STORED,
        locator TEXT NOT NULL,
        list_summary TEXT,
        detail_summary TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        recording_url TEXT,
        transcript_state TEXT NOT NULL,
        detail_attempts INTEGER NOT NULL DEFAULT 0,
        detail_error TEXT,
        raw_list BYTEA,
        raw_detail BYTEA,
        list_hash TEXT,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        detail_at TEXT,
        last_line INTEGER,
        real_intent TEXT,
        PRIMARY KEY (source_id, seq),
        UNIQUE (source_id, call_key),
        UNIQUE (seq)
      );
      CREATE INDEX calls_list_started ON calls (started_key, seq);
      CREATE INDEX calls_list_duration ON calls (duration_key, seq);
      CREATE INDEX calls_list_rounds ON calls (rounds_key, seq);
      CREATE INDEX calls_source_started ON calls (source_id, started_key, seq);
      CREATE INDEX calls_result_started ON calls (result, started_key);
      CREATE INDEX calls_intent_started ON calls (effective_intent, started_key);
      CREATE INDEX calls_review_started ON calls (review_status, started_key);
      CREATE INDEX calls_pending ON calls (source_id, transcript_state) WHERE transcript_state = 'pending';
      CREATE INDEX calls_last_line ON calls (last_line) WHERE last_line IS NOT NULL;

      CREATE TABLE utterances (
        source_id TEXT NOT NULL,
        call_seq BIGINT NOT NULL,
        position INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        start_ms DOUBLE PRECISION,
        end_ms DOUBLE PRECISION,
        timing TEXT NOT NULL,
        interrupted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source_id, call_seq, position),
        FOREIGN KEY (source_id, call_seq) REFERENCES calls (source_id, seq) ON DELETE CASCADE
      );
      CREATE INDEX utterances_call ON utterances (call_seq, position);

      -- The bigram document of search-text.ts as a tsvector written token by token with its
      -- positions (no parser, no locale): phrase queries (<->) find two-character words.
      CREATE TABLE calls_search (
        source_id TEXT NOT NULL,
        call_seq BIGINT NOT NULL,
        body TSVECTOR NOT NULL,
        PRIMARY KEY (source_id, call_seq),
        FOREIGN KEY (source_id, call_seq) REFERENCES calls (source_id, seq) ON DELETE CASCADE
      );
      CREATE INDEX calls_search_body ON calls_search USING GIN (body);
      CREATE INDEX calls_search_call ON calls_search (call_seq);

      CREATE TABLE reviews (
        call_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        intent TEXT,
        note TEXT,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE review_events (
        id BIGSERIAL PRIMARY KEY,
        call_id TEXT NOT NULL,
        status TEXT NOT NULL,
        intent TEXT,
        note TEXT,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        previous TEXT
      );
      CREATE INDEX review_events_call ON review_events (call_id, id);

      CREATE TABLE sync_state (
        source_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        last_synced_at TEXT,
        last_error TEXT,
        run_id BIGINT,
        checkpoint TEXT
      );
      CREATE TABLE sync_runs (
        id BIGSERIAL PRIMARY KEY,
        source_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL,
        pages INTEGER NOT NULL DEFAULT 0,
        calls INTEGER NOT NULL DEFAULT 0,
        details INTEGER NOT NULL DEFAULT 0,
        problems INTEGER NOT NULL DEFAULT 0,
        error TEXT
      );
      CREATE INDEX sync_runs_source ON sync_runs (source_id, id);

      CREATE TABLE quarantine (
        id BIGSERIAL PRIMARY KEY,
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
        id BIGSERIAL PRIMARY KEY,
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

      CREATE TABLE robot_lines (id BIGSERIAL PRIMARY KEY, text TEXT COLLATE "C" NOT NULL UNIQUE);
      CREATE TABLE call_alerts (
        source_id TEXT NOT NULL,
        name TEXT NOT NULL,
        call_seq BIGINT NOT NULL,
        PRIMARY KEY (source_id, name, call_seq),
        FOREIGN KEY (source_id, call_seq) REFERENCES calls (source_id, seq) ON DELETE CASCADE
      );
      CREATE INDEX call_alerts_call ON call_alerts (call_seq);
      CREATE INDEX call_alerts_name ON call_alerts (name, call_seq);
      CREATE TABLE alert_notifications (
        call_id TEXT NOT NULL,
        alert TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at BIGINT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        PRIMARY KEY (call_id, alert)
      );
      CREATE INDEX alert_notifications_due ON alert_notifications (next_at) WHERE state = 'pending';
      CREATE INDEX calls_analytics ON calls (result, hangup_by, started_key);

      CREATE TABLE review_batches (
        id TEXT PRIMARY KEY,
        seq BIGSERIAL NOT NULL,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        size INTEGER NOT NULL,
        share DOUBLE PRECISION,
        stratify TEXT,
        seed BIGINT NOT NULL,
        matched INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE review_batch_calls (
        batch_id TEXT NOT NULL REFERENCES review_batches (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        call_id TEXT NOT NULL,
        PRIMARY KEY (batch_id, position)
      );
      CREATE INDEX review_batch_calls_call ON review_batch_calls (call_id);

      CREATE TABLE annotations (
        id BIGSERIAL PRIMARY KEY,
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

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        username TEXT NOT NULL,
        pw TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        ip TEXT,
        user_agent TEXT,
        ended_at BIGINT,
        ended_reason TEXT
      );
      CREATE INDEX sessions_open ON sessions (username, created_at) WHERE ended_at IS NULL;

      CREATE TABLE sync_leases (
        source_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        token BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "audio-aligned timing: speech features, alignments, per-call conversation metrics",
    // SQLite's migration 6. The count tables of SQLite's migration 7 (call_days, call_rounds) were
    // left out here at first, counting the calls themselves instead: seconds at a million calls.
    // Migration 5 makes them.
    sql: `
      CREATE TABLE speech_features (
        call_id TEXT NOT NULL,
        track TEXT NOT NULL,                  -- full | customer
        created_at TEXT NOT NULL,
        body BYTEA NOT NULL,                  -- encodeFeatures(); empty: the call has no such track
        PRIMARY KEY (call_id, track)
      );
      CREATE TABLE call_alignments (
        call_id TEXT PRIMARY KEY,
        transcript_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL                    -- CallAlignment JSON
      );
      ALTER TABLE calls ADD COLUMN robot_latency_median_ms DOUBLE PRECISION;
      ALTER TABLE calls ADD COLUMN robot_latency_max_ms DOUBLE PRECISION;
      ALTER TABLE calls ADD COLUMN dead_air_max_ms DOUBLE PRECISION;
      ALTER TABLE calls ADD COLUMN customer_talk_ratio DOUBLE PRECISION;
      ALTER TABLE calls ADD COLUMN barge_ins INTEGER;
      ALTER TABLE calls ADD COLUMN metrics_hash TEXT;
      ALTER TABLE calls ADD COLUMN analysis_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE calls ADD COLUMN analysis_error TEXT;
      CREATE INDEX calls_dead_air_desc ON calls (COALESCE(dead_air_max_ms, -1), seq);
      CREATE INDEX calls_dead_air_asc ON calls (COALESCE(dead_air_max_ms, 1e15), seq);
      CREATE INDEX calls_latency_desc ON calls (COALESCE(robot_latency_max_ms, -1), seq);
      CREATE INDEX calls_latency_asc ON calls (COALESCE(robot_latency_max_ms, 1e15), seq);
      CREATE INDEX calls_unanalysed ON calls (started_key)
        WHERE metrics_hash IS NULL AND result = 'answered' AND has_recording = 1;
      CREATE INDEX calls_analytics_started ON calls (started_key, result, hangup_by);
    `,
  },
  {
    version: 3,
    name: "limits shared by instances (sign-in attempts, operators' number searches) and a revision per call",
    // SQLite's migration 9.
    sql: `
      CREATE TABLE login_attempts (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        first_at BIGINT NOT NULL,
        locked_until BIGINT NOT NULL
      );
      CREATE INDEX login_attempts_first ON login_attempts (first_at);
      CREATE TABLE number_searches (
        username TEXT NOT NULL,
        number TEXT NOT NULL,
        searched_at BIGINT NOT NULL,
        PRIMARY KEY (username, number)
      );
      CREATE INDEX number_searches_at ON number_searches (searched_at);
      ALTER TABLE calls ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 4,
    name: "covering indexes for the counts: totals, stats and analytics read an index, not the wide call rows",
    // With no count tables (migration 2), every total, facet and analytics figure counts the calls.
    // A call row is ~1 KB (summaries, the packed vendor payload), so counting from the table reads a
    // GB at a million calls; these indexes hold just the columns the filters and the counts read
    // (~100 bytes a call) and answer by index-only scans. calls_facets is keyed by start time (the
    // date filter) and replaces calls_analytics_started; calls_reviewed is SQLite's partial index of
    // calls with a reviewer's intent (intent agreement reads only those).
    sql: `
      DROP INDEX calls_analytics_started;
      CREATE INDEX calls_facets ON calls (started_key) INCLUDE (seq, source_id, task_id, result, hangup_by,
        rounds, duration_sec, effective_intent, intent, review_intent, real_intent, review_status, last_line);
      CREATE INDEX calls_reviewed ON calls (started_key) INCLUDE (seq, source_id, task_id, result, hangup_by,
        effective_intent, intent, review_intent, real_intent, review_status)
        WHERE COALESCE(review_intent, real_intent) IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: "per-day and per-round counts kept by triggers (SQLite's call_days and call_rounds)",
    // SQLite's migration 7, reversing migration 2's choice: at a million calls, counting the calls
    // for every total, facet and figure took seconds even from the covering indexes of migration 4.
    // The counts are kept by statement-level triggers reading transition tables: a page of calls
    // written by one INSERT is counted by one upsert per key, not a call at a time. Several
    // instances write at once, so the upserts add deltas (n = n + EXCLUDED.n, never a recount) in a
    // fixed key order; a deadlock that remains possible between two multi-statement transactions is
    // retried by PostgresSql.tx. Zero counts are kept (readers ask for n > 0, as on SQLite).
    //
    // Transition tables cannot go with UPDATE OF <columns> (PostgreSQL forbids it), so the UPDATE
    // trigger sees every update of calls and lets countDelta drop the keys that did not change.
    //
    // Unlike SQLite (dated at the first trends query), call_days is dated here at Asia/Shanghai's
    // +08:00, the display zone by default (lib/format.ts), so the list's total reads it from the
    // start; analytics.ts dates it again once if the configured zone has another offset. Each
    // writer's trigger share-locks rollup_state, so that re-dating waits for writers in flight and
    // writers for it: no call is counted at the old offset after the recount.
    sql: `
      -- No write to calls between the count below and the triggers (an older instance may still write).
      LOCK TABLE calls IN SHARE ROW EXCLUSIVE MODE;
      CREATE TABLE rollup_state (id INTEGER PRIMARY KEY CHECK (id = 1), day_offset BIGINT);
      INSERT INTO rollup_state (id, day_offset) VALUES (1, 28800000);
      CREATE TABLE call_days (
        day INTEGER NOT NULL,                 -- (started_key + day_offset) / 86400000; -1: no start time
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        result TEXT NOT NULL,
        hangup_by TEXT NOT NULL,              -- '': none
        effective_intent TEXT NOT NULL,       -- '': none
        review_status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (${DAYS_KEY})
      );
      -- The summary bar's alert counts: calls with alerts, per day and filter column as call_days,
      -- and per set of alerts (calls.alert_names, kept from call_alerts by trigger).
      ALTER TABLE calls ADD COLUMN alert_names TEXT;
      ${POSTGRES_ALERT_NAMES}
      CREATE TABLE call_alert_days (
        alert_names TEXT NOT NULL,
        day INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        result TEXT NOT NULL,
        hangup_by TEXT NOT NULL,
        effective_intent TEXT NOT NULL,
        review_status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (${ALERT_DAYS_KEY})
      );
      CREATE TABLE call_rounds (
        hangup_by TEXT NOT NULL,
        rounds INTEGER NOT NULL,              -- -1: unknown
        last_line INTEGER NOT NULL,           -- 0: no robot line
        source_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        effective_intent TEXT NOT NULL,
        review_status TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (${ROUNDS_KEY})
      );
      ${POSTGRES_COUNT_CALLS}

      ${callsRollup("CREATE", JOINED_UNCHANGED)}
      CREATE TRIGGER calls_rollup_insert AFTER INSERT ON calls REFERENCING NEW TABLE AS new_calls
        FOR EACH STATEMENT EXECUTE FUNCTION calls_rollup();
      CREATE TRIGGER calls_rollup_delete AFTER DELETE ON calls REFERENCING OLD TABLE AS old_calls
        FOR EACH STATEMENT EXECUTE FUNCTION calls_rollup();
      CREATE TRIGGER calls_rollup_update AFTER UPDATE ON calls
        REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls
        FOR EACH STATEMENT EXECUTE FUNCTION calls_rollup();

      -- A call's alerts written or removed: its alert_names set again (the UPDATE moves its counts).
      -- A call being deleted is gone already: nothing to set.
      CREATE FUNCTION call_alert_names() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE calls c SET alert_names = s.names
          FROM (SELECT k.call_seq, (SELECT string_agg(a.name, chr(31) ORDER BY a.name COLLATE "C")
                                      FROM call_alerts a WHERE a.call_seq = k.call_seq) AS names
                  FROM (SELECT DISTINCT call_seq FROM changed_alerts) k) s
         WHERE c.seq = s.call_seq AND c.alert_names IS DISTINCT FROM s.names;
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER call_alerts_insert AFTER INSERT ON call_alerts REFERENCING NEW TABLE AS changed_alerts
        FOR EACH STATEMENT EXECUTE FUNCTION call_alert_names();
      CREATE TRIGGER call_alerts_delete AFTER DELETE ON call_alerts REFERENCING OLD TABLE AS changed_alerts
        FOR EACH STATEMENT EXECUTE FUNCTION call_alert_names();
    `,
    // Setting alert_names rewrote every call with alerts (~15 %): their pages are no longer all-visible,
    // and the covering indexes' scans would read the call rows again (intent agreement 0.1 → 0.6 s at
    // a million) until a vacuum, which autovacuum would not start for 15 % of the table.
    after: ["VACUUM (ANALYZE) calls", "ANALYZE call_days, call_rounds, call_alert_days"],
  },
  {
    version: 6,
    name: "a fixed 1/64 sample of the search index: a common word's matches counted from it, then scaled",
    // search-sample-postgres.ts reads the bound from settings and writes the same predicate (its
    // test checks this text against it).
    // calls_sample: the sampled calls with calls_facets' columns, keyed by seq, so that a sampled
    // figure reads a 2 MB index instead of 2,600 call rows scattered over a GB.
    sql: `
      CREATE INDEX calls_search_sample ON calls_search USING GIN (body)
        WHERE (((call_seq % 4294967296) * 2654435761) % 4294967296) < 67108864;
      CREATE INDEX calls_sample ON calls (seq) INCLUDE (started_key, source_id, task_id, result, hangup_by,
          rounds, duration_sec, effective_intent, intent, review_intent, real_intent, review_status, last_line)
        WHERE (((seq % 4294967296) * 2654435761) % 4294967296) < 67108864;
      INSERT INTO settings (key, value) VALUES ('search_sample_below', '67108864')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    `,
  },
  {
    version: 7,
    name: "the search documents of reviewed calls in a table of their own: intent agreement under a text search",
    // Intent agreement reads only calls with a reviewer's intent (~2 % of calls). Under a text search
    // it had to collect every match of the word first (167,000 for 价格 at a million calls, 1.6–2.3 s)
    // to keep the few thousand reviewed ones. Those calls' documents are copied here, ~50 MB at a
    // million calls: the word is looked up among them, and their rows are read from a small table
    // that stays in memory (a partial index over calls_search found them as fast, then read them
    // scattered over its 525 MB). Kept by two triggers: a document written is copied when its call
    // has a reviewer's intent (calls_search is written after its call), and a call whose reviewer's
    // intent appears or goes copies or drops its document. Rows go with their call (the foreign key).
    sql: `
      CREATE TABLE reviewed_search (
        source_id TEXT NOT NULL,
        call_seq BIGINT NOT NULL,
        body TSVECTOR NOT NULL,
        PRIMARY KEY (source_id, call_seq),
        FOREIGN KEY (source_id, call_seq) REFERENCES calls (source_id, seq) ON DELETE CASCADE
      );
      CREATE FUNCTION reviewed_search_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM calls c WHERE c.source_id = NEW.source_id AND c.seq = NEW.call_seq
                     AND COALESCE(c.review_intent, c.real_intent) IS NOT NULL) THEN
          INSERT INTO reviewed_search (source_id, call_seq, body) VALUES (NEW.source_id, NEW.call_seq, NEW.body)
            ON CONFLICT (source_id, call_seq) DO UPDATE SET body = excluded.body;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER calls_search_reviewed AFTER INSERT OR UPDATE OF body ON calls_search
        FOR EACH ROW EXECUTE FUNCTION reviewed_search_written();
      CREATE FUNCTION reviewed_search_call() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF COALESCE(NEW.review_intent, NEW.real_intent) IS NULL THEN
          DELETE FROM reviewed_search WHERE source_id = NEW.source_id AND call_seq = NEW.seq;
        ELSE
          INSERT INTO reviewed_search (source_id, call_seq, body)
            SELECT source_id, call_seq, body FROM calls_search WHERE source_id = NEW.source_id AND call_seq = NEW.seq
            ON CONFLICT (source_id, call_seq) DO UPDATE SET body = excluded.body;
        END IF;
        RETURN NULL;
      END $$;
      -- WHEN: the function runs only for a call whose reviewed state changes, not for every re-sync.
      CREATE TRIGGER calls_reviewed_search AFTER UPDATE OF review_intent, real_intent ON calls FOR EACH ROW
        WHEN ((COALESCE(OLD.review_intent, OLD.real_intent) IS NULL) <> (COALESCE(NEW.review_intent, NEW.real_intent) IS NULL))
        EXECUTE FUNCTION reviewed_search_call();
      ${POSTGRES_REVIEWED_SEARCH};
      CREATE INDEX reviewed_search_body ON reviewed_search USING GIN (body);
    `,
    after: ["VACUUM ANALYZE reviewed_search"],
  },
  {
    version: 8,
    name: "the count tables' trigger tells an update that moves no count in linear time",
    // See JOINED_UNCHANGED: a nested loop over the transition tables, quadratic in the calls updated.
    sql: callsRollup("CREATE OR REPLACE", GROUPED_UNCHANGED),
  },
  {
    version: 9,
    name: "calls vacuumed after a few per cent of them change, so the covering indexes keep answering alone",
    // The counts and analytics read covering indexes by index-only scans, which need the visibility
    // map current. Autovacuum's default waits for 20 % of a table to change: an alert re-index that
    // rewrote 146,000 of a million calls (their alert_names) left them unvacuumed, and intent
    // agreement went from 7 ms to 480 ms (the planner fell back to reading the calls) until a
    // VACUUM. From 1 % (10,000 calls at a million) autovacuum comes within its minute's nap.
    // Inserted calls too: a sync's new calls are all-visible only after a vacuum. The statistics:
    // the planner guessed 41 % of calls have a reviewer's intent (2 %) and read them all.
    sql: `
      ALTER TABLE calls SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
        autovacuum_analyze_scale_factor = 0.02);
      CREATE STATISTICS calls_reviewer_intent ON (COALESCE(review_intent, real_intent)) FROM calls;
    `,
    after: ["ANALYZE calls"],
  },
  {
    version: 10,
    name: "the list's duration and rounds orders walk their index alone, as SQLite's do",
    // Migration 1 keyed them by the sort alone, so a page sorted by rounds and filtered read each
    // call row to test it: `sort=rounds:asc&result=answered` walked past 310,000 unanswered calls
    // (rounds 0) and read 119,000 heap pages, 0.4 s warm and 0.9 s cold at a million calls. With
    // the columns of the list's common filters included (source, task, result, hang-up, intent,
    // review, rounds, duration, date) such a walk is an index-only scan; the vendor's or reviewer's
    // intent, a metric, an alert or an annotation still read further. (The start-time order has
    // calls_facets, migration 4.) Not CONCURRENTLY (a migration is one transaction): reads of
    // the calls wait for the rebuild, ~5 s at a million calls, once.
    sql: ["duration", "rounds"]
      .map(
        (order) => `
      DROP INDEX calls_list_${order};
      CREATE INDEX calls_list_${order} ON calls (${order}_key, seq) INCLUDE (started_key, source_id, task_id,
        result, hangup_by, effective_intent, review_status, rounds, duration_sec);`,
      )
      .join(""),
  },
  {
    version: 11,
    name: "answered calls by duration and by rounds: the shortest first without walking the unanswered",
    // Migration 10 made the walk index-only, but an unanswered call has no rounds and no talk time
    // (key -1 or 0): `sort=rounds:asc&result=answered` still began with the 620,000 unanswered calls
    // of a million. These hold the answered calls alone (list-query.ts: ANSWERED_INDEX), as SQLite's
    // migration 12.
    sql: ["duration", "rounds"]
      .map(
        (order) => `
      CREATE INDEX calls_answered_${order} ON calls (${order}_key, seq) INCLUDE (started_key, source_id, task_id,
        hangup_by, effective_intent, review_status, rounds, duration_sec) WHERE result = 'answered';`,
      )
      .join(""),
  },
];
